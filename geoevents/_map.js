/* geoevents map: draws the features embedded by geoevents.render into a Leaflet map.
 *
 * Report text is untrusted. It reaches the page only as JSON strings, and from there only
 * through DOM text APIs (textContent, text nodes) or h(), which escapes it; links are made
 * only from http(s) addresses. Nothing from a report is ever parsed as HTML or run.
 */
(function (map, data) {
  "use strict";

  /** Escape text for the few Leaflet APIs that take HTML strings (layer-control names). */
  function h(s) {
    var d = document.createElement("div");
    d.textContent = s == null ? "" : String(s);
    return d.innerHTML.replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }

  function isWebAddress(s) {
    return typeof s === "string" && /^https?:\/\/[^\s"'<>`]+$/i.test(s);
  }

  /** A value: a string, or segments ["t", text] | ["c", code] | ["a", text, href]. */
  function put(parent, value) {
    if (typeof value === "string") {
      parent.appendChild(document.createTextNode(value));
      return;
    }
    value.forEach(function (s, i) {
      if (i) parent.appendChild(document.createTextNode(" "));
      if (s[0] === "c") {
        parent.appendChild(el("code", null, s[1]));
      } else if (s[0] === "a" && isWebAddress(s[2])) {
        var a = el("a", null, s[1]);
        a.href = s[2];
        a.rel = "noopener noreferrer nofollow";
        a.target = "_blank";
        parent.appendChild(a);
      } else {
        parent.appendChild(document.createTextNode(s[1]));
      }
    });
  }

  // features whose point estimates coincide (a place, "near X" and "within 2 km of X" all
  // have X's centre as their point): a point's popup lists the others, one click away
  var together = {};
  data.features.forEach(function (f) {
    if (!f.m) return;
    var key = f.lat.toFixed(4) + "," + f.lon.toFixed(4);
    (together[key] = together[key] || []).push(f);
  });
  function alsoHere(f) {
    return (together[f.lat.toFixed(4) + "," + f.lon.toFixed(4)] || []).filter(
      function (g) { return g !== f; });
  }

  function popup(f, layer) {
    var d = el("div", "ge-popup");
    d.setAttribute("data-feature", f.id);
    d.appendChild(el("div", "ge-kind", data.kinds[f.k].label));
    d.appendChild(el("h4", null, f.t));
    var q = el("blockquote");
    q.appendChild(document.createTextNode(f.q[0]));
    if (f.q.length === 3) {
      q.appendChild(el("mark", null, f.q[1]));
      q.appendChild(document.createTextNode(f.q[2]));
    }
    d.appendChild(q);
    var table = el("table");
    f.rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("th", null, r[0]));
      var td = el("td");
      put(td, r[1]);
      tr.appendChild(td);
      table.appendChild(tr);
    });
    d.appendChild(table);
    var others = layer ? alsoHere(f) : [];
    if (others.length) {
      var also = el("div", "ge-also", "Also at this point: ");
      others.forEach(function (g) {
        var b = el("button", null, g.t);
        b.type = "button";
        b.title = data.kinds[g.k].label;
        b.setAttribute("data-feature", g.id);
        L.DomEvent.on(b, "click", function (e) {
          L.DomEvent.stop(e);
          layer.setPopupContent(popup(g, layer));
        });
        also.appendChild(b);
      });
      d.appendChild(also);
    }
    return d;
  }

  function tip(f) {
    return function () { return el("span", null, f.t); };
  }

  // ------------------------------------------------------------------ base layers
  map.setMaxZoom(19);  // the base layers may be vector data, which sets no zoom limit
  var bases = {};
  var land = L.geoJSON(data.basemap.land, {
    interactive: false,
    pane: "tilePane",
    renderer: L.canvas({ padding: 0.5, pane: "tilePane" }),
    style: { color: "#8c8c8c", weight: 0.7, fillColor: "#f2efe6", fillOpacity: 1 }
  });
  land.getAttribution = function () { return data.basemap.attribution; };
  bases[h(data.basemap.name)] = land;
  data.tiles.forEach(function (t) {
    bases[h(t.name)] = L.tileLayer(t.url, { attribution: t.attribution, maxZoom: t.maxZoom });
  });
  var names = Object.keys(bases);
  var chosen = bases[names[Math.min(data.baseIndex, names.length - 1)]];
  function markOffline(layer) {
    var c = map.getContainer();
    if (layer === land) c.classList.add("ge-offline-base");
    else c.classList.remove("ge-offline-base");
  }
  chosen.addTo(map);
  markOffline(chosen);
  map.on("baselayerchange", function (e) { markOffline(e.layer); });

  // ------------------------------------------------------------------ features
  // One canvas for regions and points, so that a click reaches whichever is on top there
  // (a canvas above another would take every click); points are kept above regions, and
  // smaller regions above bigger ones, by restack().
  map.createPane("ge-features").style.zIndex = 450;
  var renderer = L.canvas({ padding: 0.5, pane: "ge-features" });
  var regions = L.featureGroup();
  var points = data.cluster
    ? L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40,
                             disableClusteringAtZoom: 12, spiderfyOnMaxZoom: false })
    : L.featureGroup();
  var items = [];
  data.features.forEach(function (f) {
    var color = f.col || data.kinds[f.k].color;
    var item = { f: f, region: null, point: null };
    if (f.g) {
      item.region = L.geoJSON(f.g, {
        renderer: renderer, pane: "ge-features",
        style: { color: color, weight: 1.5, dashArray: "4 4", fillColor: color,
                 fillOpacity: 0.12 }
      });
      item.region.bindPopup(function () { return popup(f); }, { maxWidth: 420 });
      item.region.bindTooltip(tip(f), { sticky: true });
    } else if (f.c) {
      item.region = L.circle([f.lat, f.lon], {
        radius: f.u, renderer: renderer, pane: "ge-features", interactive: false,
        color: color, weight: 1, dashArray: "4 4", fillColor: color, fillOpacity: 0.08
      });
    }
    if (f.m) {
      item.point = L.circleMarker([f.lat, f.lon], {
        renderer: renderer, pane: "ge-features", radius: 5, color: "#fff", weight: 1.5,
        fillColor: color, fillOpacity: 1, name: f.t
      });
      var content = function (layer) { return popup(f, layer); };
      item.point.bindPopup(content, { maxWidth: 420 });
      // "also at this point" swaps the content; the next opening shows this feature again
      item.point.on("popupclose", function () { this.setPopupContent(content); });
      item.point.bindTooltip(tip(f));
    }
    [item.region, item.point].forEach(function (l) { if (l) l.geoeventsId = f.id; });
    items.push(item);
  });

  // which kinds and reports are shown: a feature is drawn when both are switched on
  var shown = { kinds: data.kinds.map(function () { return true; }),
                reports: data.reports.map(function () { return true; }), until: null };
  function refresh() {
    var addP = [], delP = [];
    items.forEach(function (it) {
      var on = shown.kinds[it.f.k] && shown.reports[it.f.r] &&
        (!shown.until || !it.f.d || it.f.d <= shown.until);
      if (it.region) {
        if (on && !regions.hasLayer(it.region)) regions.addLayer(it.region);
        else if (!on && regions.hasLayer(it.region)) regions.removeLayer(it.region);
      }
      if (it.point) {
        if (on && !points.hasLayer(it.point)) addP.push(it.point);
        else if (!on && points.hasLayer(it.point)) delP.push(it.point);
      }
    });
    if (points.addLayers) {
      if (delP.length) points.removeLayers(delP);
      if (addP.length) points.addLayers(addP);
    } else {
      delP.forEach(function (l) { points.removeLayer(l); });
      addP.forEach(function (l) { points.addLayer(l); });
    }
    restack();
  }
  /** Drawing order on the shared canvas: regions big to small (the data's order), then points. */
  function restack() {
    items.forEach(function (it) { if (it.region && map.hasLayer(it.region)) it.region.bringToFront(); });
    items.forEach(function (it) { if (it.point && map.hasLayer(it.point)) it.point.bringToFront(); });
  }
  // with front lines on the map, they are the picture: the features' own uncertainty regions
  // start switched off (one click in the layer control shows them)
  if (!data.fronts.length) regions.addTo(map);
  points.addTo(map);
  refresh();
  map.on("overlayadd", function (e) { if (e.layer === regions) restack(); });

  // ------------------------------------------------------------------ controls
  var overlays = {};
  overlays["<b>Uncertainty regions</b>"] = regions;
  overlays["<b>Point estimates</b>"] = points;
  var toggles = [];
  function swatch(color, round) {
    return '<i class="ge-swatch' + (round ? " ge-round" : "") + '" style="background:' +
      color + '"></i>';
  }
  data.kinds.forEach(function (k, i) {
    var t = L.layerGroup();
    t.addTo(map);
    toggles.push({ layer: t, set: "kinds", i: i });
    overlays[swatch(k.color) + h(k.label) + " (" + k.count + ")"] = t;
  });
  if (data.reports.length > 1) {
    data.reports.forEach(function (r, i) {
      var t = L.layerGroup();
      t.addTo(map);
      toggles.push({ layer: t, set: "reports", i: i });
      overlays["<span class=\"ge-report\">" + h(r.title || r.id) +
        (r.date ? " · " + h(r.date) : "") + " (" + r.count + ")</span>"] = t;
    });
  }
  function toggled(e, value) {
    toggles.forEach(function (t) {
      if (t.layer === e.layer) {
        shown[t.set][t.i] = value;
        refresh();
      }
    });
  }
  map.on("overlayadd", function (e) { toggled(e, true); });
  map.on("overlayremove", function (e) { toggled(e, false); });
  // ------------------------------------------------------------------ front lines over time
  var front = null;
  if (data.fronts.length) {
    map.createPane("ge-fronts").style.zIndex = 420;
    var frontRenderer = L.canvas({ padding: 0.5, pane: "ge-fronts" });
    front = L.featureGroup().addTo(map);
    overlays["<b>Front lines and control</b>"] = front;
    var sideColor = {};
    data.sides.forEach(function (sd) { sideColor[sd.key] = sd.color; });
    var colorOf = function (p) {
      var s = p.side || (p.sides && p.sides[0]);
      return sideColor[s] || "#666";
    };
    var styleOf = function (ft) {
      var p = ft.properties, c = colorOf(p), claimed = p.certainty === "claimed";
      if (p.layer === "control") {
        return { color: c, weight: 1, fillColor: c, fillOpacity: claimed ? 0.12 : 0.28,
                 dashArray: claimed ? "6 4" : null };
      }
      if (p.layer === "grey_zone") {
        return { color: "#555", weight: 1, fillColor: "#8a8a8a", fillOpacity: 0.3,
                 dashArray: "2 4" };
      }
      if (p.layer === "contact_line") {
        return { color: "#111", weight: 3.5, dashArray: claimed ? "8 6" : null };
      }
      return { color: c, weight: 3, fillColor: c, fillOpacity: 0.9 };  // advances
    };
    var frontPopup = function (ft) {
      var p = ft.properties, d = el("div", "ge-popup");
      d.appendChild(el("div", "ge-kind", (p.layer || "").replace("_", " ")));
      d.appendChild(el("h4", null, [].concat(p.side || p.sides || []).join(" / ") ||
        "no side"));
      var table = el("table");
      [["Date", p.date], ["Certainty", p.certainty]].forEach(function (r) {
        if (r[1] == null) return;
        var tr = el("tr");
        tr.appendChild(el("th", null, r[0]));
        tr.appendChild(el("td", null, r[1]));
        table.appendChild(tr);
      });
      d.appendChild(table);
      var srcs = p.sources || [];
      if (srcs.length) {
        d.appendChild(el("b", null, "Reports behind it (" + srcs.length + ")"));
        var ul = el("ul", "ge-sources");
        srcs.forEach(function (src) {
          var li = el("li");
          if (typeof src === "string") {
            li.textContent = src;
          } else {
            var title = src.report_title || src.report || "";
            li.appendChild(el("b", null, title));
            if (src.report_date) li.appendChild(document.createTextNode(" · " + src.report_date));
            if (src.claimed_by) li.appendChild(document.createTextNode(" · " + src.claimed_by));
            if (src.quote) li.appendChild(el("blockquote", null, src.quote));
          }
          ul.appendChild(li);
        });
        d.appendChild(ul);
      }
      return d;
    };
    var showFront = function (i) {
      front.clearLayers();
      var day = data.fronts[i];
      L.geoJSON(day.fc, {
        renderer: frontRenderer, pane: "ge-fronts", style: styleOf,
        onEachFeature: function (ft, layer) {
          layer.bindPopup(function () { return frontPopup(ft); }, { maxWidth: 420 });
        }
      }).addTo(front);
      shown.until = day.date;
      refresh();
      label.textContent = day.date;
    };
    var slider = L.control({ position: "bottomright" });
    var label = el("span", "ge-date");
    var range = el("input");
    slider.onAdd = function () {
      var d = el("div", "ge-slider");
      var play = el("button", null, "▶");
      play.type = "button";
      play.title = "Replay day by day";
      range.type = "range";
      range.min = 0;
      range.max = data.fronts.length - 1;
      range.value = data.fronts.length - 1;
      range.setAttribute("aria-label", "date");
      L.DomEvent.on(range, "input change", function () { showFront(+range.value); });
      var timer = null;
      L.DomEvent.on(play, "click", function (e) {
        L.DomEvent.stop(e);
        if (timer) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
        range.value = 0;
        showFront(0);
        play.textContent = "❚❚";
        timer = setInterval(function () {
          if (+range.value >= data.fronts.length - 1) {
            clearInterval(timer); timer = null; play.textContent = "▶"; return;
          }
          range.value = +range.value + 1;
          showFront(+range.value);
        }, 900);
      });
      d.appendChild(play);
      d.appendChild(range);
      d.appendChild(label);
      L.DomEvent.disableClickPropagation(d);
      L.DomEvent.disableScrollPropagation(d);
      return d;
    };
    slider.addTo(map);
    showFront(data.fronts.length - 1);
  }

  L.control.layers(bases, overlays,
                   { collapsed: data.features.length > 0 && data.reports.length > 8 })
    .addTo(map);

  if (L.Control.Search && items.some(function (it) { return it.point; })) {
    var search = new L.Control.Search({
      layer: points, propertyName: "name", initial: false, zoom: 12, marker: false,
      textPlaceholder: "Search places…", position: "topleft",
      buildTip: function (text) {
        var a = el("a", "search-tip", text);
        a.href = "#";
        return a;
      }
    });
    search.on("search:locationfound", function (e) {
      if (points.zoomToShowLayer) {
        points.zoomToShowLayer(e.layer, function () { e.layer.openPopup(); });
      } else if (e.layer.openPopup) {
        e.layer.openPopup();
      }
    });
    map.addControl(search);
  }

  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var d = el("div", "ge-legend");
    d.appendChild(el("b", null, data.kinds.length ? "Kinds" : "No located mentions"));
    data.kinds.forEach(function (k) {
      var row = el("div");
      var i = el("i", "ge-swatch");
      i.style.background = k.color;
      row.appendChild(i);
      row.appendChild(document.createTextNode(k.label + " (" + k.count + ")"));
      d.appendChild(row);
    });
    if (data.sides.length) {
      d.appendChild(el("b", "ge-sides", "Sides"));
      data.sides.forEach(function (sd) {
        var row = el("div");
        var i = el("i", "ge-swatch ge-round");
        i.style.background = sd.color;
        row.appendChild(i);
        row.appendChild(document.createTextNode(sd.label));
        d.appendChild(row);
      });
    }
    if (data.kinds.length) {
      d.appendChild(el("div", "ge-note", data.sides.length
        ? "dots coloured by side (grey: none named); dashed shapes: uncertainty"
        : "dashed shapes: uncertainty; dots: point estimates"));
    }
    if (data.fronts.length) {
      d.appendChild(el("div", "ge-note", "front lines: solid assessed, dashed claimed; " +
        "hatched grey: contested; arrows: advances"));
    }
    L.DomEvent.disableClickPropagation(d);
    return d;
  };
  legend.addTo(map);

  if (data.title || data.subtitle.length) {
    var box = L.control({ position: "topright" });
    box.onAdd = function () {
      var d = el("div", "ge-title");
      if (data.title) d.appendChild(el("div", "ge-title-text", data.title));
      if (data.subtitle.length) {
        var s = el("div", "ge-subtitle");
        put(s, data.subtitle);
        d.appendChild(s);
      }
      L.DomEvent.disableClickPropagation(d);
      return d;
    };
    box.addTo(map);
  }

  if (data.bounds) map.fitBounds(data.bounds, { maxZoom: 14 });

  window.geoevents = {
    map: map,
    features: data.features.length,
    /** Ids of the features drawn now (their point or their region is on the map). */
    drawn: function () {
      var seen = {};
      items.forEach(function (it) {
        if ((it.region && map.hasLayer(it.region)) || (it.point && points.hasLayer(it.point) &&
            map.hasLayer(points))) seen[it.f.id] = true;
      });
      return Object.keys(seen);
    },
    /** Show the front lines of day ``i`` (index into the dates), as the slider does. */
    showDay: function (i) {
      if (!front) return false;
      range.value = i;
      showFront(i);
      return true;
    },
    dates: data.fronts.map(function (d) { return d.date; }),
    /** The layer group of the day's front-line shapes (null without front lines). */
    frontLayer: front,
    /** Open the popup of a feature by id (for tests and links); true when it exists. */
    open: function (id) {
      for (var i = 0; i < items.length; i++) {
        var it = items[i];
        if (it.f.id !== id) continue;
        var l = it.point || it.region;
        var at = it.point ? it.point.getLatLng() : L.latLng(it.f.lat, it.f.lon);
        l.openPopup(at);
        return true;
      }
      return false;
    }
  };
})(__MAP__, __DATA__);
