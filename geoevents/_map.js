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

  /** Features listed most informative first (an event before a passing mention). */
  function byInterest(a, b) {
    return (b.w - a.w) || ((a.d || "9") < (b.d || "9") ? -1 : (a.d || "9") > (b.d || "9") ? 1 : 0)
      || (a.i - b.i);
  }
  data.features.forEach(function (f, i) { f.i = i; });

  /** One line of a mention list: date · event · a few words of the quote around it. */
  function mentionLine(parent, g) {
    var meta = [g.d, g.ev].filter(Boolean).join(" · ");
    if (meta) parent.appendChild(el("span", "ge-meta", meta));
    parent.appendChild(document.createTextNode("“" + g.s + "”"));
  }

  /** The popup of a shape: the chosen feature in full, and the shape's other mentions. */
  function popup(f, layer, group) {
    var d = el("div", "ge-popup");
    d.setAttribute("data-feature", f.id);
    var members = group ? group.members.filter(on) : [];
    if (members.length > 1) {
      var also = el("div", "ge-also");
      also.appendChild(el("b", null, members.length + " mentions here"));
      var ol = el("ol");
      members.forEach(function (g) {
        var li = el("li");
        if (g === f) {
          li.className = "ge-current";
          mentionLine(li, g);
        } else {
          var b = el("button");
          b.type = "button";
          b.title = data.kinds[g.k].label;
          b.setAttribute("data-feature", g.id);
          mentionLine(b, g);
          L.DomEvent.on(b, "click", function (e) {
            L.DomEvent.stop(e);
            layer.setPopupContent(popup(g, layer, group));
          });
          li.appendChild(b);
        }
        ol.appendChild(li);
      });
      also.appendChild(ol);
      d.appendChild(also);
    }
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
  // One shape per distinct geometry: the same disc or point mentioned eleven times is drawn
  // once, and its popup lists the mentions (most informative first).
  var groups = {}, groupList = [], items = [];
  function groupOf(key, make) {
    var g = groups[key];
    if (!g) {
      g = groups[key] = { key: key, members: [], layer: null };
      g.layer = make(g);
      groupList.push(g);
    }
    return g;
  }
  function bindGroup(g, layer) {
    var content = function () {
      return popup(g.members.filter(on)[0] || g.members[0], layer, g);
    };
    layer.bindPopup(content, { maxWidth: 420 });
    // a click in the list swaps the content; the next opening starts from the top again
    layer.on("popupclose", function () { this.setPopupContent(content); });
  }
  data.features.forEach(function (f) {
    var color = f.col || data.kinds[f.k].color;
    var item = { f: f, region: null, point: null };
    if (f.g) {
      item.region = groupOf("g" + color + JSON.stringify(f.g), function (g) {
        var l = L.geoJSON(f.g, {
          renderer: renderer, pane: "ge-features",
          style: { color: color, weight: 1.5, dashArray: "4 4", fillColor: color,
                   fillOpacity: 0.12 }
        });
        bindGroup(g, l);
        l.bindTooltip(function () { return el("span", null, g.members[0].t); }, { sticky: true });
        return l;
      });
    } else if (f.c) {
      item.region = groupOf("c" + color + f.lat + "," + f.lon + "," + f.u, function (g) {
        return L.circle([f.lat, f.lon], {
          radius: f.u, renderer: renderer, pane: "ge-features", interactive: false,
          color: color, weight: 1, dashArray: "4 4", fillColor: color, fillOpacity: 0.08
        });
      });
    }
    if (f.m) {
      item.point = groupOf("p" + f.lat.toFixed(4) + "," + f.lon.toFixed(4), function (g) {
        var l = L.circleMarker([f.lat, f.lon], {
          renderer: renderer, pane: "ge-features", radius: 5, color: "#fff", weight: 1.5,
          fillColor: color, fillOpacity: 1, name: f.l
        });
        bindGroup(g, l);
        l.bindTooltip(function () { return el("span", null, groupName(g, g.members)); });
        g.point = true;
        return l;
      });
    }
    [item.region, item.point].forEach(function (g) { if (g) g.members.push(f); });
    items.push(item);
  });
  groupList.forEach(function (g) {
    g.members.sort(byInterest);
    g.layer.geoeventsId = g.members[0].id;
    if (g.point) g.layer.options.name = groupName(g, g.members);  // what search finds
    if (g.point && g.members.length > 1) {
      g.layer.setRadius(Math.min(9, 5 + Math.log(g.members.length) / Math.LN2));
    }
  });

  // which kinds and reports are shown: a feature is drawn when both are switched on
  var shown = { kinds: data.kinds.map(function () { return true; }),
                reports: data.reports.map(function () { return true; }), until: null };
  function on(f) {
    return shown.kinds[f.k] && shown.reports[f.r] && (!shown.until || !f.d || f.d <= shown.until);
  }
  function refresh() {
    var addP = [], delP = [];
    groupList.forEach(function (g) {
      var want = g.members.some(on);
      if (!g.point) {
        if (want && !regions.hasLayer(g.layer)) regions.addLayer(g.layer);
        else if (!want && regions.hasLayer(g.layer)) regions.removeLayer(g.layer);
      } else if (want && !points.hasLayer(g.layer)) {
        addP.push(g.layer);
      } else if (!want && points.hasLayer(g.layer)) {
        delP.push(g.layer);
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
    if (labels) labels.update();
  }
  /** Drawing order on the shared canvas: front lines, then regions big to small (the data's
   * order), then points. */
  function restack() {
    groupList.forEach(function (g) {
      if (!g.point && map.hasLayer(g.layer)) g.layer.bringToFront();
    });
    groupList.forEach(function (g) {
      if (g.point && map.hasLayer(g.layer)) g.layer.bringToFront();
    });
  }
  // ------------------------------------------------------------------ labels
  // Names on the map, placed in order of importance where they overlap no label placed
  // before them: the features' points (most mentioned first), then the reference layer's
  // towns (biggest first) and region names. Text only (textContent), never markup.
  var refLayer = L.layerGroup();
  var labels = null;
  map.createPane("ge-labels").style.zIndex = 460;
  var measure = document.createElement("canvas").getContext("2d");
  var FONTS = { f: "600 12px system-ui,sans-serif", r: "400 11px system-ui,sans-serif",
                b: "400 12px system-ui,sans-serif", g: "italic 400 12px system-ui,sans-serif" };
  function widthOf(text, font, caps) {
    measure.font = FONTS[font];
    return measure.measureText(caps ? text.toUpperCase() : text).width +
      (caps ? 0.72 * text.length : 0) + 2;
  }
  function groupName(g, shownMembers) {
    var named = shownMembers.filter(function (f) { return data.kinds[f.k].key === "place"; });
    return (named[0] || shownMembers[0]).l;
  }
  labels = {
    pane: map.getPane("ge-labels"),
    update: function () {
      var pane = this.pane, size = map.getSize(), CELL = 64, grid = {}, placed = 0;
      while (pane.firstChild) pane.removeChild(pane.firstChild);
      function cells(b, fn) {
        for (var cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++) {
          for (var cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) {
            if (fn(cx + "," + cy) === false) return false;
          }
        }
        return true;
      }
      function free(b) {
        return cells(b, function (k) {
          return !(grid[k] || []).some(function (o) {
            return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3];
          });
        });
      }
      function take(b) { cells(b, function (k) { (grid[k] = grid[k] || []).push(b); }); }
      function inView(c) { return c.x >= 0 && c.y >= 0 && c.x <= size.x && c.y <= size.y; }
      function place(latlng, text, cls, font, r, caps, count, ids) {
        var c = map.latLngToContainerPoint(latlng);
        if (!inView(c) || placed >= 400) return false;
        var w = widthOf(text + (count ? " ×" + count : ""), font, caps) + (count ? 3 : 0);
        var h = 14, g = r + 3;
        var spots = r < 0 ? [[-w / 2, -h / 2]] : [];
        // around the point, then (for the features' own names) a ring further out
        (r < 0 ? [] : ids ? [g, g + 14, g + 28] : [g]).forEach(function (q) {
          spots.push([q, -h / 2], [-q - w, -h / 2], [-w / 2, -q - h], [-w / 2, q],
                     [q - 2, -q - h + 2], [q - 2, q - 2], [-q - w + 2, -q - h + 2],
                     [-q - w + 2, q - 2]);
        });
        for (var i = 0; i < spots.length; i++) {
          var b = [c.x + spots[i][0], c.y + spots[i][1], c.x + spots[i][0] + w,
                   c.y + spots[i][1] + h];
          if (b[0] < 2 || b[1] < 2 || b[2] > size.x - 2 || b[3] > size.y - 2 || !free(b)) continue;
          take(b);
          placed++;
          var e = el("div", "ge-lbl " + cls, text);
          if (count) e.appendChild(el("span", "ge-n", "×" + count));
          if (ids) e.setAttribute("data-features", ids);
          L.DomUtil.setPosition(e, map.containerPointToLayerPoint([b[0], b[1]]));
          pane.appendChild(e);
          return true;
        }
        return false;
      }
      // clustered points get their names where the clusters open (disableClusteringAtZoom)
      var clustered = data.cluster && map.getZoom() < 12;
      var visible = groupList.filter(function (g) {
        return g.point && !clustered && points.hasLayer(g.layer) && map.hasLayer(points);
      }).map(function (g) {
        return { g: g, m: g.members.filter(on), c: map.latLngToContainerPoint(g.layer.getLatLng()) };
      }).filter(function (v) { return v.m.length && inView(v.c); });
      // the map's controls (legend, title, buttons, scale, attribution) hide what is under
      // them: no name is put there
      var box = map.getContainer().getBoundingClientRect();
      [].forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (k) {
        if (k.offsetParent === null) return;
        var q = k.getBoundingClientRect();
        if (q.width && q.height) {
          take([q.left - box.left - 2, q.top - box.top - 2, q.right - box.left + 2,
                q.bottom - box.top + 2]);
        }
      });
      // the features' points are obstacles for every name
      visible.forEach(function (v) {
        var r = v.g.layer.getRadius() + 1;
        take([v.c.x - r, v.c.y - r, v.c.x + r, v.c.y + r]);
      });
      visible.sort(function (a, b) {
        return (b.m.length - a.m.length) || (b.m[0].w - a.m[0].w) || (a.m[0].i - b.m[0].i);
      });
      visible.forEach(function (v) {
        var r = v.g.layer.getRadius();
        place(v.g.layer.getLatLng(), groupName(v.g, v.m), "ge-flabel", "f", r, false,
              v.m.length > 1 ? v.m.length : 0, v.m.map(function (f) { return f.id; }).join(" "));
      });
      if (!map.hasLayer(refLayer)) return;
      var zoom = map.getZoom();
      var towns = data.ref.places, regionsRef = zoom >= 5 && zoom <= 10 ? data.ref.regions : [];
      var dot = function (t, big) {
        var d = el("div", "ge-dot" + (big ? " ge-big" : ""));
        L.DomUtil.setPosition(d, map.latLngToLayerPoint([t[0], t[1]]));
        pane.appendChild(d);
      };
      var big = towns.filter(function (t) { return t[2] >= 100000; });
      big.forEach(function (t) {
        if (place([t[0], t[1]], t[3], "ge-ref ge-big", "b", 4, false)) dot(t, true);
      });
      regionsRef.forEach(function (t) { place([t[0], t[1]], t[2], "ge-region", "g", -1, true); });
      towns.forEach(function (t) {
        if (t[2] < 100000 && place([t[0], t[1]], t[3], "ge-ref", "r", 3, false)) dot(t, false);
      });
    }
  };
  refLayer.addTo(map);
  map.on("zoomstart", function () { labels.pane.style.display = "none"; });
  map.on("zoomend moveend resize overlayadd overlayremove", function () {
    labels.pane.style.display = "";
    labels.update();
  });

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
    // on the features' canvas, below them: one canvas takes the clicks for every shape
    front = L.featureGroup().addTo(map);
    overlays["<b>Front lines and control</b>"] = front;
    var sideColor = {};
    data.sides.forEach(function (sd) { sideColor[sd.key] = sd.color; });
    var colorOf = function (p) {
      var s = p.side || (p.sides && p.sides[0]);
      return sideColor[s] || data.noSide;
    };
    // contested ground: stripes in the colours of the sides that claim it (with white when
    // one side alone is named), as the legend's swatch shows
    var hatches = {};
    var hatch = function (p) {
      var cs = [].concat(p.sides || p.side || []).map(function (x) {
        return sideColor[x] || data.noSide;
      });
      if (cs.length < 2) cs = [cs[0] || data.noSide, "#ffffff"];
      var key = cs.join();
      if (!hatches[key]) {
        // diagonal stripes 4 px wide: pixel (x, y) takes colour ((x + y) mod n) / 4
        var c = document.createElement("canvas"), n = 4 * cs.length;
        c.width = c.height = n;
        var x = c.getContext("2d");
        for (var px = 0; px < n; px++) {
          for (var py = 0; py < n; py++) {
            x.fillStyle = cs[Math.floor(((px + py) % n) / 4)];
            x.fillRect(px, py, 1, 1);
          }
        }
        hatches[key] = x.createPattern(c, "repeat");
      }
      return hatches[key];
    };
    var styleOf = function (ft) {
      var p = ft.properties, c = colorOf(p), claimed = p.certainty === "claimed",
          stale = p.certainty === "stale";  // no report for memory_days: kept, faded
      if (p.layer === "control") {
        return { color: c, weight: 1, fillColor: c,
                 fillOpacity: stale ? 0.07 : claimed ? 0.12 : 0.28,
                 dashArray: stale ? "1 5" : claimed ? "6 4" : null };
      }
      if (p.layer === "grey_zone") {
        return { color: "#333", weight: 1, fillColor: hatch(p), fillOpacity: 0.55,
                 dashArray: "2 4" };
      }
      if (p.layer === "contact_line") {
        return { color: "#111", weight: 3.5, dashArray: claimed ? "8 6" : null };
      }
      return { color: c, weight: 3, fillColor: c, fillOpacity: 0.9 };  // advances
    };
    var frontPopup = function (ft, n) {
      var p = ft.properties, d = el("div", "ge-popup");
      d.setAttribute("data-front", n);
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
      (p.inferred || []).forEach(function (why) {  // a hold no report states: say so
        d.appendChild(el("div", "ge-inferred", "Inferred — " + why));
      });
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
      var n = 0;
      L.geoJSON(day.fc, {
        renderer: renderer, pane: "ge-features", style: styleOf,
        onEachFeature: function (ft, layer) {
          var k = n++;
          layer.bindPopup(function () { return frontPopup(ft, k); }, { maxWidth: 420 });
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
      range.value = data.openDay;
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
    showFront(data.openDay);
  }

  if (data.ref.places.length || data.ref.regions.length) {
    overlays[h(data.refName)] = refLayer;
  }
  L.control.layers(bases, overlays, { collapsed: true }).addTo(map);

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
    var d = el("details", "ge-legend");
    // open on a screen wide enough for it, one click away on a phone
    if (map.getSize().x > 600) d.open = true;
    d.appendChild(el("summary", null, "Legend"));
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
      var row = el("div");
      row.appendChild(el("i", "ge-swatch ge-hatch"));
      row.appendChild(document.createTextNode("contested (stripes of the claimants' colours)"));
      d.appendChild(row);
      d.appendChild(el("div", "ge-note", "control: filled, in the side's colour (paler, " +
        "dashed: claimed; faint, dotted: stale, no report for weeks); black line: contact " +
        "line; arrows: advances"));
    }
    if (data.ref.places.length) {
      var r2 = el("div");
      r2.appendChild(el("i", "ge-swatch ge-refdot"));
      r2.appendChild(document.createTextNode("towns (gazetteer), biggest shown first"));
      d.appendChild(r2);
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

  /** How far the controls reach into the map: the bands at its top and bottom. */
  function controlBands() {
    var box = map.getContainer().getBoundingClientRect(), top = 0, bottom = 0, left = 0;
    var lg = map.getContainer().querySelector(".ge-legend");
    if (lg && lg.offsetHeight > 0.3 * box.height) left = lg.getBoundingClientRect().right - box.left;
    ["topleft", "topright", "bottomleft", "bottomright"].forEach(function (k) {
      var c = map._controlCorners[k].getBoundingClientRect();
      if (!c.height) return;
      if (k.indexOf("top") === 0) top = Math.max(top, c.bottom - box.top);
      else bottom = Math.max(bottom, box.bottom - c.top);
    });
    return { top: top + 8, bottom: bottom + 8, height: box.height, left: left + 10 };
  }
  // popups open clear of every control: the map pans them into the band between, and a
  // long popup scrolls inside it
  map.on("popupopen", function (e) {
    var b = controlBands(), o = e.popup.options;
    o.autoPanPaddingTopLeft = L.point(60, b.top);
    o.autoPanPaddingBottomRight = L.point(10, b.bottom);
    o.maxHeight = Math.max(120, b.height - b.top - b.bottom - 70);
    e.popup.update();
  });
  if (data.bounds) {
    // the frame is fitted into the part of the map that no control covers
    var bands = controlBands(), wide = map.getSize().x;
    var corner = function (k) { return map._controlCorners[k].getBoundingClientRect().height; };
    // a quarter zoom step fits the frame closely (the cluster group needs whole zooms)
    if (!data.cluster) map.options.zoomSnap = 0.25;
    map.fitBounds(data.bounds, {
      maxZoom: 14, animate: false,
      paddingTopLeft: [Math.min(Math.max(50, bands.left), 0.4 * wide),
                       Math.min(bands.top, 0.2 * bands.height)],
      paddingBottomRight: [20, Math.min(bands.left > 10 ? corner("bottomright") + 8
                                        : bands.bottom, 0.2 * bands.height)] });
    // the padding is capped so that a small map keeps room: a point of the frame that still
    // opens under a control (the legend, the title, the buttons) is brought clear of it by
    // stepping the view out about its centre, at most two zoom levels
    var frame = L.latLngBounds(data.bounds).pad(0.01);  // (the points are rounded)
    for (var k = 0; k < 2 / map.options.zoomSnap && underControl(frame); k++) {
      map.setZoom(map.getZoom() - map.options.zoomSnap, { animate: false });
    }
  }
  labels.update();

  /** Whether a drawn point inside ``frame`` lies under one of the map's controls. */
  function underControl(frame) {
    var box = map.getContainer().getBoundingClientRect(), view = map.getBounds();
    var rects = [].slice.call(map.getContainer().querySelectorAll(".leaflet-control"))
      .filter(function (c) {
        return c.offsetParent !== null && !L.DomUtil.hasClass(c, "leaflet-control-attribution");
      })
      .map(function (c) { return c.getBoundingClientRect(); });
    return groupList.some(function (g) {
      if (!g.point || !points.hasLayer(g.layer)) return false;
      var ll = g.layer.getLatLng();
      if (!frame.contains(ll) || !view.contains(ll)) return false;
      var p = map.latLngToContainerPoint(ll), x = box.left + p.x, y = box.top + p.y;
      return rects.some(function (r) {
        return x >= r.left - 8 && x <= r.right + 8 && y >= r.top - 8 && y <= r.bottom + 8;
      });
    });
  }

  window.geoevents = {
    map: map,
    features: data.features.length,
    /** Ids of the features drawn now (their point or their region is on the map). */
    drawn: function () {
      var seen = {};
      items.forEach(function (it) {
        if (!on(it.f)) return;
        if ((it.region && map.hasLayer(it.region.layer)) || (it.point &&
            points.hasLayer(it.point.layer) && map.hasLayer(points))) seen[it.f.id] = true;
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
    /** Each day's front shapes, as drawn (GeoJSON FeatureCollections by day). */
    fronts: data.fronts,
    /** The layer group of the day's front-line shapes (null without front lines). */
    frontLayer: front,
    /** Open the popup of a feature by id (for tests and links); true when it exists. */
    open: function (id) {
      for (var i = 0; i < items.length; i++) {
        var it = items[i];
        if (it.f.id !== id) continue;
        var g = it.point || it.region, l = g.layer;
        var at = it.point ? l.getLatLng() : L.latLng(it.f.lat, it.f.lon);
        l.setPopupContent(popup(it.f, l, g));
        l.openPopup(at);
        return true;
      }
      return false;
    }
  };
})(__MAP__, __DATA__);
