/* The dashboard: fetches ledger entries from /api/entries with the form's filters and draws them as a network of
 * countries (SVG), with a legend and a table of the same entries.
 *
 * Layout: a force-directed layout (Fruchterman-Reingold) that starts from the countries placed on an ellipse in
 * order of name and runs a fixed number of steps, so the same entries always give the same picture. One arrow per
 * entry, supplier to recipient; the arrows between two countries fan out side by side (each direction on its own
 * side). Every string from the API is set with textContent or setAttribute, never parsed as HTML.
 */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var W = 1000, H = 580, PAD_X = 90, PAD_Y = 36;
  var CATEGORIES = ["arms", "ammunition", "fuel", "crude_oil", "food", "vehicles", "luxury_goods", "machinery",
    "technology", "money", "personnel", "aid", "goods"];
  var QUALIFIERS = { exact: "", approx: "≈ ", more_than: "> ", less_than: "< ", up_to: "≤ " };
  var UNITS = { container: ["container", "containers"], tonne: ["tonne", "tonnes"], barrel: ["barrel", "barrels"],
    round: ["round", "rounds"], item: ["item", "items"], person: ["person", "people"], litre: ["litre", "litres"] };

  var root = document.getElementById("network");
  var form = document.getElementById("filters");
  if (!root || !form) { return; }
  var api = root.getAttribute("data-api") || "/api/entries";
  var limit = root.getAttribute("data-limit") || "1000";
  var summary = document.getElementById("summary");
  var legend = document.getElementById("legend");
  var selectionBox = document.getElementById("selection");
  var tbody = document.getElementById("entries-body");

  var state = { entries: [], total: 0, serial: 0, selected: [], svg: null };

  /* ------------------------------------------------------------------ small helpers */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    setAttrs(node, attrs);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) { return; }
    Object.keys(attrs).forEach(function (key) {
      if (attrs[key] !== undefined && attrs[key] !== null) { node.setAttribute(key, String(attrs[key])); }
    });
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function categoryLabel(c) { return String(c || "").replace(/_/g, " "); }

  function number(v) {
    if (typeof v !== "number") { return String(v); }
    return v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  function quantityText(q) {
    if (!q || q.value === null || q.value === undefined) { return ""; }
    var prefix = QUALIFIERS[q.qualifier || "exact"] || "";
    if (q.unit === "usd") {
      var v = q.value, word = "";
      if (Math.abs(v) >= 1e9) { v = Math.round(v / 1e7) / 100; word = " billion"; }
      else if (Math.abs(v) >= 1e6) { v = Math.round(v / 1e4) / 100; word = " million"; }
      return prefix + "$" + number(v) + word;
    }
    var names = UNITS[q.unit] || [q.unit || "", q.unit || ""];
    return (prefix + number(q.value) + " " + (q.value === 1 ? names[0] : names[1])).trim();
  }

  function entryHref(id) { return "/entries/" + encodeURIComponent(id); }

  function timelineHref(a, b) { return "/timeline?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b); }

  function name(side) { return (side && (side.name || side.country)) || "?"; }

  /* ------------------------------------------------------------------ filters ⇄ query string */

  function filterParams() {
    var data = new FormData(form);
    var params = new URLSearchParams();
    ["since", "until", "category", "certainty"].forEach(function (key) {
      var v = (data.get(key) || "").toString().trim();
      if (v) { params.set(key, v); }
    });
    var min = (data.get("min_sources") || "").toString().trim();
    if (min && min !== "0") { params.set("min_sources", min); }
    if (data.get("flagged")) { params.set("flagged", "true"); }
    return params;
  }

  function widthMode() {
    var checked = form.querySelector("input[name=width]:checked");
    return checked && checked.value === "quantity" ? "quantity" : "sources";
  }

  function syncAddress() {
    var params = filterParams();
    if (widthMode() === "quantity") { params.set("width", "quantity"); }
    var query = params.toString();
    history.replaceState(null, "", query ? "/?" + query : "/");
  }

  /* ------------------------------------------------------------------ loading */

  function load() {
    var serial = ++state.serial;
    var params = filterParams();
    params.set("limit", limit);
    summary.classList.remove("problem");
    summary.textContent = "Loading…";
    root.setAttribute("aria-busy", "true");
    fetch(api + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (serial !== state.serial) { return; }
        root.removeAttribute("aria-busy");
        if (!result.ok) {
          showProblem(result.body);
          return;
        }
        state.entries = result.body.items || [];
        state.total = result.body.total || 0;
        state.selected = [];
        syncAddress();
        render();
      })
      .catch(function (error) {
        if (serial !== state.serial) { return; }
        root.removeAttribute("aria-busy");
        showProblem({ detail: "could not load the entries (" + error.message + ")" });
      });
  }

  function showProblem(body) {
    var detail = body && body.detail;
    if (Array.isArray(detail)) {
      detail = detail.map(function (d) { return (d.loc || []).slice(-1).join("") + ": " + d.msg; }).join("; ");
    }
    summary.classList.add("problem");
    summary.textContent = "The filters were not accepted: " + (detail || "unknown error");
  }

  function render() {
    renderSummary();
    drawNetwork();
    renderLegend();
    renderTable();
    renderSelection();
  }

  function renderSummary() {
    var entries = state.entries;
    var countries = {};
    var flagged = 0;
    entries.forEach(function (e) {
      countries[e.supplier.country] = 1;
      countries[e.recipient.country] = 1;
      if (e.sanctions && e.sanctions.length) { flagged += 1; }
    });
    var n = entries.length, c = Object.keys(countries).length;
    var text = n + (n === 1 ? " entry" : " entries") + " · " + c + (c === 1 ? " country" : " countries") +
      " · " + flagged + " flagged";
    if (state.total > n) { text += " (showing the first " + n + " of " + state.total + ")"; }
    summary.textContent = text;
  }

  /* ------------------------------------------------------------------ layout */

  function layout(nodes, pairs) {
    var n = nodes.length;
    if (n === 0) { return; }
    if (n === 1) { nodes[0].x = W / 2; nodes[0].y = H / 2; return; }
    // Deterministic start: on an ellipse, in order of name.
    nodes.forEach(function (node, i) {
      var angle = Math.PI + 2 * Math.PI * i / n;
      node.x = W / 2 + W * 0.32 * Math.cos(angle);
      node.y = H / 2 + H * 0.32 * Math.sin(angle);
    });
    var k = Math.sqrt((W * H) / n) * 0.55;
    var temperature = W / 10;
    var steps = 350;
    for (var step = 0; step < steps; step++) {
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
          var d = Math.max(Math.sqrt(ddx * ddx + ddy * ddy), 1);
          var push = (k * k) / d;
          dx[i] += ddx / d * push; dy[i] += ddy / d * push;
          dx[j] -= ddx / d * push; dy[j] -= ddy / d * push;
        }
      }
      pairs.forEach(function (p) {
        var a = p.a, b = p.b;
        var ddx = a.x - b.x, ddy = a.y - b.y;
        var d = Math.max(Math.sqrt(ddx * ddx + ddy * ddy), 1);
        var pull = (d * d) / k / (1 + 0.8 * (p.count - 1));  // many arrows between two countries: more room for them
        dx[a.index] -= ddx / d * pull; dy[a.index] -= ddy / d * pull;
        dx[b.index] += ddx / d * pull; dy[b.index] += ddy / d * pull;
      });
      for (var m = 0; m < n; m++) {
        // gravity keeps separate groups of countries on the canvas
        dx[m] -= (nodes[m].x - W / 2) * 0.9 * (k / W) * 4;
        dy[m] -= (nodes[m].y - H / 2) * 0.9 * (k / H) * 4;
        var len = Math.sqrt(dx[m] * dx[m] + dy[m] * dy[m]);
        if (len > 0) {
          var move = Math.min(len, temperature);
          nodes[m].x += dx[m] / len * move;
          nodes[m].y += dy[m] / len * move;
        }
      }
      temperature = Math.max(temperature * 0.985, 0.5);
    }
    // Fit the drawing to the canvas, leaving room for labels.
    var xs = nodes.map(function (nd) { return nd.x; }), ys = nodes.map(function (nd) { return nd.y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var spanX = Math.max(maxX - minX, 1), spanY = Math.max(maxY - minY, 1);
    var scaleX = (W - 2 * PAD_X) / spanX, scaleY = (H - 2 * PAD_Y - 16) / spanY;
    // do not stretch one axis more than twice the other: the picture keeps its shape
    scaleX = Math.min(scaleX, scaleY * 2.5, 1.3);  // a few countries are not spread over the whole canvas
    scaleY = Math.min(scaleY, scaleX * 2.5, 1.3);
    var offX = (W - spanX * scaleX) / 2, offY = (H - 16 - spanY * scaleY) / 2;
    nodes.forEach(function (nd) {
      nd.x = offX + (nd.x - minX) * scaleX;
      nd.y = offY + (nd.y - minY) * scaleY;
    });
  }

  /* ------------------------------------------------------------------ widths */

  function widthFor(entry, mode, maxByUnit) {
    if (mode === "quantity") {
      var q = entry.quantity;
      if (!q || typeof q.value !== "number" || q.value <= 0) { return 1.25; }
      var max = maxByUnit[q.unit] || q.value;
      return 1.8 + 6.5 * Math.log10(1 + q.value) / Math.log10(1 + max);
    }
    var sources = (entry.independent_sources || []).length;
    return Math.min(1 + 1.9 * Math.max(sources, 0.5), 12);
  }

  /* ------------------------------------------------------------------ drawing */

  function markerFor(defs, cache, category, width) {
    var size = Math.round(6 + width * 1.3);
    var id = "ah-" + category + "-" + size;
    if (!cache[id]) {
      var marker = svgEl("marker", { id: id, "class": "arrowhead cat-" + category, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: size, markerHeight: size, markerUnits: "userSpaceOnUse", orient: "auto" });
      marker.appendChild(svgEl("path", { d: "M0,0 L10,5 L0,10 z" }));
      defs.appendChild(marker);
      cache[id] = true;
    }
    return "url(#" + id + ")";
  }

  function tooltip(e) {
    var lines = [name(e.supplier) + " → " + name(e.recipient) + " · " + categoryLabel(e.category) + " · " + (e.time || "undated")];
    var sources = e.independent_sources || [];
    lines.push("certainty: " + e.certainty + " · " + sources.length + " independent source" + (sources.length === 1 ? "" : "s") +
      " · " + e.mentions + " mention" + (e.mentions === 1 ? "" : "s"));
    if (sources.length) { lines.push("sources: " + sources.join("; ")); }
    if (e.quantity) { lines.push("quantity: " + quantityText(e.quantity)); }
    if (e.sanctions && e.sanctions.length) {
      lines.push("⚠ " + e.sanctions.map(function (s) { return s.rule; }).join(", "));
    }
    if (e.contradictions && e.contradictions.length) {
      lines.push("sources disagree on: " + e.contradictions.map(function (c) { return c.field; }).join(", "));
    }
    lines.push("entry " + e.id + " (click to open)");
    return lines.join("\n");
  }

  function drawNetwork() {
    clear(root);
    var entries = state.entries;
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "network-svg-title",
      "class": "network-svg" });
    svg.appendChild(svgEl("title", { id: "network-svg-title" },
      "Network of " + entries.length + " transfer entries between countries"));
    state.svg = svg;
    root.appendChild(svg);
    if (!entries.length) {
      svg.appendChild(svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "empty-note" },
        "No entries match these filters."));
      return;
    }
    var defs = svgEl("defs");
    svg.appendChild(defs);

    // nodes
    var byCode = {};
    entries.forEach(function (e) {
      [e.supplier, e.recipient].forEach(function (side) {
        if (!byCode[side.country]) { byCode[side.country] = { code: side.country, name: side.name || side.country, degree: 0 }; }
        byCode[side.country].degree += 1;
      });
    });
    var nodes = Object.keys(byCode).map(function (code) { return byCode[code]; });
    nodes.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : (a.code < b.code ? -1 : 1); });
    nodes.forEach(function (node, i) { node.index = i; node.r = 6 + 2.2 * Math.sqrt(node.degree); });

    // country pairs (either direction) with their entries, each direction in category and time order
    var pairs = {};
    entries.forEach(function (e) {
      var s = e.supplier.country, r = e.recipient.country;
      var key = s < r ? s + "|" + r : r + "|" + s;
      if (!pairs[key]) { pairs[key] = { a: byCode[s < r ? s : r], b: byCode[s < r ? r : s], forward: [], backward: [], count: 0 }; }
      var p = pairs[key];
      (s < r ? p.forward : p.backward).push(e);
      p.count += 1;
    });
    var pairList = Object.keys(pairs).sort().map(function (key) { return pairs[key]; });
    function order(x, y) {
      var cx = CATEGORIES.indexOf(x.category), cy = CATEGORIES.indexOf(y.category);
      if (cx !== cy) { return cx - cy; }
      var tx = x.time || "9999", ty = y.time || "9999";
      return tx < ty ? -1 : tx > ty ? 1 : (x.id < y.id ? -1 : 1);
    }
    pairList.forEach(function (p) { p.forward.sort(order); p.backward.sort(order); });

    layout(nodes, pairList);
    var neighbours = {};
    pairList.forEach(function (p) {
      (neighbours[p.a.code] = neighbours[p.a.code] || []).push(p.b);
      (neighbours[p.b.code] = neighbours[p.b.code] || []).push(p.a);
    });

    var mode = widthMode();
    var maxByUnit = {};
    entries.forEach(function (e) {
      var q = e.quantity;
      if (q && typeof q.value === "number") { maxByUnit[q.unit] = Math.max(maxByUnit[q.unit] || 0, q.value); }
    });

    var flowLayer = svgEl("g", { "class": "flows" });
    var handleLayer = svgEl("g", { "class": "handles" });
    var nodeLayer = svgEl("g", { "class": "nodes" });
    svg.appendChild(flowLayer);
    svg.appendChild(nodeLayer);
    svg.appendChild(handleLayer);
    var markers = {};
    var SPACING = 11;

    pairList.forEach(function (p) {
      var both = p.forward.length && p.backward.length;
      var chord = Math.hypot(p.a.x - p.b.x, p.a.y - p.b.y);
      [[p.forward, p.a, p.b], [p.backward, p.b, p.a]].forEach(function (group) {
        var list = group[0], from = group[1], to = group[2];
        // the widest arc bulges out at most about half the distance between the two countries
        var spacing = Math.max(Math.min(SPACING, 0.5 * chord / (list.length + 0.5)), 4);
        list.forEach(function (e, i) {
          var offset = both ? (i + 0.5) * spacing + 3 : (i - (list.length - 1) / 2) * spacing;
          drawFlow(e, from, to, offset);
        });
      });
    });

    function drawFlow(e, from, to, offset) {
      var vx = to.x - from.x, vy = to.y - from.y;
      var len = Math.max(Math.sqrt(vx * vx + vy * vy), 1);
      var nx = -vy / len, ny = vx / len;  // left of the direction of travel
      var mx = (from.x + to.x) / 2, my = (from.y + to.y) / 2;
      var cx = mx + nx * offset * 2, cy = my + ny * offset * 2;
      var sx = from.x, sy = from.y, ex = to.x, ey = to.y;
      var d1 = Math.max(Math.hypot(cx - sx, cy - sy), 1), d2 = Math.max(Math.hypot(cx - ex, cy - ey), 1);
      sx += (cx - sx) / d1 * (from.r + 2); sy += (cy - sy) / d1 * (from.r + 2);
      ex += (cx - ex) / d2 * (to.r + 3); ey += (cy - ey) / d2 * (to.r + 3);
      var path = "M" + sx.toFixed(1) + "," + sy.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " +
        ex.toFixed(1) + "," + ey.toFixed(1);
      var hx = 0.25 * sx + 0.5 * cx + 0.25 * ex, hy = 0.25 * sy + 0.5 * cy + 0.25 * ey;  // the curve's middle
      var width = widthFor(e, mode, maxByUnit);
      var flagged = !!(e.sanctions && e.sanctions.length);
      var classes = "flow cat-" + e.category + (flagged ? " flagged" : "") +
        (mode === "quantity" && !e.quantity ? " no-quantity" : "");
      var link = svgEl("a", { href: entryHref(e.id), "class": classes, "data-entry-id": e.id,
        "data-supplier": e.supplier.country, "data-recipient": e.recipient.country, "data-category": e.category,
        "aria-label": name(e.supplier) + " to " + name(e.recipient) + ", " + categoryLabel(e.category) });
      link.appendChild(svgEl("title", null, tooltip(e)));
      if (flagged) { link.appendChild(svgEl("path", { d: path, "class": "halo", "stroke-width": (width + 5).toFixed(1) })); }
      link.appendChild(svgEl("path", { d: path, "class": "hit" }));
      link.appendChild(svgEl("path", { d: path, "class": "line", "stroke-width": width.toFixed(2),
        "marker-end": markerFor(defs, markers, e.category, width) }));
      flowLayer.appendChild(link);

      var handleLink = svgEl("a", { href: entryHref(e.id), "class": "flow-link cat-" + e.category, tabindex: "-1",
        "aria-hidden": "true" });
      handleLink.appendChild(svgEl("title", null, tooltip(e)));
      handleLink.appendChild(svgEl("circle", { cx: hx.toFixed(1), cy: hy.toFixed(1), r: flagged ? 4.5 : 3.8,
        "class": "flow-handle" + (flagged ? " flagged" : ""), "data-entry-id": e.id }));
      handleLayer.appendChild(handleLink);
      [link, handleLink].forEach(function (target) {
        target.addEventListener("mouseenter", function () { hot([e.id]); });
        target.addEventListener("mouseleave", function () { hot(null); });
        target.addEventListener("focus", function () { hot([e.id]); });
        target.addEventListener("blur", function () { hot(null); });
      });
    }

    nodes.forEach(function (node) {
      var g = svgEl("g", { "class": "node", "data-country": node.code, tabindex: "0", role: "button",
        transform: "translate(" + node.x.toFixed(1) + "," + node.y.toFixed(1) + ")",
        "aria-label": node.name + ": select for a timeline" });
      g.appendChild(svgEl("title", null, node.name + " (" + node.code + ") · " + node.degree + " flow" +
        (node.degree === 1 ? "" : "s") + "\nClick to select; select two countries for their timeline."));
      g.appendChild(svgEl("circle", { r: node.r.toFixed(1) }));
      // the label goes on the side away from the country's arrows
      var ux = 0, uy = 0;
      (neighbours[node.code] || []).forEach(function (other) {
        var d = Math.max(Math.hypot(other.x - node.x, other.y - node.y), 1);
        ux += (other.x - node.x) / d; uy += (other.y - node.y) / d;
      });
      var ul = Math.hypot(ux, uy);
      var lx = 0, ly = 1;
      if (ul > 0.3) { lx = -ux / ul; ly = -uy / ul; }
      if (node.y > H - 30) { ly = -1; lx = 0; }
      var gap = node.r + 5;
      var anchor = lx > 0.55 ? "start" : lx < -0.55 ? "end" : "middle";
      var tx = lx * gap, ty = ly * gap + (ly > 0.55 ? 10 : ly < -0.55 ? -2 : 4);
      if (anchor === "middle") { ty = ly >= 0 ? node.r + 14 : -node.r - 6; }
      var textWidth = 7 * node.name.length;  // about, at this font size: keeps labels on the canvas
      if ((anchor === "start" && node.x + tx + textWidth > W - 4) || (anchor === "end" && node.x + tx - textWidth < 4)) {
        anchor = "middle"; tx = 0; ty = node.y > H - 30 ? -node.r - 6 : node.r + 14;
      }
      if (anchor === "middle") {
        tx = Math.min(Math.max(tx, 4 + textWidth / 2 - node.x), W - 4 - textWidth / 2 - node.x);
      }
      g.appendChild(svgEl("text", { x: tx.toFixed(1), y: ty.toFixed(1), "text-anchor": anchor, "class": "label" }, node.name));
      g.addEventListener("click", function () { toggleCountry(node.code); });
      g.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggleCountry(node.code); }
      });
      nodeLayer.appendChild(g);
    });
    markSelection();
  }

  /* ------------------------------------------------------------------ highlighting and selection */

  function hot(ids) {
    var svg = state.svg;
    var set = {};
    (ids || []).forEach(function (id) { set[id] = true; });
    if (!ids) {  // back to what the selected countries highlight
      markSelection();
      return;
    }
    document.querySelectorAll(".flow, .flow-handle, #entries-body tr").forEach(function (node) {
      var id = node.getAttribute("data-entry-id");
      var target = node.classList.contains("flow-handle") ? node.parentNode : node;
      var on = !!set[id];
      node.classList.toggle("hot", on);
      if (target !== node) { target.classList.toggle("hot", on); }
    });
    if (svg) { svg.classList.toggle("has-focus", ids.length > 0); }
  }

  function toggleCountry(code) {
    var at = state.selected.indexOf(code);
    if (at >= 0) { state.selected.splice(at, 1); }
    else {
      state.selected.push(code);
      if (state.selected.length > 2) { state.selected.shift(); }
    }
    markSelection();
    renderSelection();
  }

  function markSelection() {
    var selected = state.selected;
    document.querySelectorAll(".node").forEach(function (g) {
      g.classList.toggle("selected", selected.indexOf(g.getAttribute("data-country")) >= 0);
    });
    if (!selected.length) {
      hot([]);
      return;
    }
    var ids = state.entries.filter(function (e) {
      var s = e.supplier.country, r = e.recipient.country;
      if (selected.length === 2) {
        return selected.indexOf(s) >= 0 && selected.indexOf(r) >= 0 && s !== r;
      }
      return s === selected[0] || r === selected[0];
    }).map(function (e) { return e.id; });
    hot(ids);
  }

  function countryName(code) {
    for (var i = 0; i < state.entries.length; i++) {
      var e = state.entries[i];
      if (e.supplier.country === code) { return name(e.supplier); }
      if (e.recipient.country === code) { return name(e.recipient); }
    }
    return code;
  }

  function renderSelection() {
    if (!selectionBox) { return; }
    clear(selectionBox);
    var selected = state.selected;
    if (!selected.length) {
      selectionBox.textContent = "Click an arrow (or its dot) to open the entry. Click two countries to open their timeline.";
      return;
    }
    if (selected.length === 1) {
      selectionBox.appendChild(el("strong", null, countryName(selected[0])));
      selectionBox.appendChild(document.createTextNode(" selected: click another country for the pair's timeline. "));
    } else {
      var a = el("a", { href: timelineHref(selected[0], selected[1]), "class": "timeline-link" },
        "Timeline " + countryName(selected[0]) + " ⇄ " + countryName(selected[1]) + " →");
      selectionBox.appendChild(a);
      selectionBox.appendChild(document.createTextNode(" "));
    }
    var reset = el("button", { type: "button", "class": "link-button" }, "clear");
    reset.addEventListener("click", function () { state.selected = []; markSelection(); renderSelection(); });
    selectionBox.appendChild(reset);
  }

  /* ------------------------------------------------------------------ legend */

  function renderLegend() {
    clear(legend);
    var present = {};
    state.entries.forEach(function (e) { present[e.category] = true; });
    var cats = el("div", { "class": "legend-group" });
    cats.appendChild(el("span", { "class": "legend-title" }, "Category"));
    CATEGORIES.filter(function (c) { return present[c]; }).forEach(function (c) {
      var item = el("span", { "class": "legend-item chip cat-" + c, "data-category": c });
      item.appendChild(el("span", { "class": "swatch", "aria-hidden": "true" }));
      item.appendChild(document.createTextNode(categoryLabel(c)));
      cats.appendChild(item);
    });
    legend.appendChild(cats);

    var marks = el("div", { "class": "legend-group" });
    marks.appendChild(el("span", { "class": "legend-title" }, "Marks"));
    var flagItem = el("span", { "class": "legend-item" });
    var flagSvg = svgEl("svg", { width: 34, height: 12, "aria-hidden": "true" });
    flagSvg.appendChild(svgEl("path", { d: "M2,6 L32,6", "class": "flag-sample", "stroke-width": 6 }));
    flagItem.appendChild(flagSvg);
    flagItem.appendChild(document.createTextNode("sanctions flag"));
    marks.appendChild(flagItem);
    marks.appendChild(el("span", { "class": "legend-item" }, "● a dot on each arrow opens its entry"));
    legend.appendChild(marks);

    var mode = widthMode();
    var widths = el("div", { "class": "legend-group" });
    widths.appendChild(el("span", { "class": "legend-title" },
      mode === "quantity" ? "Line width: quantity" : "Line width: sources"));
    var rows = mode === "quantity"
      ? [[1.8, "small"], [4.5, "medium"], [8.3, "largest of its unit"], [1.25, "none stated", true]]
      : [[widthFor({ independent_sources: [1] }, "sources"), "1 independent source"],
        [widthFor({ independent_sources: [1, 2] }, "sources"), "2 independent sources"],
        [widthFor({ independent_sources: [1, 2, 3] }, "sources"), "3 independent sources"]];
    rows.forEach(function (row) {
      var item = el("span", { "class": "legend-item" });
      var sample = svgEl("svg", { width: 34, height: 12, "aria-hidden": "true" });
      sample.appendChild(svgEl("path", { d: "M3,6 L31,6", "class": "width-sample" + (row[2] ? " dotted" : ""),
        "stroke-width": row[0] }));
      item.appendChild(sample);
      item.appendChild(document.createTextNode(row[1]));
      widths.appendChild(item);
    });
    if (mode === "quantity") {
      widths.appendChild(el("span", { "class": "muted" }, "log scale; containers, tonnes, dollars… each against their own largest"));
    }
    legend.appendChild(widths);
  }

  /* ------------------------------------------------------------------ table */

  function badge(certainty) {
    return el("span", { "class": "badge certainty certainty-" + certainty, title: "certainty: " + certainty }, certainty);
  }

  function renderTable() {
    clear(tbody);
    if (!state.entries.length) {
      var row = el("tr", { "class": "empty" });
      row.appendChild(el("td", { colspan: 10 }, "No entries match these filters."));
      tbody.appendChild(row);
      return;
    }
    state.entries.forEach(function (e) {
      var tr = el("tr", { "data-entry-id": e.id });
      var flow = el("td");
      var names = el("span", { "class": "flow-names" });
      names.appendChild(document.createTextNode(name(e.supplier) + " "));
      names.appendChild(el("span", { "class": "arrow", "aria-label": "to" }, "→"));
      names.appendChild(document.createTextNode(" " + name(e.recipient)));
      flow.appendChild(names);
      tr.appendChild(flow);
      var cat = el("td");
      var chip = el("span", { "class": "chip cat-" + e.category });
      chip.appendChild(el("span", { "class": "swatch", "aria-hidden": "true" }));
      chip.appendChild(document.createTextNode(categoryLabel(e.category)));
      cat.appendChild(chip);
      tr.appendChild(cat);
      tr.appendChild(el("td", null, e.time || "undated"));
      var cert = el("td");
      cert.appendChild(badge(e.certainty));
      tr.appendChild(cert);
      var sources = e.independent_sources || [];
      tr.appendChild(el("td", { "class": "num", title: sources.join("; ") }, sources.length));
      tr.appendChild(el("td", { "class": "num" }, e.mentions));
      tr.appendChild(el("td", null, quantityText(e.quantity)));
      var flags = el("td");
      if (e.sanctions && e.sanctions.length) {
        flags.appendChild(el("span", { "class": "flag",
          title: e.sanctions.map(function (s) { return s.rule + ": " + s.reason; }).join("; ") }, "⚠ " + e.sanctions.length));
      }
      if (e.contradictions && e.contradictions.length) {
        flags.appendChild(document.createTextNode(" "));
        flags.appendChild(el("span", { "class": "disputed",
          title: "sources disagree on " + e.contradictions.map(function (c) { return c.field; }).join(", ") }, "≠"));
      }
      tr.appendChild(flags);
      var idCell = el("td");
      idCell.appendChild(el("a", { href: entryHref(e.id) }, e.id));
      tr.appendChild(idCell);
      var tl = el("td");
      tl.appendChild(el("a", { href: timelineHref(e.supplier.country, e.recipient.country) }, "timeline"));
      tr.appendChild(tl);
      tbody.appendChild(tr);
    });
  }

  if (tbody) {
    tbody.addEventListener("mouseover", function (ev) {
      var row = ev.target.closest && ev.target.closest("tr[data-entry-id]");
      if (row) { hot([row.getAttribute("data-entry-id")]); }
    });
    tbody.addEventListener("mouseleave", function () { hot(null); });
  }

  /* ------------------------------------------------------------------ events */

  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
  form.addEventListener("change", function (ev) {
    if (ev.target && ev.target.name === "width") {
      syncAddress();
      drawNetwork();
      renderLegend();
      return;
    }
    load();
  });

  load();
})();
