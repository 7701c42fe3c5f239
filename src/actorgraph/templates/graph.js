/* actorgraph network page: builds the vis-network DataSets from the embedded JSON, tooltips as
 * DOM text (never HTML), the actor search, and the relation-type and date filters. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function nodeTip(n) {
    var box = el("div", "ag-tip");
    box.appendChild(el("div", "ag-head", n.label));
    var meta = [n.type];
    if (n.country) meta.push(n.country);
    if (n.wikidata) meta.push(n.wikidata);
    box.appendChild(el("div", "ag-meta", meta.join(" \u00b7 ")));
    box.appendChild(el("div", "ag-meta", n.degree + " linked actors, " + n.relations + " relations"));
    if (n.relationsText && n.relationsText.length) {
      var list = el("ul");
      n.relationsText.forEach(function (line) { list.appendChild(el("li", null, line)); });
      box.appendChild(list);
    }
    return box;
  }

  function edgeTip(e) {
    var box = el("div", "ag-tip");
    var arrow = e.directed ? " \u2192 " : " \u2194 ";
    box.appendChild(el("div", "ag-head", e.sourceLabel + arrow + e.targetLabel + ": " + e.type +
      (e.count > 1 ? " \u00d7" + e.count : "")));
    var meta = [];
    if (e.roles && e.roles.length) meta.push(e.roles.join(", "));
    if (e.ongoing) meta.push("since " + e.first);
    else if (e.first) meta.push(e.first === e.last ? e.first : e.first + " \u2013 " + e.last);
    if (e.score !== null && e.score !== undefined) {
      meta.push("score " + e.score + (e.score > 0 ? " (cooperation)" : e.score < 0 ? " (conflict)" : ""));
    }
    if (e.factualityText) meta.push(e.factualityText);
    if (e.kb) meta.push("knowledge base");
    if (meta.length) box.appendChild(el("div", "ag-meta", meta.join(" \u00b7 ")));
    if (e.evidence && e.evidence.length) {
      var list = el("ul");
      e.evidence.forEach(function (ev) {
        var item = el("li");
        item.appendChild(el("div", "ag-sentence", "\u201c" + ev.sentence + "\u201d"));
        var source = [ev.title || ev.document, ev.date, ev.factuality].filter(Boolean).join(" \u00b7 ");
        item.appendChild(el("div", "ag-source", source));
        list.appendChild(item);
      });
      box.appendChild(list);
      if (e.moreEvidence > 0) box.appendChild(el("div", "ag-meta", "+ " + e.moreEvidence + " more"));
    }
    return box;
  }

  var nodeItems = data.nodes.map(function (n) {
    var item = Object.assign({}, n.vis);
    item.title = nodeTip(n);
    return item;
  });
  var edgeItems = data.edges.map(function (e) {
    var item = Object.assign({}, e.vis);
    item.title = edgeTip(e);
    return item;
  });
  var byEdgeId = {};
  data.edges.forEach(function (e) { byEdgeId[e.vis.id] = e; });

  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var container = document.getElementById("network");
  var started = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var state = { network: network, nodes: nodes, edges: edges, data: data, stabilized: false,
                settleMs: null, iterations: null };
  window.actorgraph = state;

  function settled(iterations) {
    if (state.stabilized) return;
    state.stabilized = true;
    state.settleMs = performance.now() - started;
    state.iterations = iterations === undefined ? null : iterations;
    if (data.freezeAfterStabilization) network.setOptions({ physics: { enabled: false } });
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
      network.focus(ids[0], { scale: 1.2, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
      searchStatus.textContent = "Found " + found[0].label + " (" + found[0].type + ").";
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

  function visible(e, types, from, to, undated) {
    if (!types[e.type]) return false;
    if (!e.first) return undated;
    if (from && e.last && e.last < from) return false;  // no last date: still going on
    if (to && e.first > to) return false;
    return true;
  }

  function applyFilters() {
    var types = {};
    typeBoxes.forEach(function (box) { types[box.value] = box.checked; });
    var from = dateFrom.value, to = dateTo.value, undated = showUndated.checked;
    var shown = 0;
    var changes = data.edges.map(function (e) {
      var show = visible(e, types, from, to, undated);
      if (show) shown += 1;
      return { id: e.vis.id, hidden: !show };
    });
    edges.update(changes);
    var linked = {};
    data.edges.forEach(function (e, i) {
      if (!changes[i].hidden) { linked[e.vis.from] = true; linked[e.vis.to] = true; }
    });
    var hiddenNodes = 0;
    nodes.update(data.nodes.map(function (n) {
      var hide = hideIsolated.checked && !linked[n.id] && data.edges.length > 0;
      if (hide) hiddenNodes += 1;
      return { id: n.id, hidden: hide };
    }));
    filterStatus.textContent = shown + " of " + data.edges.length + " links shown" +
      (hiddenNodes ? ", " + hiddenNodes + " actors without links hidden." : ".");
    return shown;
  }
  state.applyFilters = applyFilters;
  typeBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  [dateFrom, dateTo, showUndated, hideIsolated].forEach(function (input) {
    input.addEventListener("change", applyFilters);
    input.addEventListener("input", applyFilters);
  });
  document.getElementById("reset-filters").addEventListener("click", function () {
    typeBoxes.forEach(function (box) { box.checked = true; });
    dateFrom.value = dateFrom.min;
    dateTo.value = dateTo.max;
    showUndated.checked = true;
    hideIsolated.checked = true;
    applyFilters();
  });
  state.edgeData = function (id) { return byEdgeId[id]; };
})();
