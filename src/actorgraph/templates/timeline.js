/* actorgraph timeline page: clicking a bar segment lists the relations behind it (type,
 * direction, date, factuality, who said so, the sentence, the article); the panel lists every
 * relation until a bar is chosen. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var P = window.agPanel;
  var el = P.el;
  var panel = P.panel();
  var bySegment = {};
  data.segments.forEach(function (s) { bySegment[s.id] = s; });
  var state = { data: data, stabilized: true, chosen: null };
  window.actorgraph = state;

  function direction(s) {
    return s.direction === "ab" ? data.a + " \u2192 " + data.b : data.b + " \u2192 " + data.a;
  }

  function showAll() {
    var rows = [];
    data.segments.forEach(function (s) { rows = rows.concat(s.rows); });
    rows.sort(function (x, y) { return x.date < y.date ? -1 : x.date > y.date ? 1 : 0; });
    panel.open([el("h2", null, "All relations (" + rows.length + ")"),
                el("div", "meta", "Click a bar for the relations behind it."),
                P.rows(rows, data.typeColours, 0)]);
    choose(null);
  }

  function choose(id) {
    Array.prototype.forEach.call(document.querySelectorAll("#chart g.chosen"), function (g) {
      g.classList.remove("chosen");
    });
    if (id) document.getElementById(id).classList.add("chosen");
    state.chosen = id;
  }

  function showSegment(id) {
    var s = bySegment[id];
    if (!s) return;
    var head = el("div", "meta");
    head.appendChild(P.badge(s.type, data.typeColours));
    head.appendChild(document.createTextNode(direction(s) + " \u00b7 " + s.period));
    panel.open([el("h2", null, s.type + " \u00d7" + s.rows.length + ", " + s.period), head,
                P.rows(s.rows, data.typeColours, 0)]);
    choose(id);
  }
  state.showSegment = showSegment;

  data.segments.forEach(function (s) {
    var g = document.getElementById(s.id);
    if (!g) return;
    var tip = document.createElementNS("http://www.w3.org/2000/svg", "title");
    tip.textContent = s.type + " \u00d7" + s.rows.length + " \u00b7 " + direction(s) + " \u00b7 " + s.period;
    g.insertBefore(tip, g.firstChild);
    g.addEventListener("click", function () { showSegment(s.id); });
  });
  document.getElementById("details-close").addEventListener("click", showAll);
  showAll();
})();
