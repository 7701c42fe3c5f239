/* actorgraph network page: builds the vis-network DataSets from the embedded JSON, draws the
 * node and link labels itself (fixed size on screen, never overlapping: a label that would
 * overlap one already placed is left out, most central actors and busiest links first), opens
 * the evidence of a link and the profile of an actor on a click, and runs the actor search and
 * the relation-type and date filters. Article text only ever reaches the page as DOM text. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var P = window.agPanel;
  var el = P.el;
  var colours = data.typeColours || {};

  var byNode = {}, byEdge = {};
  data.nodes.forEach(function (n) { byNode[n.id] = n; });
  data.edges.forEach(function (e) { byEdge[e.id] = e; e.shown = { count: e.count, label: e.label }; });

  function arrow(e) { return e.directed ? " \u2192 " : " \u2194 "; }

  function nodeTip(n) {
    var box = el("div", "ag-tip");
    box.appendChild(el("div", "ag-head", n.label));
    var meta = [n.type];
    if (n.profile.countryName) meta.push(n.profile.countryName);
    box.appendChild(el("div", "ag-meta", meta.join(" \u00b7 ")));
    box.appendChild(el("div", "ag-meta", n.relations + " relations with " + n.links +
      " links \u00b7 click for its profile"));
    return box;
  }

  function edgeTip(e) {
    var box = el("div", "ag-tip");
    box.appendChild(el("div", "ag-head", e.sourceLabel + arrow(e) + e.targetLabel + ": " +
      e.types.map(function (t) { return t[0] + (t[1] > 1 ? " \u00d7" + t[1] : ""); }).join(", ")));
    e.rows.slice(0, 2).forEach(function (r) {
      if (r.sentence) box.appendChild(el("div", "ag-sentence", "\u201c" + r.sentence + "\u201d"));
    });
    box.appendChild(el("div", "ag-meta", "Click the line for all " + e.count + " relations and their sources."));
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = Object.assign({}, n.vis);
    item.title = nodeTip(n);
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var item = Object.assign({}, e.vis);
    item.title = edgeTip(e);
    return item;
  }));
  var container = document.getElementById("network");
  var started = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var state = { network: network, nodes: nodes, edges: edges, data: data, stabilized: false,
                settleMs: null, iterations: null, placed: [], left: 0 };
  window.actorgraph = state;
  state.edgeData = function (id) { return byEdge[id]; };
  state.nodeData = function (id) { return byNode[id]; };

  function settled(iterations) {
    if (state.stabilized) return;
    state.stabilized = true;
    state.settleMs = performance.now() - started;
    state.iterations = iterations === undefined ? null : iterations;
    if (data.freezeAfterStabilization) network.setOptions({ physics: { enabled: false } });
    if (data.nodes.length) {
      // leave a margin for the labels of the actors at the rim
      network.fit({ animation: false });
      network.moveTo({ scale: network.getScale() * 0.9, animation: false });
    }
    network.redraw();
  }
  if (!data.nodes.length) {
    container.appendChild(el("p", "empty", "No actors or relations match this view."));
    settled(0);
  } else if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { settled(); });
    network.once("stabilized", function (params) { settled(params && params.iterations); });
  } else {
    network.once("afterDrawing", function () { settled(0); });
  }

  // --- labels: placed after the graph is drawn, on top of it, never overlapping ------------
  var NODE_FONT = "13px system-ui, -apple-system, 'Segoe UI', sans-serif";
  var NODE_BOLD = "bold 13px system-ui, -apple-system, 'Segoe UI', sans-serif";
  var LINK_FONT = "11px system-ui, -apple-system, 'Segoe UI', sans-serif";
  var QUIET_FONT = "italic 10px system-ui, -apple-system, 'Segoe UI', sans-serif";
  var widths = {};
  var TOP_NAMED = 12;
  var hovered = { node: null, edge: null };

  function textWidth(ctx, font, text) {
    var key = font + "\u0000" + text;
    if (!(key in widths)) { ctx.font = font; widths[key] = ctx.measureText(text).width; }
    return widths[key];
  }

  function Grid() { this.cells = {}; this.size = 64; }
  Grid.prototype.keys = function (b) {
    var out = [];
    for (var gx = Math.floor(b.x / this.size); gx <= Math.floor((b.x + b.w) / this.size); gx++) {
      for (var gy = Math.floor(b.y / this.size); gy <= Math.floor((b.y + b.h) / this.size); gy++) {
        out.push(gx + "," + gy);
      }
    }
    return out;
  };
  Grid.prototype.hits = function (b, except) {
    var keys = this.keys(b);
    for (var i = 0; i < keys.length; i++) {
      var cell = this.cells[keys[i]];
      if (!cell) continue;
      for (var j = 0; j < cell.length; j++) {
        var o = cell[j];
        if (o.owner === except) continue;
        if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return true;
      }
    }
    return false;
  };
  Grid.prototype.add = function (b) {
    var keys = this.keys(b);
    for (var i = 0; i < keys.length; i++) (this.cells[keys[i]] = this.cells[keys[i]] || []).push(b);
  };

  function visibleNodes() {
    return nodes.get({ filter: function (n) { return !n.hidden; }, fields: ["id"] })
      .map(function (n) { return n.id; });
  }

  function placeLabels(ctx) {
    var width = container.clientWidth, height = container.clientHeight;
    var scale = network.getScale();
    var ids = visibleNodes();
    var positions = network.getPositions(ids);
    var selected = {};
    network.getSelectedNodes().forEach(function (id) { selected[id] = true; });
    var grid = new Grid(), labels = new Grid();
    var screen = {};
    ids.forEach(function (id) {
      var p = network.canvasToDOM(positions[id]);
      var r = Math.max(3, (byNode[id].vis.size || 10) * scale);
      screen[id] = { x: p.x, y: p.y, r: r };
      grid.add({ x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r, owner: id, kind: "shape" });
    });
    var placed = [], left = 0;
    var inside = function (b) { return b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height; };
    var order = ids.slice().sort(function (a, b) {
      var fa = selected[a] || hovered.node === a ? 1 : 0, fb = selected[b] || hovered.node === b ? 1 : 0;
      return fb - fa || byNode[b].rank - byNode[a].rank;
    });
    order.forEach(function (id, rankOrder) {
      var s = screen[id], n = byNode[id];
      var forced = selected[id] || hovered.node === id;
      // the most central actors are named even over another actor's shape, never over a label
      var important = forced || rankOrder < TOP_NAMED;
      var font = forced ? NODE_BOLD : NODE_FONT;
      var w = textWidth(ctx, font, n.label) + 4, h = 16, gap = 2;
      var spots = [
        [s.x - w / 2, s.y + s.r + gap], [s.x - w / 2, s.y - s.r - gap - h],
        [s.x + s.r + gap, s.y - h / 2], [s.x - s.r - gap - w, s.y - h / 2],
        [s.x + s.r * 0.7, s.y + s.r * 0.7], [s.x - s.r * 0.7 - w, s.y + s.r * 0.7],
        [s.x + s.r * 0.7, s.y - s.r * 0.7 - h], [s.x - s.r * 0.7 - w, s.y - s.r * 0.7 - h]
      ];
      for (var pass = 0; pass < (important ? 2 : 1); pass++) {
        for (var i = 0; i < spots.length; i++) {
          var b = { x: spots[i][0], y: spots[i][1], w: w, h: h, owner: id, kind: "node",
                    text: n.label, font: font, id: id };
          if (inside(b) && !(pass === 0 ? grid.hits(b, id) : labels.hits(b, id))) {
            grid.add(b); labels.add(b); placed.push(b); return;
          }
        }
      }
      left += 1;
    });
    var links = edges.get({ filter: function (e) { return !e.hidden; }, fields: ["id", "from", "to"] })
      .filter(function (e) { return screen[e.from] && screen[e.to]; })
      .map(function (e) { return byEdge[e.id]; })
      .sort(function (a, b) {
        var fa = hovered.edge === a.id ? 1 : 0, fb = hovered.edge === b.id ? 1 : 0;
        return fb - fa || (a.family === b.family ? 0 : a.family === "interaction" ? -1 : 1) ||
          b.shown.count - a.shown.count;
      });
    links.forEach(function (e) {
      var quiet = e.family !== "interaction";
      var font = quiet ? QUIET_FONT : LINK_FONT;
      var text = e.shown.label;
      var w = textWidth(ctx, font, text) + 6, h = quiet ? 13 : 15;
      var body = network.body.edges[e.id];
      if (!body || !body.edgeType) return;
      var from = screen[e.vis.from], to = screen[e.vis.to];
      if (Math.hypot(to.x - from.x, to.y - from.y) < from.r + to.r + 12) { left += 1; return; }
      // on the line at its middle, then beside it, then further along
      var ts = [0.5, 0.4, 0.6, 0.32, 0.68];
      var sides = [0, 1, -1];
      for (var i = 0; i < ts.length * sides.length; i++) {
        var t = ts[Math.floor(i / sides.length)], side = sides[i % sides.length];
        var p = network.canvasToDOM(body.edgeType.getPoint(t));
        if (side) {
          var q = network.canvasToDOM(body.edgeType.getPoint(Math.min(1, t + 0.05)));
          var len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
          var nx = -(q.y - p.y) / len, ny = (q.x - p.x) / len;
          var off = side * (Math.abs(nx) * (w / 2) + Math.abs(ny) * (h / 2) + 2);
          p = { x: p.x + nx * off, y: p.y + ny * off };
        }
        var b = { x: p.x - w / 2, y: p.y - h / 2, w: w, h: h, owner: e.id, kind: "link",
                  text: text, font: font, id: e.id, colour: e.vis.color.color, quiet: quiet };
        if (inside(b) && !grid.hits(b, null)) { grid.add(b); labels.add(b); placed.push(b); return; }
      }
      left += 1;
    });
    return { placed: placed, left: left };
  }

  function drawLabels(ctx, placed) {
    var ratio = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    placed.forEach(function (b) {
      ctx.font = b.font;
      if (b.kind === "link") {
        ctx.fillStyle = "rgba(255,255,255,0.88)";
        ctx.fillRect(b.x, b.y, b.w, b.h);
        ctx.fillStyle = b.quiet ? "#777" : darker(b.colour);
        ctx.textAlign = "center";
        ctx.fillText(b.text, b.x + b.w / 2, b.y + b.h / 2 + 0.5);
      } else {
        ctx.textAlign = "left";
        ctx.lineWidth = 4;
        ctx.strokeStyle = "rgba(255,255,255,0.92)";
        ctx.strokeText(b.text, b.x + 2, b.y + b.h / 2 + 0.5);
        ctx.fillStyle = "#1d1d1d";
        ctx.fillText(b.text, b.x + 2, b.y + b.h / 2 + 0.5);
      }
    });
    ctx.restore();
  }

  function darker(hex) {
    var c = parseInt(String(hex || "#555555").slice(1), 16);
    var f = function (v) { return Math.round(v * 0.72); };
    return "rgb(" + f((c >> 16) & 255) + "," + f((c >> 8) & 255) + "," + f(c & 255) + ")";
  }

  network.on("afterDrawing", function (ctx) {
    if (!state.stabilized || !data.nodes.length) return;
    var done = placeLabels(ctx);
    state.placed = done.placed;
    state.left = done.left;
    drawLabels(ctx, done.placed);
  });
  network.on("hoverNode", function (p) { hovered.node = p.node; network.redraw(); });
  network.on("blurNode", function () { hovered.node = null; network.redraw(); });
  network.on("hoverEdge", function (p) { hovered.edge = p.edge; });
  network.on("blurEdge", function () { hovered.edge = null; });

  /* The labels drawn now: text, kind (node or link), id and box in page pixels of the graph. */
  state.labels = function () {
    return state.placed.map(function (b) {
      return { kind: b.kind, id: b.id, text: b.text, font: b.font, x: b.x, y: b.y, w: b.w, h: b.h };
    });
  };

  // --- panels: the evidence behind a link, an actor's profile -------------------------------
  var panel = P.panel();
  document.getElementById("details-close").addEventListener("click", function () {
    panel.close();
    network.unselectAll();
  });

  function typesLine(e) {
    var line = el("div", "meta");
    e.types.forEach(function (t) {
      line.appendChild(P.badge(t[0], colours));
      line.appendChild(document.createTextNode("\u00d7" + t[1] + " "));
    });
    return line;
  }

  function showLink(id) {
    var e = byEdge[id];
    if (!e) return;
    var parts = [el("h2", null, e.sourceLabel + arrow(e) + e.targetLabel), typesLine(e)];
    var when = e.ongoing ? "since " + e.first : e.first && e.last && e.first !== e.last
      ? e.first + " to " + e.last : e.first;
    var facts = [];
    if (when) facts.push(when);
    if (e.family === "interaction") {
      facts.push(e.cooperative + " cooperative, " + e.conflictual + " conflictual");
    }
    if (facts.length) parts.push(el("div", "meta", facts.join(" \u00b7 ")));
    var types = checkedTypes();
    var rows = e.rows.filter(function (r) { return types[r.type] !== false; });
    parts.push(el("h3", null, "Evidence (" + rows.length + ")"));
    parts.push(P.rows(rows, colours, e.moreRows));
    panel.open(parts);
    network.selectEdges([id]);
    state.panel = { kind: "link", id: id };
  }
  state.showLink = showLink;

  function showActor(id) {
    var n = byNode[id];
    if (!n) return;
    var pr = n.profile;
    var parts = [el("h2", null, n.label)];
    var meta = el("div", "meta", n.type + (pr.countryName ? " \u00b7 " + pr.countryName : ""));
    if (n.wikidataUrl) {
      meta.appendChild(document.createTextNode(" \u00b7 "));
      var wd = el("a", "wikidata", "Wikidata " + n.wikidata);
      wd.href = P.safeHref(n.wikidataUrl);
      wd.target = "_blank";
      wd.rel = "noopener noreferrer";
      meta.appendChild(wd);
    }
    parts.push(meta);
    if (n.aliases.length) parts.push(el("div", "meta", "also: " + n.aliases.slice(0, 6).join(", ")));
    parts.push(el("div", "meta", n.relations + " relations in " + n.links + " links"));
    function list(title, items, cls) {
      if (!items.length) return;
      parts.push(el("h3", null, title));
      var ul = el("ul", cls);
      items.forEach(function (item) { ul.appendChild(item); });
      parts.push(ul);
    }
    function line(p) {
      var li = el("li");
      if (p.id && byNode[p.id]) li.appendChild(actorButton(p.id, p.text));
      else li.appendChild(document.createTextNode(p.text));
      if (p.when) li.appendChild(el("span", "meta", " (" + p.when + ")"));
      return li;
    }
    list("Posts", pr.posts.map(line), "posts");
    list("Memberships and ties", pr.affiliations.map(line), "posts");
    list("Main partners", pr.partners.map(function (p) {
      var li = el("li");
      var dot = el("span", "swatch");
      dot.style.background = p.conflictual > p.cooperative ? "#d62728"
        : p.cooperative > p.conflictual ? "#2e9e44" : "#e0a030";
      li.appendChild(dot);
      li.appendChild(actorButton(p.id, p.label));
      li.appendChild(document.createTextNode(" \u2014 " + p.types));
      return li;
    }), "partners");
    if (pr.events.length) {
      parts.push(el("h3", null, "Interactions over time (" + pr.events.length + ")"));
      parts.push(P.sparkline(pr.events, dateFrom.dataset["default"], dateTo.dataset["default"]));
    }
    panel.open(parts);
    network.selectNodes([id]);
    state.panel = { kind: "actor", id: id };
  }
  state.showActor = showActor;

  function actorButton(id, text) {
    var b = el("button", "linkish", text);
    b.type = "button";
    b.addEventListener("click", function () {
      showActor(id);
      network.focus(id, { scale: Math.max(network.getScale(), 1),
                          animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    });
    return b;
  }

  function labelAt(x, y) {
    for (var i = state.placed.length - 1; i >= 0; i--) {
      var b = state.placed[i];
      if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return b;
    }
    return null;
  }

  network.on("click", function (params) {
    var hit = labelAt(params.pointer.DOM.x, params.pointer.DOM.y);
    if (hit && hit.kind === "link") return showLink(hit.id);
    if (hit && hit.kind === "node") return showActor(hit.id);
    if (params.nodes.length) return showActor(params.nodes[0]);
    if (params.edges.length) return showLink(params.edges[0]);
    panel.close();
    state.panel = null;
  });

  // --- search -------------------------------------------------------------------------
  var names = document.getElementById("actor-names");
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); })
    .forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.label;
      names.appendChild(option);
    });

  function findActor(query) {
    var q = query.trim().toLocaleLowerCase();
    if (!q) return [];
    var exact = data.nodes.filter(function (n) { return n.label.toLocaleLowerCase() === q; });
    if (exact.length) return exact;
    return data.nodes.filter(function (n) {
      return n.label.toLocaleLowerCase().indexOf(q) >= 0 ||
        (n.aliases || []).some(function (a) { return a.toLocaleLowerCase().indexOf(q) >= 0; });
    });
  }

  var searchStatus = document.getElementById("search-status");
  function search(query) {
    var found = findActor(query);
    if (!found.length) {
      searchStatus.textContent = "No actor matches \u201c" + query + "\u201d.";
      network.unselectAll();
      return null;
    }
    var ids = found.map(function (n) { return n.id; });
    network.selectNodes(ids);
    if (ids.length === 1) {
      network.focus(ids[0], { scale: Math.max(network.getScale(), 1.1),
                              animation: { duration: 300, easingFunction: "easeInOutQuad" } });
      searchStatus.textContent = "Found " + found[0].label + " (" + found[0].type + ").";
      showActor(ids[0]);
    } else {
      network.fit({ nodes: ids, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
      searchStatus.textContent = found.length + " actors match; all are selected.";
    }
    return ids;
  }
  state.search = search;
  var searchBox = document.getElementById("search");
  document.getElementById("search-button").addEventListener("click", function () {
    search(searchBox.value);
  });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(searchBox.value); }
  });

  // --- filters ------------------------------------------------------------------------
  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll("input.type-filter"));
  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");
  var showUndated = document.getElementById("show-undated");
  var hideIsolated = document.getElementById("hide-isolated");
  var filterStatus = document.getElementById("filter-status");

  function checkedTypes() {
    var types = {};
    typeBoxes.forEach(function (box) { types[box.value] = box.checked; });
    return types;
  }

  function partVisible(p, types, from, to, undated) {
    if (types[p.type] === false) return false;
    if (!p.first) return undated;
    if (from && p.last && p.last < from) return false;  // no last date: still going on
    if (to && p.first > to) return false;
    return true;
  }

  /* What a link shows once filtered: its relations left, their dominant type, colour, width. */
  function recount(e, parts) {
    var count = 0, coop = 0, conf = 0, byType = {};
    parts.forEach(function (p) {
      count += p.count;
      byType[p.type] = (byType[p.type] || 0) + p.count;
      if (p.sign > 0) coop += p.count;
      if (p.sign < 0) conf += p.count;
    });
    if (!count) return { count: 0 };
    if (e.family !== "interaction") return { count: count, label: e.label };
    var top = Object.keys(byType).sort(function (a, b) { return byType[b] - byType[a] || (a < b ? -1 : 1); })[0];
    var label = top + (byType[top] > 1 ? " \u00d7" + byType[top] : "");
    if (count > byType[top]) label += " (+" + (count - byType[top]) + ")";
    return { count: count, label: label, coop: coop, conf: conf };
  }

  function mix(a, b, share) {
    var ca = parseInt(a.slice(1), 16), cb = parseInt(b.slice(1), 16);
    var out = [16, 8, 0].map(function (s) {
      var x = (ca >> s) & 255, y = (cb >> s) & 255;
      return Math.round(x + (y - x) * share);
    });
    return "#" + out.map(function (v) { return (v < 16 ? "0" : "") + v.toString(16); }).join("");
  }
  function balanceColour(coop, conf) {
    if (!coop && !conf) return "#6b8fb5";
    var balance = (coop - conf) / (coop + conf);
    return balance < 0 ? mix("#e0a030", "#d62728", -balance) : mix("#e0a030", "#2e9e44", balance);
  }

  function applyFilters() {
    var types = checkedTypes();
    var from = dateFrom.value, to = dateTo.value, undated = showUndated.checked;
    var shown = 0, changes = [], linked = {};
    data.edges.forEach(function (e) {
      var parts = e.parts.filter(function (p) { return partVisible(p, types, from, to, undated); });
      var now = recount(e, parts);
      var change = { id: e.id, hidden: now.count === 0 };
      if (now.count) {
        shown += 1;
        linked[e.vis.from] = true;
        linked[e.vis.to] = true;
        e.shown = { count: now.count, label: now.label };
        if (e.family === "interaction") {
          var colour = balanceColour(now.coop, now.conf);
          change.color = { color: colour, highlight: colour, hover: colour, opacity: 0.9 };
          change.width = Math.round((1.5 + 1.6 * Math.sqrt(now.count - 1)) * 100) / 100;
        }
      }
      changes.push(change);
    });
    edges.update(changes);
    var hiddenNodes = 0;
    nodes.update(data.nodes.map(function (n) {
      var hide = hideIsolated.checked && !linked[n.id] && data.edges.length > 0;
      if (hide) hiddenNodes += 1;
      return { id: n.id, hidden: hide };
    }));
    filterStatus.textContent = shown + " of " + data.edges.length + " links shown" +
      (hiddenNodes ? ", " + hiddenNodes + " actors without links hidden." : ".");
    if (state.panel && state.panel.kind === "link") showLink(state.panel.id);
    return shown;
  }
  state.applyFilters = applyFilters;
  typeBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  [dateFrom, dateTo, showUndated, hideIsolated].forEach(function (input) {
    input.addEventListener("change", applyFilters);
    input.addEventListener("input", applyFilters);
  });
  function setDates(from, to) { dateFrom.value = from; dateTo.value = to; applyFilters(); }
  document.getElementById("dates-articles").addEventListener("click", function () {
    setDates(dateFrom.dataset["default"], dateTo.dataset["default"]);
  });
  document.getElementById("dates-all").addEventListener("click", function () {
    setDates(dateFrom.min, dateTo.max);
  });
  document.getElementById("reset-filters").addEventListener("click", function () {
    typeBoxes.forEach(function (box) { box.checked = true; });
    showUndated.checked = true;
    hideIsolated.checked = true;
    setDates(dateFrom.dataset["default"], dateTo.dataset["default"]);
  });
  applyFilters();
})();
