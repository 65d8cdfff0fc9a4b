"""The trigger lexicons of the event reader: the words that say something happened, by
category (the cues of :data:`geoevents.events.classify.EVENT_TYPES`); docs/events.md says
which of them count and which trigger governs which place."""

from __future__ import annotations

import re

from .._match_starts import StartIndex, match_starts

#: What must follow a verb that takes a place only when its object is a place ("secured Jolo",
#: "cleared the town") and not otherwise ("secured a loan", "cleared the road of mines"): a
#: proper name or a settlement word.
PLACE_OBJECT = (r"(?=\s+(?:(?-i:[A-Z])|the\s+(?:(?:whole|entire|rest\s+of\s+the|last\s+"
                r"(?:\w+\s+)?of\s+the)\s+)?(?:town|city|village|settlement|area|district|"
                r"neighbou?rhood|quarter|airport|base|citadel|port|hills?|heights)\b)(?![^.;,]{0,40}?"
                r"\bof\s+(?:mines|explosives|rubble|debris|unexploded)))")
#: Trigger lexicons: category → regular expression (case-insensitive, on word boundaries).
TRIGGERS: dict[str, str] = {
    "fail": r"(?:fail(?:ed|s)?|unable|(?:could|did) not manage) (?:in (?:an|their|its) "
            r"(?:attempt|bid) )?to (?:take|capture|seize|enter|retake|recapture|storm|overrun)"
            r"|(?:failed|unsuccessful|abortive) (?:attempt|bid|push|attack|assault)s? to "
            r"(?:take|capture|seize|enter|retake|recapture|storm|overrun)",
    "defend": r"(?:repel(?:led|s|ling)?|repuls(?:ed|es|ing|e)|beat(?:en)? back|beating back|"
              r"fended off|fought off|fend(?:ing)? off|thwart(?:ed|s|ing)?|foil(?:ed|s)|"
              r"held off|repelling|dug in|dig(?:s|ging)? in|entrench(?:ed|ing)|"
              # a presence: "regrouped at X", "are massed at X", "dug defensive positions
              # at X" (round eleven)
              r"regroup(?:ed|s|ing)?(?= (?:at|in) )|(?:massed|massing)(?= (?:at|in) )|"
              # a garrison shut up in the place: "has shut itself up in X", "holed up in
              # X", "barricaded themselves in X" (round twelve)
              r"shut(?:s|ting)? (?:itself|themselves) up(?= in )|holed up(?= in )|"
              # "holding firm in X", "held out at X", also in quotes (round fifteen)
              r"(?:hold(?:s|ing)?|held) (?:firm|out)['’”\"]?(?= (?:in|at|inside) )|"
              r"barricad(?:ed|ing) (?:itself|themselves)(?= in )|"
              r"d(?:ug|ig|igs|igging) (?:new |fresh |defensive )+positions(?= (?:at|in) )|"
              r"defend(?:s|ed|ing)?(?:" + PLACE_OBJECT + r"|(?=\s+the\s+(?:north|south|east|"
              r"west|centre|center|outskirts|approaches|edge)))" + ")"
              r"(?:\s+(?:an?|the|several|two|three|repeated|multiple)?\s*"
              r"(?:[\w-]+\s+){0,3}?(?:attacks?|assaults?|offensive|advance|attempts?|"
              r"incursions?|counter-?attacks?))?",
    "fall": r"f(?:ell|alls|allen) (?:back )?(?:in)?to(?= (?!the hands)\w)|f(?:ell|alls|allen) "
            r"into the hands of",
    "take": r"(?:took|take|takes|taking|taken|wrest(?:ed)?|gain(?:ed)?|seiz(?:e|es|ed|ing)|"
            r"assum(?:e|ed|ing)|regain(?:s|ed|ing)?|establish(?:ed)?) (?:full |complete |total |"
            r"effective |partial )?control (?:of|over)|(?:claim(?:ed|s|ing)?|declar(?:ed|es|ing)"
            r"|announc(?:ed|es|ing)) (?:full |complete |total )?control (?:of|over)|took over|"
            # a side's authority carried over a place: "extended its control over X",
            # "restored state authority over X", "reasserted government control over X"
            r"(?:extend|restor|impos|reassert|re-?impos|re-?establish)(?:ed|es|s|ing)? "
            r"(?:(?:its|their|full|complete|federal|state|government|central)\s+){0,2}"
            r"(?:control|authority|rule|sovereignty) over|"
            r"tak(?:e|es|ing|en) over|"
            r"taken(?! (?:up|place|part|refuge|shelter|cover|prisoner|hostage|to))|"
            r"seiz(?:e|es|ed|ing)|captur(?:e|es|ed|ing)|recaptur(?:e|es|ed|ing)|"
            r"retak(?:e|es|en|ing)|retook|regain(?:s|ed|ing)?|"
            # a headline's present: "Rebels take Sibut", "Army takes rebel stronghold of X"
            r"(?<!\bto )(?<!\bwill )(?<!\bwould )(?<!\bcould )(?<!\bcan )(?<!\bnot )"
            r"(?<!\bmay )(?<!\bmight )(?<!\bdid )(?<!\bdo )(?<!\bdoes )(?<!\bshould )"
            r"tak(?:e|es)(?=(?-i: (?:the )?(?:[A-Z]\w+(?:'s)? )?(?:(?:rebel|key|strategic|"
            r"main|last|border|government|army) )?(?:[A-Z]|(?:stronghold|town|city|village|"
            r"base|port) of )))|"
            r"liberat(?:e|es|ed|ing)|storm(?:ed|ing)|overr(?:an|un|unning|"
            r"uns)|conquer(?:ed|ing|s)?|occup(?:ied|y|ies|ying)|took(?! (?:up|place|part|refuge|"
            r"shelter|cover|part))|drove (?:[\w-]+ ){1,4}?(?:out of|from)|"
            r"(?:drive|driving|drove|push(?:ed|ing)?|forc(?:ed|ing)) (?:[\w-]+ ){1,3}?(?:out of|"
            r"back from)|(?:oust(?:ed|ing)|dislodg(?:ed|ing)) (?:[\w-]+ ){1,3}?from|"
            # taking by clearing, freeing, securing; a flag raised over the place
            r"(?:(?:finish(?:ed|es|ing)?|complet(?:ed|es|ing)) )?(?:clear(?:ed|ing|s)?|"
            r"mopp(?:ed|ing) up|mops? up|fre(?:ed|es|eing)|secur(?:ed|es|ing)|recover(?:ed|s|ing)|"
            r"reclaim(?:ed|s|ing))" + PLACE_OBJECT + "|"
            r"(?:rais(?:ed|es|ing)|hoist(?:ed|s|ing)|plant(?:ed|s|ing)) (?:[\w-]+ ){0,3}?"
            r"flags? (?:over|above|in|on)",
    "enter": r"(?:re-?)?enter(?:s|ed|ing)?|br(?:oke|eak|eaks|eaking|oken) (?:through )?into|"
             r"push(?:ed|es|ing)? (?:deeper |further )?into|forc(?:ed|ing) (?:their|its) way into|"
             r"fought (?:their|its) way (?:in)?to|storm(?:ed|ing) into|"
             r"(?<!were )(?<!was )(?<!been )moved into",
    "lose": r"(?:withdr(?:ew|awn|aw|aws|awing)|pull(?:ed|s|ing)? (?:out|back)|retreat(?:ed|s|ing)?"
            # a nominal withdrawal: "their withdrawal from X", "the withdrawal of its troops
            # from X"
            r"|withdrawal (?:of (?:[\w'’-]+ ){0,4}?(?:troops|forces|units|soldiers|fighters|"
            r"garrison|militants) )?from"
            r"|fall(?:s|ing)? back|fell back|abandon(?:ed|s|ing)?|evacuat(?:ed|ing) (?:from )?"
            r"(?=its|their)|los(?:t|e|es|ing) (?:full |all )?control (?:of|over)|lost|"
            r"left(?=\s+(?-i:[A-Z]))|quit(?:s|ting)?(?=\s+(?-i:[A-Z]))|"
            # a transfer: "surrendered / handed over / ceded X (to Y)"
            r"(?:surrender(?:ed|s|ing)?|ced(?:ed|es|ing)|hand(?:ed|s|ing)? over|"
            r"turn(?:ed|s|ing) over)" + PLACE_OBJECT + "|"
            r"(?:were|was|been|are|is) (?:\w+ly )?(?:driven|forced|pushed|expelled|ousted) "
            r"(?:out|back)|(?:were|was|been) (?:\w+ly )?(?:expelled|ousted|routed))"
            r"(?: (?:of|from))?",
    "fled": r"fled|flee(?:ing|s)?",
    "advance": r"(?:offensive|push|drive|assault|march) (?:on|against|toward|towards|to (?:re)?"
               r"(?:take|capture))|"
               r"advanc(?:ed|es|ing|e) (?:to|toward|towards|on|into|in|closer to|deeper into|"
               r"further into|to within|within)|advanc(?:ed|ing)|"
               r"clos(?:ed|es|ing|e) in on|clos(?:ed|ing) on|"
               r"push(?:ed|es|ing)? (?:to|toward|towards|on|closer to)|"
               r"mov(?:ed|es|ing|e) (?:toward|towards|on|closer to)|mov(?:es|ing|e) into|"
               r"(?:(?<=were )|(?<=was )|(?<=been ))moved into|"
               r"(?<!\bthe )approach(?:ed|es|ing)|"
               r"edg(?:ed|es|ing) (?:closer )?(?:to|toward|towards)|"
               r"reach(?:ed|es|ing)? the (?:outskirts|edge|gates) of|"
               r"(?:converg|march|press|drove|driv)(?:ed|ing|es)? (?:on|toward|towards)",
    "prox": r"(?:is|are|was|were|been)(?:\s+(?:now|still|already))?"
            r"(?=\s+(?:(?:less than|within|only|just|some|about|around|barely|roughly|"
            r"no more than)\s|\d+(?:\.\d+)?\s*(?:km|kilomet|mile|met)|(?:one|two|three|four|"
            r"five|six|seven|eight|nine|ten|a few)\s+(?:km|kilomet|mile|met)))",
    "suicide": r"suicide (?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|car bombs?|"
               r"truck bombs?|vests?)|blew (?:himself|herself|themselves) up|SVBIEDs?",
    "ied": r"(?:land)?mines?|mined|minefields?|IEDs?|VBIEDs?|improvised explosive devices?|"
           r"roadside bombs?|car bombs?|explosives?|booby[- ]?trap(?:s|ped|ping)?",
    "air": r"air ?strikes?|air ?raids?|air ?attacks?|aerial (?:bombardment|bombing|attacks?)s?|"
           r"jets|sorties|(?<!hunger )strikes|"
           r"bomb(?:ing|ings|ed)|warplanes?|war planes?|fighter jets?|helicopter gunships?|"
           r"gunships?|drone (?:strikes?|attacks?)|barrel bombs?|air power",
    "shell": r"shell(?:ing|ed|s)|artillery|rockets?|rocket fire|mortars?|missiles?|Grads?|"
             r"howitzers?|bombardments?|bombard(?:ed|ing)|Katyushas?",
    "displace": r"displac(?:ed|ing|ement)|evacuat(?:ed|ing|ion)|call(?:ed|s|ing)? on (?:[\w,'’-]+ )"
                r"{0,10}?to (?:leave|flee|evacuate)|(?:urg|order|warn|tell|forc)(?:ed|es|s|ing)? "
                r"(?:[\w,'’-]+ ){0,10}?to (?:leave|flee|evacuate)|told (?:[\w,'’-]+ ){0,10}?to "
                r"(?:leave|flee|evacuate)|exodus",
    "siege": r"surround(?:ed|s)?|(?:is|are|was|were|been)\s+surrounding|encircl(?:ed|es|e|ing)|"
             r"besieg(?:ed|es|e|ing)|(?:laid|lay|lays|laying) siege to",
    "fallof": r"(?:(?:the|its|their)\s+)?(?:eventual\s+|final\s+)?(?:fall|capture|seizure|"
              r"recapture|liberation)\s+of",
    "clash": r"clash(?:es|ed|ing)?|fighting|fought|fights?|battl(?:e|es|ed|ing)|gun ?battles?|"
             r"firefights?|attack(?:s|ed|ing)?|assault(?:s|ed|ing)?|ambush(?:es|ed|ing)?|"
             r"raid(?:s|ed|ing)?|skirmish(?:es)?|counter-?(?:attack|offensive)s?|"
             r"counter-?attack(?:ed|ing)|offensive|"
             r"combat|siege|stormed",
}
TERRITORIAL = frozenset({"take", "enter", "lose", "advance", "prox", "defend", "fail", "fall",
                          "fled", "siege", "fallof"})
REMOTE = frozenset({"air", "shell", "ied", "suicide"})
TRIGGER_RES = {k: re.compile(rf"(?<![\w-])(?:{v})(?![\w-])", re.IGNORECASE)
                for k, v in TRIGGERS.items()}
PRIORITY = {k: i for i, k in enumerate(TRIGGERS)}
#: Where each category's matches may begin (:class:`~geoevents._match_starts.StartIndex`, by
#: the category's index in :data:`TRIGGERS`): a sentence's words tell which lexicons to run.
TRIGGER_INDEX = StartIndex(match_starts(v) for v in TRIGGERS.values())
