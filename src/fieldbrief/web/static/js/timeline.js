// fieldbrief: the timeline, an SVG of stacked bars per period and event type, with a span that can be selected
// by dragging across it. Built with DOM calls only (labels are text nodes).
"use strict";

FB.timeline = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const HEIGHT = 150;
  const PAD = {left: 34, right: 8, top: 8, bottom: 22};

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.appendChild(document.createTextNode(text));
    return node;
  }

  function addDays(iso, days) {
    const d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function nextStart(iso, unit) {
    if (unit === "day") return addDays(iso, 1);
    if (unit === "week") return addDays(iso, 7);
    const d = new Date(iso + "T00:00:00Z");
    if (unit === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.toISOString().slice(0, 10);
  }

  // Every period from the first bar to the last, empty ones included, so the axis is true to time.
  function periods(data) {
    const found = new Map(data.buckets.map((b) => [b.start, b]));
    const out = [];
    if (!data.buckets.length) return out;
    const last = data.buckets[data.buckets.length - 1].start;
    for (let start = data.buckets[0].start; start <= last && out.length < 2000; start = nextStart(start, data.unit)) {
      out.push(found.get(start) || {start: start, end: addDays(nextStart(start, data.unit), -1), total: 0, coarse: 0, types: {}});
    }
    return out;
  }

  // options: {height, selection: [from, to] | null, onSelect(from, to), height}
  function draw(container, data, options) {
    options = options || {};
    FB.clear(container);
    const bars = periods(data);
    if (!bars.length) {
      container.appendChild(FB.el("p", {class: "note"}, "No dated events" + (data.undated ? " (" + FB.plural(data.undated, "undated event") + ")" : "") + "."));
      return;
    }
    const width = Math.max(container.clientWidth || 600, 300);
    const height = options.height || HEIGHT;
    const inner = {w: width - PAD.left - PAD.right, h: height - PAD.top - PAD.bottom};
    const max = Math.max(1, ...bars.map((b) => b.total));
    const step = inner.w / bars.length;
    const root = svg("svg", {viewBox: `0 0 ${width} ${height}`, height: height, role: "img",
      "aria-label": `Events per ${data.unit}, ${data.from} to ${data.to}`});
    root.appendChild(svg("text", {x: 2, y: PAD.top + 9, class: "axis"}, String(max)));
    root.appendChild(svg("text", {x: 2, y: PAD.top + inner.h, class: "axis"}, "0"));
    const types = Object.keys(FB.TYPE_COLOURS);
    bars.forEach((b, i) => {
      const group = svg("g", {"data-start": b.start, "data-end": b.end, "data-total": b.total});
      let y = PAD.top + inner.h;
      const ordered = Object.keys(b.types).sort((a, c) => types.indexOf(a) - types.indexOf(c));
      for (const type of ordered) {
        const h = (b.types[type] / max) * inner.h;
        y -= h;
        const rect = svg("rect", {x: PAD.left + i * step + step * 0.1, y: y, width: Math.max(step * 0.8, 1), height: h,
          fill: FB.typeColour(type), class: b.coarse === b.total && b.total ? "bar-coarse" : "bar"});
        group.appendChild(rect);
      }
      const label = `${b.start}${b.end !== b.start ? " – " + b.end : ""}: ${FB.plural(b.total, "event")}` +
        (b.coarse ? ` (${b.coarse} dated only to a week, month or year)` : "") +
        Object.entries(b.types).map(([t, n]) => `\n${t}: ${n}`).join("");
      group.appendChild(svg("title", {}, label));
      root.appendChild(group);
    });
    const every = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(inner.w / 80))));
    bars.forEach((b, i) => {
      if (i % every) return;
      const text = data.unit === "month" ? b.start.slice(0, 7) : data.unit === "year" ? b.start.slice(0, 4) : b.start;
      root.appendChild(svg("text", {x: PAD.left + i * step, y: height - 6, class: "axis"}, text));
    });
    const selection = svg("rect", {class: "selection", y: PAD.top, height: inner.h, x: 0, width: 0, visibility: "hidden"});
    root.appendChild(selection);
    const indexAt = (clientX) => {
      const box = root.getBoundingClientRect();
      const x = ((clientX - box.left) / box.width) * width - PAD.left;
      return Math.min(bars.length - 1, Math.max(0, Math.floor(x / step)));
    };
    const show = (a, b) => {
      const lo = Math.min(a, b), hi = Math.max(a, b);
      selection.setAttribute("x", PAD.left + lo * step);
      selection.setAttribute("width", (hi - lo + 1) * step);
      selection.setAttribute("visibility", "visible");
    };
    if (options.selection && options.selection[0] && options.selection[1]) {
      const [from, to] = options.selection;
      const lo = bars.findIndex((b) => b.end >= from);
      let hi = -1;
      bars.forEach((b, i) => { if (b.start <= to) hi = i; });
      if (lo >= 0 && hi >= lo) show(lo, hi);
    }
    if (options.onSelect) {
      let anchor = null;
      root.addEventListener("pointerdown", (event) => {
        anchor = indexAt(event.clientX);
        root.setPointerCapture(event.pointerId);
        show(anchor, anchor);
      });
      root.addEventListener("pointermove", (event) => { if (anchor !== null) show(anchor, indexAt(event.clientX)); });
      root.addEventListener("pointerup", (event) => {
        if (anchor === null) return;
        const end = indexAt(event.clientX);
        const lo = Math.min(anchor, end), hi = Math.max(anchor, end);
        anchor = null;
        options.onSelect(bars[lo].start, bars[hi].end);
      });
    }
    container.appendChild(root);
  }

  return {draw, periods};
})();
