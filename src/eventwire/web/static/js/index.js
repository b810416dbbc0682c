// The index page: filters, the list of incidents, the map and the timeline.
// The filters live in the page's query string, so a filtered view can be shared.

import { ApiError, downloadWithToken, get, getAll, hasToken, link } from "./api.js";
import { days, fill, h, range, typeColor, words } from "./dom.js";
import { IncidentMap } from "./map.js";
import { drawTimeline } from "./timeline.js";

const FIELDS = ["q", "type", "acled", "country", "actor", "start", "end"];
const LIST_MAX = 300;

const form = document.getElementById("filters");
const list = document.getElementById("incident-list");
const summary = document.getElementById("summary");
const errorBox = document.getElementById("error");
const timeline = document.getElementById("timeline");

let map;
let shown = [];
let loading = 0;
let drawnWidth = 0; // the timeline's width when last drawn: a resize to it redraws nothing

function params() {
  const values = {};
  for (const name of FIELDS) values[name] = form.elements[name].value.trim();
  if (form.elements.inview.checked && map) values.bbox = map.bbox();
  return values;
}

function fromQuery() {
  const query = new URLSearchParams(location.search);
  for (const name of FIELDS) form.elements[name].value = query.get(name) || "";
  form.elements.inview.checked = query.get("inview") === "1";
}

function toQuery() {
  const query = new URLSearchParams();
  for (const name of FIELDS) if (form.elements[name].value.trim()) query.set(name, form.elements[name].value.trim());
  if (form.elements.inview.checked) query.set("inview", "1");
  history.replaceState(null, "", query.size ? `?${query}` : location.pathname);
}

function showError(message) {
  errorBox.hidden = !message;
  errorBox.textContent = message || "";
}

function card(incident) {
  const killed = range(incident.killed_min, incident.killed_max);
  const meta = [days(incident.start, incident.end)];
  if (killed) meta.push(`${killed} killed`);
  meta.push(`${incident.article_count} article${incident.article_count === 1 ? "" : "s"}`);
  if (incident.acled_sub_event_type) meta.push(incident.acled_sub_event_type);
  const dot = h("span", { class: "type-dot", title: incident.type });
  dot.style.background = typeColor(incident.type);
  return h("li", { class: "incident-card", dataset: { id: incident.id } },
    h("a", { href: `/incident/${incident.id}` },
      h("span", { class: "card-title" }, dot, incident.label),
      h("span", { class: "card-meta" }, meta.join(" · ")),
      incident.actors.length ? h("span", { class: "card-actors" }, incident.actors.slice(0, 3).join(", ")) : null));
}

function legend(items) {
  const types = [...new Set(items.map((i) => i.type))].sort();
  const box = document.getElementById("legend");
  fill(box, ...types.map((type) => {
    const swatch = h("span", { class: "type-dot" });
    swatch.style.background = typeColor(type);
    return h("span", { class: "legend-item" }, swatch, words(type.toLowerCase()));
  }), h("span", { class: "legend-item muted" }, "marker size: killed"));
}

async function refresh({ fit = true } = {}) {
  const ticket = ++loading;
  const values = params();
  toQuery();
  for (const format of ["csv", "geojson", "parquet"]) {
    document.getElementById(`export-${format}`).setAttribute("href", link("/export", { ...values, format }));
  }
  document.body.classList.add("busy");
  try {
    const { items, total } = await getAll("/incidents", values);
    if (ticket !== loading) return; // a newer request is on its way
    showError("");
    shown = items;
    const placed = map.show(items, fit && !form.elements.inview.checked);
    const listed = items.slice(0, LIST_MAX).map(card);
    if (!items.length) listed.push(h("li", { class: "empty" }, "No incident matches these filters."));
    if (items.length > LIST_MAX) listed.push(h("li", { class: "muted" }, `${items.length - LIST_MAX} more: narrow the filters`));
    fill(list, ...listed);
    summary.textContent = `${total} incident${total === 1 ? "" : "s"}` +
      (total > items.length ? ` (${items.length} loaded)` : "") +
      (placed < items.length ? `, ${items.length - placed} without a place` : "");
    drawTimeline(timeline, items, pickDates);
    drawnWidth = timeline.clientWidth;
    legend(items);
    document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
  } catch (error) {
    if (ticket !== loading) return;
    showError(error instanceof ApiError ? error.message : `cannot load incidents (${error.message})`);
  } finally {
    if (ticket === loading) document.body.classList.remove("busy");
  }
}

function pickDates(start, end) {
  form.elements.start.value = start;
  form.elements.end.value = end;
  refresh();
}

async function setup() {
  fromQuery();
  const [info, facets] = await Promise.all([get("/info"), get("/facets")]);
  map = new IncidentMap(document.getElementById("map"), info);
  const typeSelect = form.elements.type;
  for (const t of facets.types) typeSelect.append(h("option", { value: t.value }, `${words(t.value.toLowerCase())} (${t.count})`));
  const groups = new Map(); // ACLED event type → its sub-event types, as the facets list them
  for (const c of facets.acled || []) {
    const eventType = c.label.slice(0, c.label.length - c.value.length - 2);
    if (!groups.has(eventType)) groups.set(eventType, []);
    groups.get(eventType).push(h("option", { value: c.value }, `${c.value} (${c.count})`));
  }
  for (const [eventType, options] of groups) {
    form.elements.acled.append(h("optgroup", { label: eventType }, ...options));
  }
  const countrySelect = form.elements.country;
  for (const c of facets.countries) countrySelect.append(h("option", { value: c.value }, `${c.label} (${c.count})`));
  fromQuery(); // the options exist now
  get("/actors", { limit: 200 }).then((actors) => {
    fill(document.getElementById("actor-names"), ...actors.items.map((a) => h("option", { value: a.name })));
  }).catch(() => {});

  for (const format of ["csv", "geojson", "parquet"]) { // private reads: send the token
    const anchor = document.getElementById(`export-${format}`);
    anchor.addEventListener("click", (event) => {
      if (!hasToken()) return; // public reads: a plain download
      event.preventDefault();
      downloadWithToken(anchor.getAttribute("href"), `eventwire-incidents.${format}`)
        .then((done) => { if (!done) location.href = anchor.getAttribute("href"); })
        .catch((error) => showError(`export failed: ${error.message}`));
    });
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  form.addEventListener("reset", () => setTimeout(() => refresh(), 0));
  for (const name of ["type", "acled", "country", "start", "end", "inview"]) {
    form.elements[name].addEventListener("change", () => refresh());
  }
  let moved;
  map.onMove(() => {
    if (!form.elements.inview.checked) return;
    clearTimeout(moved);
    moved = setTimeout(() => refresh({ fit: false }), 300);
  });
  let resized;
  new ResizeObserver(() => { // also called once at the start: only a new width redraws
    clearTimeout(resized);
    resized = setTimeout(() => {
      if (timeline.clientWidth === drawnWidth) return;
      drawnWidth = timeline.clientWidth;
      drawTimeline(timeline, shown, pickDates);
    }, 150);
  }).observe(timeline);
  await refresh();
  document.body.dataset.ready = "1";
}

setup().catch((error) => showError(`cannot start: ${error.message}`));
