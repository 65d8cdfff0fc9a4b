"""Helpers shared by test modules (imported as ``from _helpers import …``)."""

from __future__ import annotations

import subprocess


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    """A CLI run printed no Python traceback."""
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stdout


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The single stderr line of a failed CLI run, asserting exit status 1, no traceback,
    the ``geoevents: error:`` prefix and a final newline."""
    err = proc.stderr.decode("utf-8")
    no_traceback(proc)
    assert proc.returncode == 1, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("geoevents: error: "), err
    assert err.endswith("\n")
    return lines[0]


def feature_of(gaz, text: str, needle: str, *, last: bool = False):
    """The feature the real pipeline makes of ``text`` whose text is ``needle``
    (case-insensitive): the first such, or the ``last``; asserting there is one."""
    from geoevents.events import annotate
    from geoevents.pipeline import locate

    feats = annotate(text, locate(text, gaz))
    found = [f for f in feats if f.text.lower() == needle.lower()]
    assert found, f"no feature {needle!r}: {[f.text for f in feats]}"
    return found[-1] if last else found[0]


#: The country (ISO alpha-2) the control tests' invented sentences mean by each place they
#: name, by the feature's text (any case): the war each sentence is about (its sides, the
#: places around) says where the name is. :func:`status_of` checks it.
MEANT_COUNTRY = {name.lower(): cc for cc, names in {
    "AF": "Archi | Baghlan-e Jadid | Daykundi | Ghoriyan | Gizab | Gizab district | "
          "Helmand province | Imam Sahib | Khanabad | Kunduz | Kunduz province | "
          "Lashkar Gah | Musa Qala | Pul-e Khumri | Qurghan district | Sangin | Sheberghan",
    "AZ": "Kelbajar | Stepanakert",
    "CD": "Kalemie | Oicha | Uvira",
    "CO": "Saravena",
    "EG": "Dabaa",
    "ET": "Adigrat | Adwa | Alamata | Axum | Bati | Dessie | Kombolcha | Korem | "
          "near Adigrat | the outskirts of Dessie | Wukro",
    "GE": "Akhalgori | Gori | Kareli | Kaspi",
    "IQ": "Anah | Baiji | Fallujah | Haditha | Hawija | Kirkuk | Mahmudiya District | Mosul | "
          "near Ramadi | near Rutba | Qaim | Ramadi | Rawah | Rutba | Samarra | Tal Afar | "
          "Tikrit | Tikrit citadel | Zakho",
    "KE": "Dadaab | in camps around Dadaab",
    "LY": "Hun | Sirte | Waddan | Zintan",
    "MK": "Markov Grad",
    "ML": "Aguelhok | Kidal | some 80 km north of Aguelhok | Tessalit",
    "MM": "Kyauktaw",
    "NG": "Azare | Bama | Damboa | the outskirts of Gwoza",
    "NP": "Jumla | Tansen",
    "PH": "Jolo",
    "PS": "Beit Hanoun",
    "RU": "Buynaksk | Khasavyurt",
    "SD": "El Fasher | Gedaref | Khartoum",
    "SO": "Baidoa | Garowe | Jilib | Jowhar | Kismayo | the edge of Jilib",
    "SS": "Bentiu | east of South Sudan | Juba",
    "SY": "Ariha | Daraa | Hama | Inkhil | Khan Shaykhun | Latakia | Nawa | "
          "Qamishli airport | Raqqa | Tal Abyad | Talkalakh",
    "TD": "Abeche",
    "UA": "Avdiivka | Bakhmut | Balakliia | Berdiansk | between Donetsk and Mariupol | "
          "Horlivka | Izium | Kharkiv | Kherson | Kherson airport | Kramatorsk | "
          "Kreminna | Kupiansk | Lysychansk | Marinka | Mykolaiv | near Vuhledar | Popasna | "
          "Robotyne | Siversk | Sloviansk | Soledar | the town's edge | Tokmak | Vuhledar | "
          "Zaporizhzhia",
    "XK": "Podujevo",
    "YE": "Al Hazm | Hodeidah city | Marib | Mocha | Mukalla | Nihm district | Sanaa | "
          "Zabid",
}.items() for name in names.split(" | ")}


def status_of(gaz, text: str, needle: str, *, last: bool = False, country: str | None = None
              ) -> tuple[str | None, str | None]:
    """The control status and side of :func:`feature_of`, asserting first that the feature
    is placed in ``country`` (ISO alpha-2), by default the one :data:`MEANT_COUNTRY` gives
    the needle, if any: a status is only right of the place the sentence means."""
    f = feature_of(gaz, text, needle, last=last)
    want = country or MEANT_COUNTRY.get(needle.lower())
    assert want is None or f.country == want, (
        f"{needle!r} is placed at {f.place} ({f.country}), not in {want}: {text!r}")
    return f.status, f.side


def place_claim(status: str, side: str, date: str, *, lat: float, lon: float,
                event_type: str | None = "Battles", counterpart: str | None = None,
                report: str = "r"):
    """A claim about the one place ``p`` at (``lat``, ``lon``), dated to the day, quoted from
    ``report``: the unit the front-line policy tests build their sequences from."""
    from shapely.geometry import Point

    from geoevents.timeline import Claim, Source

    sources = (Source(report, f"p-{date}", None, date, None, None, "p quote"),)
    return Claim(place_key="p", place="p", status=status, side=side, counterpart=counterpart,
                 date=date, date_precision=1, lat=lat, lon=lon, uncertainty_m=1000.0,
                 geometry=Point(lon, lat), event_type=event_type, negated=False,
                 sources=sources)


def coast_claim(status: str, side: str | None, date: str, event_type: str | None = "Battles",
                **kw: str | None):
    """:func:`place_claim` of ``p`` on a coast (11.3° S, 40.35° E), for the policy tests."""
    return place_claim(status, side, date, lat=-11.3, lon=40.35, event_type=event_type, **kw)


def coast_elsewhere(side: str, date: str = "2021-05-01", key: str = "q"):
    """A hold by ``side`` of another place, 30 km from :func:`coast_claim`'s: what puts
    ``side`` in the war."""
    from dataclasses import replace

    return replace(place_claim("held", side, date, lat=-11.6, lon=40.4), place_key=key,
                   place=key)


def status_in(gaz, date: str | None, text: str, needle: str, country: str):
    """The status and side the pipeline gives the feature ``needle`` of a report published on
    ``date``, asserting that it is placed in ``country``."""
    from geoevents.model import Report
    from geoevents.pipeline import locate

    feats = [f for f in locate(Report(text, date=date), gaz) if f.text == needle]
    assert feats, f"no feature {needle!r}"
    assert feats[0].country == country, (needle, feats[0].place, feats[0].country)
    return feats[0].status, feats[0].side
