// The casualty figures of an incident over time: one mark per report (outlet, day), the
// reconciled range as a band.  Hand-rolled SVG; every mark is clickable (→ its evidence).

import { day, range, s } from "./dom.js";

const W = 560;
const H = 230;
const PAD = { left: 40, right: 96, top: 14, bottom: 34 };
const DAY = 86400000;
const SERIES = { killed: "#b71c1c", injured: "#ef6c00" };

const toDay = (iso) => {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
};
const toIso = (n) => new Date(n * DAY).toISOString().slice(0, 10);

function describe(kind, entry) {
  const notes = [];
  if (entry.approximate) notes.push("approximate");
  if (entry.superseded) notes.push("superseded by a later figure");
  if (!entry.credible) notes.push("not credible: left out of the range");
  return `${entry.outlet || "unknown outlet"}, ${day(entry.published)}: ${range(entry.min, entry.max)} ${kind}` +
    (notes.length ? ` (${notes.join("; ")})` : "");
}

/** An SVG chart of `figures` ([CasualtyFigures]); `onPick(kind, entry)` on a click. */
export function casualtyChart(figures, onPick) {
  const series = figures.filter((f) => f && f.timeline.length);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "casualty-chart", role: "img", "aria-label": "casualty figures over time" });
  if (!series.length) return null;
  const entries = series.flatMap((f) => f.timeline.filter((e) => e.published));
  const dates = entries.map((e) => toDay(e.published));
  const first = Math.min(...dates) - 0.5;
  const last = Math.max(...dates) + 0.5;
  const values = series.flatMap((f) => [f.min, f.max, ...f.timeline.flatMap((e) => [e.min, e.max])]).filter((v) => v != null);
  const top = Math.max(1, ...values) * 1.12;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (d) => PAD.left + ((d - first) / (last - first)) * plotW;
  const y = (v) => PAD.top + plotH - (v / top) * plotH;

  // axes and grid
  for (let k = 0; k <= 4; k++) {
    const v = Math.round((top / 1.12) * (k / 4));
    svg.append(s("line", { x1: PAD.left, x2: PAD.left + plotW, y1: y(v), y2: y(v), class: "grid" }));
    svg.append(s("text", { x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, String(v)));
  }
  for (let d = Math.ceil(first); d <= last; d++) {
    svg.append(s("text", { x: x(d), y: H - PAD.bottom + 16, "text-anchor": "middle", class: "tick" }, day(toIso(d)).replace(/ \d{4}$/, "")));
  }

  for (const figure of series) {
    const color = SERIES[figure.kind] || "#455a64";
    // the reconciled range: a band (or a line) across the chart, labelled on the right
    if (figure.min != null || figure.max != null) {
      const lo = figure.min ?? figure.max;
      const hi = figure.max ?? figure.min;
      svg.append(s("rect", {
        x: PAD.left, width: plotW, y: y(hi) - 1, height: Math.max(2, y(lo) - y(hi) + 2),
        fill: color, class: "reconciled",
      }, s("title", {}, `reconciled ${figure.kind}: ${range(figure.min, figure.max)}`)));
      svg.append(s("text", { x: PAD.left + plotW + 6, y: y(hi) + 4, fill: color, class: "range-label" },
        `${figure.kind} ${range(figure.min, figure.max)}`));
    }
    // one mark per report; reports of the same day side by side
    const sameDay = {};
    for (const entry of figure.timeline) {
      if (!entry.published) continue;
      const d = toDay(entry.published);
      const n = (sameDay[d] = (sameDay[d] ?? -1) + 1);
      const cx = x(d) + (figure.kind === "injured" ? 7 : -7) + n * 5;
      const lo = entry.min ?? entry.max;
      const hi = entry.max ?? entry.min;
      const classes = ["mark", figure.kind];
      if (entry.superseded) classes.push("superseded");
      if (!entry.credible) classes.push("outlier");
      if (entry.approximate) classes.push("approximate");
      const group = s("g", { class: classes.join(" "), tabindex: "0", on: {
        click: () => onPick(figure.kind, entry),
        keydown: (event) => { if (event.key === "Enter") onPick(figure.kind, entry); },
      } });
      if (hi !== lo) group.append(s("line", { x1: cx, x2: cx, y1: y(hi), y2: y(lo), stroke: color, "stroke-width": 2 }));
      if (entry.max == null) { // "at least": an arrow up
        group.append(s("path", { d: `M${cx - 4} ${y(lo) - 7} L${cx} ${y(lo) - 13} L${cx + 4} ${y(lo) - 7}`, stroke: color, fill: "none", "stroke-width": 1.5 }));
      }
      if (!entry.credible) {
        group.append(s("path", { d: `M${cx - 5} ${y(hi) - 5} L${cx + 5} ${y(hi) + 5} M${cx - 5} ${y(hi) + 5} L${cx + 5} ${y(hi) - 5}`, stroke: color, "stroke-width": 2 }));
      } else {
        group.append(s("circle", { cx, cy: y(hi), r: 5, stroke: color, "stroke-width": 2, fill: entry.approximate ? "#fff" : color }));
      }
      group.append(s("title", {}, describe(figure.kind, entry)));
      svg.append(group);
    }
  }
  return svg;
}
