/* actorgraph side panel: the evidence rows behind a link or a timeline bar, and small helpers
 * shared by the network and timeline pages. Everything from articles goes on screen as DOM text
 * (textContent), never as HTML; links are kept only when they are web or file addresses. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHref(href) {
    if (!href) return "";
    var text = String(href);
    if (/^(https?:|file:)/i.test(text)) return text;
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return "";  // javascript:, data: ... never
    return text;  // a relative path to the article next to the page
  }

  function light(colour) {
    var c = parseInt(String(colour).slice(1), 16);
    var r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
    return 0.299 * r + 0.587 * g + 0.114 * b > 150;
  }

  function badge(type, colours) {
    var colour = (colours && colours[type]) || "#9a9a9a";
    var node = el("span", "badge" + (light(colour) ? " light" : ""), type);
    node.style.background = colour;
    return node;
  }

  /* The sentence with the source's names in yellow and the target's in blue. */
  function sentence(text, marks) {
    var quote = el("blockquote", "sentence");
    var at = 0;
    (marks || []).forEach(function (m) {
      if (m[0] < at) return;
      if (m[0] > at) quote.appendChild(document.createTextNode(text.slice(at, m[0])));
      quote.appendChild(el("mark", m[2] === "target" ? "target" : "source", text.slice(m[0], m[1])));
      at = m[1];
    });
    if (at < text.length) quote.appendChild(document.createTextNode(text.slice(at)));
    return quote;
  }

  function row(r, colours) {
    var item = el("li", "evidence-row");
    var head = el("div", "row-head");
    head.appendChild(badge(r.type, colours));
    head.appendChild(document.createTextNode(
      r.source + (r.directed ? " \u2192 " : " \u2194 ") + r.target));
    item.appendChild(head);
    var facts = [];
    if (r.mode) facts.push(r.mode);
    if (r.date) facts.push(r.date);
    if (r.factuality) facts.push(r.factuality);
    if (r.saidBy) facts.push("according to " + r.saidBy);
    if (facts.length) item.appendChild(el("div", "row-head facts", facts.join(" \u00b7 ")));
    if (r.sentence) item.appendChild(sentence(r.sentence, r.marks));
    var source = el("div", "row-source");
    var href = safeHref(r.href);
    var name = r.title || r.where || "";
    if (href) {
      var a = el("a", null, name || href);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      source.appendChild(a);
    } else if (name) {
      source.appendChild(document.createTextNode(name));
    }
    var where = [];
    if (r.articleDate) where.push(r.articleDate);
    if (r.where && r.where !== name) where.push(r.where);
    if (where.length) source.appendChild(document.createTextNode(
      (name || href ? " \u00b7 " : "") + where.join(" \u00b7 ")));
    item.appendChild(source);
    return item;
  }

  function rows(list, colours, more) {
    var box = el("ol", "rows");
    list.forEach(function (r) { box.appendChild(row(r, colours)); });
    var frag = document.createDocumentFragment();
    frag.appendChild(box);
    if (more > 0) {
      frag.appendChild(el("p", "more", "+ " + more + " more (actorgraph query evidence lists them all)"));
    }
    return frag;
  }

  function panel() {
    var aside = document.getElementById("details");
    var body = document.getElementById("details-body");
    return {
      open: function (nodes) {
        body.textContent = "";
        nodes.forEach(function (n) { body.appendChild(n); });
        aside.hidden = false;
        aside.scrollTop = 0;
      },
      close: function () { aside.hidden = true; body.textContent = ""; },
      isOpen: function () { return !aside.hidden; },
      element: aside
    };
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /* A small timeline: one bar per month, cooperation up in green, conflict down in red. */
  function sparkline(events, first, last) {
    var width = 360, height = 70, mid = 34;
    var box = svg("svg", { width: width, height: height + 14, "class": "spark", role: "img" });
    var dated = events.filter(function (e) { return e.date; });
    if (!dated.length) return box;
    var months = function (d) { return Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1; };
    var lo = months(first && first < dated[0].date ? first : dated[0].date);
    var hi = months(last && last > dated[dated.length - 1].date ? last : dated[dated.length - 1].date);
    var span = Math.max(1, hi - lo + 1);
    var bins = {};
    dated.forEach(function (e) {
      var k = months(e.date) + ":" + (e.sign >= 0 ? "up" : "down");
      bins[k] = (bins[k] || 0) + 1;
    });
    var top = Math.max.apply(null, Object.keys(bins).map(function (k) { return bins[k]; }));
    var bw = Math.max(2, Math.floor((width - 4) / span) - 1);
    box.appendChild(svg("line", { x1: 0, x2: width, y1: mid, y2: mid, stroke: "#999" }));
    Object.keys(bins).forEach(function (k) {
      var parts = k.split(":"), m = Number(parts[0]), up = parts[1] === "up";
      var h = Math.max(2, Math.round(bins[k] / top * (mid - 4)));
      var x = 2 + Math.round((m - lo) / span * (width - 4));
      var bar = svg("rect", { x: x, width: bw, y: up ? mid - h : mid + 1, height: h,
                              fill: up ? "#2e9e44" : "#d62728", "class": "spark-bar" });
      var tip = svg("title");
      var year = Math.floor(m / 12), month = (m % 12) + 1;
      tip.textContent = year + "-" + (month < 10 ? "0" : "") + month + ": " + bins[k] +
        (up ? " cooperative" : " conflictual");
      bar.appendChild(tip);
      box.appendChild(bar);
    });
    var from = svg("text", { x: 0, y: height + 10, "class": "spark-axis" });
    from.textContent = dated[0].date.slice(0, 7);
    var to = svg("text", { x: width, y: height + 10, "class": "spark-axis", "text-anchor": "end" });
    to.textContent = dated[dated.length - 1].date.slice(0, 7);
    box.appendChild(from);
    box.appendChild(to);
    return box;
  }

  window.agPanel = { el: el, rows: rows, row: row, badge: badge, sentence: sentence,
                     safeHref: safeHref, panel: panel, sparkline: sparkline };
})();
