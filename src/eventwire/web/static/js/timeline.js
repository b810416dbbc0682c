// The timeline: incidents per day (or week, or month) as stacked bars, coloured by type.
// Drag across it to pick a date range; click a bar to pick its days.

import { day, s, typeColor } from "./dom.js";

const DAY = 86400000;
const HEIGHT = 130;
const PAD = { left: 34, right: 12, top: 10, bottom: 24 };

const toDay = (iso) => {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
};
const toIso = (n) => new Date(n * DAY).toISOString().slice(0, 10);

export function bins(incidents) {
  const dated = incidents.filter((i) => i.start);
  if (!dated.length) return null;
  const starts = dated.map((i) => toDay(i.start));
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  const span = last - first + 1;
  const width = span <= 92 ? 1 : span <= 730 ? 7 : 30;
  const count = Math.floor((last - first) / width) + 1;
  const result = Array.from({ length: count }, (_, n) => ({
    first: first + n * width, last: first + (n + 1) * width - 1, types: {}, total: 0,
  }));
  for (const incident of dated) {
    const bin = result[Math.floor((toDay(incident.start) - first) / width)];
    bin.types[incident.type] = (bin.types[incident.type] || 0) + 1;
    bin.total += 1;
  }
  return { bins: result, first, last: first + count * width - 1, width, undated: incidents.length - dated.length };
}

/** Draw the timeline of `incidents` into `element`; `onPick(startIso, endIso)` on a choice. */
export function drawTimeline(element, incidents, onPick) {
  element.replaceChildren();
  const data = bins(incidents);
  const width = Math.max(320, element.clientWidth || 600);
  const svg = s("svg", { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", "aria-label": "incidents over time" });
  element.append(svg);
  if (!data) {
    svg.append(s("text", { x: width / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "empty" }, "no dated incidents"));
    return;
  }
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  // the days shown: the bins' days, widened to at least two weeks around them
  let from = data.first;
  let to = data.last;
  if (to - from + 1 < 14) {
    const extra = 14 - (to - from + 1);
    from -= Math.floor(extra / 2);
    to += Math.ceil(extra / 2);
  }
  const daysShown = to - from + 1;
  const x = (n) => PAD.left + ((n - from) / daysShown) * plotW;
  const top = Math.max(...data.bins.map((b) => b.total));
  const y = (v) => PAD.top + plotH - (v / top) * plotH;
  const barW = Math.min(48, Math.max(2, (data.width / daysShown) * plotW - 2));

  svg.append(s("line", { x1: PAD.left, x2: width - PAD.right, y1: y(0), y2: y(0), class: "axis" }));
  svg.append(s("text", { x: PAD.left - 6, y: y(top) + 4, "text-anchor": "end", class: "tick" }, String(top)));
  svg.append(s("text", { x: PAD.left - 6, y: y(0), "text-anchor": "end", class: "tick" }, "0"));
  const ticks = 6;
  for (let n = 0; n < ticks; n++) {
    const at = from + Math.round((n * (daysShown - 1)) / (ticks - 1));
    const anchor = n === 0 ? "start" : n === ticks - 1 ? "end" : "middle";
    const tx = n === 0 ? PAD.left : n === ticks - 1 ? width - PAD.right : x(at + 0.5);
    svg.append(s("text", { x: tx, y: HEIGHT - 6, "text-anchor": anchor, class: "tick" }, day(toIso(at))));
  }
  for (const bin of data.bins) {
    let base = 0;
    const group = s("g", { class: "bar", dataset: { first: toIso(bin.first), last: toIso(bin.last) } });
    const left = x(bin.first) + ((data.width / daysShown) * plotW - barW) / 2;
    for (const [type, count] of Object.entries(bin.types)) {
      const rect = s("rect", {
        x: left, y: y(base + count), width: barW, height: y(base) - y(base + count),
        fill: typeColor(type),
      });
      base += count;
      group.append(rect);
    }
    const label = bin.first === bin.last ? day(toIso(bin.first)) : `${day(toIso(bin.first))} – ${day(toIso(bin.last))}`;
    group.append(s("title", {}, `${label}: ${bin.total} incident${bin.total === 1 ? "" : "s"}`));
    svg.append(group);
  }
  if (data.undated) {
    svg.append(s("text", { x: width - PAD.right, y: PAD.top + 4, "text-anchor": "end", class: "tick" }, `${data.undated} undated`));
  }

  // picking: a drag selects a range of days, a click the bar's days
  const selection = s("rect", { class: "selection", y: PAD.top, height: plotH, width: 0, x: 0 });
  svg.append(selection);
  const dayAt = (clientX) => {
    const box = svg.getBoundingClientRect();
    const px = Math.min(width - PAD.right, Math.max(PAD.left, clientX - box.left));
    return from + Math.floor(((px - PAD.left) / plotW) * daysShown);
  };
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    drag = { x: event.clientX, day: dayAt(event.clientX) };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    const a = Math.min(drag.x, event.clientX) - box.left;
    const b = Math.max(drag.x, event.clientX) - box.left;
    selection.setAttribute("x", a);
    selection.setAttribute("width", b - a);
  });
  svg.addEventListener("pointerup", (event) => {
    if (!drag) return;
    const start = drag;
    drag = null;
    selection.setAttribute("width", 0);
    if (Math.abs(event.clientX - start.x) < 4) {
      const bin = data.bins.find((b) => b.first <= start.day && start.day <= b.last);
      if (bin && bin.total) onPick(toIso(bin.first), toIso(Math.min(bin.last, data.last)));
      return;
    }
    const end = dayAt(event.clientX);
    onPick(toIso(Math.min(start.day, end)), toIso(Math.max(start.day, end)));
  });
}
