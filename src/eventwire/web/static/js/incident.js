// The incident page: the reconciled record, casualty figures over time, statements by
// stance, conflicts and reports on the left; the articles' text with their evidence on
// the right.  Every value links to its words: click it to scroll to and flash its span.

import { ApiError, get } from "./api.js";
import { casualtyChart } from "./chart.js";
import { day, days, fill, h, range, safeUrl, typeColor, words } from "./dom.js";
import { ArticleView, KIND_LABELS } from "./evidence.js";

const $ = (id) => document.getElementById(id);
const FIELDS = [
  ["type", "Type"], ["mode", "Mode"], ["place", "Place"], ["date", "Date"],
  ["actors", "Perpetrators"], ["claimed_by", "Claimed by"], ["targets", "Targets"], ["victims", "Victims"],
];

let view;

function showError(message) {
  $("error").hidden = !message;
  $("error").textContent = message || "";
}

/** A button that opens an article at a span. */
function sourceChip(source, text) {
  const when = day(source.published).replace(/ \d{4}$/, "");
  const quote = source.span ? ` “${source.span.text}”` : "";
  return h("button", {
    type: "button", class: "chip", title: `${source.outlet || source.article_id}, ${day(source.published)}${quote}`,
    on: { click: () => source.span ? view.flash(source.article_id, source.span) : view.open(source.article_id) },
  }, text || [source.outlet || `article ${source.article_id.slice(0, 6)}…`, when].filter(Boolean).join(" · "));
}

/** Incident-level annotations of one article: what the incident takes from its words. */
function supportsOf(incident) {
  const byArticle = {};
  const add = (articleId, span, label) => {
    if (!span) return;
    (byArticle[articleId] ||= []).push({ start: span.start, end: span.end, kind: "incident", label });
  };
  for (const [field, title] of FIELDS) {
    for (const value of incident.record[field].values) {
      for (const source of value.sources) add(source.article_id, source.span, `Incident ${title.toLowerCase()}: ${value.label}`);
    }
  }
  for (const figure of [incident.killed, incident.injured]) {
    for (const entry of figure?.timeline || []) {
      const notes = [entry.superseded && "superseded", !entry.credible && "left out as not credible"].filter(Boolean);
      add(entry.article_id, entry.span, `Incident ${figure.kind} figure: ${range(entry.min, entry.max)}${notes.length ? ` (${notes.join(", ")})` : ""}`);
    }
  }
  for (const [stance, group] of Object.entries(incident.statements)) {
    for (const st of group) add(st.article_id, st.content || st.cue, `Incident statement: ${st.speaker || "someone"} ${words(stance).toLowerCase()}`);
  }
  return (articleId) => byArticle[articleId] || [];
}

/** Source chips, the first few shown and the others behind a "+N" chip. */
function chips(sources, shown = 3) {
  const box = h("div", { class: "chips" }, ...sources.slice(0, shown).map((src) => sourceChip(src)));
  if (sources.length > shown) {
    const more = h("button", {
      type: "button", class: "chip more", title: "show every source",
      on: { click: () => { more.replaceWith(...sources.slice(shown).map((src) => sourceChip(src))); } },
    }, `+${sources.length - shown}`);
    box.append(more);
  }
  return box;
}

function heading(incident) {
  const dot = h("span", { class: "type-dot big" });
  dot.style.background = typeColor(incident.type);
  const facts = [
    words(incident.type.toLowerCase()) + (incident.mode.length ? ` · ${incident.mode.join(", ")}` : ""),
    incident.acled_sub_event_type ? `ACLED: ${incident.acled_event_type} / ${incident.acled_sub_event_type}` : null,
    incident.place || "place unknown",
    days(incident.start, incident.end),
    `${incident.article_count} article${incident.article_count === 1 ? "" : "s"}, ${incident.report_count} report${incident.report_count === 1 ? "" : "s"}`,
  ];
  fill($("heading"), h("h1", {}, dot, incident.label), h("p", { class: "subtitle" }, facts.filter(Boolean).join(" · ")));
  document.title = `eventwire — ${incident.label}`;
}

function figureCard(title, value, note, onClick) {
  const long = String(value || "").length > 12;
  return h("div", { class: "figure-card" + (onClick ? " clickable" : ""), on: onClick ? { click: onClick } : {} },
    h("span", { class: "figure-title" }, title),
    h("span", { class: long ? "figure-value long" : "figure-value" }, value || "—"),
    note ? h("span", { class: "figure-note" }, note) : null);
}

function reported(figure) {
  const n = figure?.timeline.length || 0;
  return n ? `${n} figure${n === 1 ? "" : "s"} reported` : "no figure reported";
}

function latest(figure) {
  const credible = (figure?.timeline || []).filter((e) => e.credible && !e.superseded);
  return credible.at(-1);
}

function figures(incident) {
  const killed = latest(incident.killed);
  const injured = latest(incident.injured);
  const claims = incident.record.claimed_by.values.map((v) => v.label);
  fill($("figures"),
    figureCard("Killed", range(incident.killed_min, incident.killed_max),
      reported(incident.killed),
      killed ? () => view.flash(killed.article_id, killed.span) : null),
    figureCard("Injured", range(incident.injured_min, incident.injured_max),
      reported(incident.injured),
      injured ? () => view.flash(injured.article_id, injured.span) : null),
    figureCard("Claimed by", claims.join(", "), claims.length ? "" : "no claim reported"),
    figureCard("Conflicts", String(incident.conflicts.length), incident.conflicts.map((c) => words(c.kind)).join(", ")));
}

function record(incident) {
  const rows = [];
  for (const [field, title] of FIELDS) {
    const f = incident.record[field];
    if (!f.values.length) continue;
    f.values.forEach((value, index) => {
      const agreement = Math.round(value.agreement * 100);
      const bar = h("span", { class: "agreement-bar" }, h("span", {}));
      bar.firstChild.style.width = `${agreement}%`;
      rows.push(h("tr", { class: index === 0 ? "first" : "other" },
        index === 0 ? h("th", { rowspan: f.values.length, scope: "row" }, title, h("small", {}, `${f.reports} report${f.reports === 1 ? "" : "s"}`)) : null,
        h("td", { class: "value" }, h("button", {
          type: "button", class: "value-link",
          on: { click: () => { const src = value.sources.find((x) => x.span); if (src) view.flash(src.article_id, src.span); } },
        }, value.label)),
        h("td", { class: "agreement", title: `${agreement}% of the reports giving this field give this value` }, bar, `${agreement}%`),
        h("td", { class: "sources" }, chips(value.sources))));
    });
  }
  fill($("record"), h("tbody", {}, ...rows));
}

function chart(incident) {
  const svg = casualtyChart([incident.killed, incident.injured], (_kind, entry) => view.flash(entry.article_id, entry.span));
  if (!svg) {
    $("casualties-panel").hidden = true;
    return;
  }
  fill($("chart"), svg,
    h("div", { class: "chart-legend" },
      h("span", { class: "key killed" }, "killed"), h("span", { class: "key injured" }, "injured"),
      h("span", { class: "key band" }, "reconciled range"), h("span", { class: "key hollow" }, "approximate"),
      h("span", { class: "key faded" }, "superseded"), h("span", { class: "key cross" }, "not credible"),
      h("span", { class: "key arrow" }, "at least")));
  $("chart-rule").textContent = incident.killed?.rule || incident.injured?.rule || "";
}

function statementItem(st) {
  const said = st.content || st.cue;
  return h("li", { class: "statement" },
    h("button", { type: "button", class: "statement-link", on: { click: () => view.flash(st.article_id, said) } },
      h("strong", {}, st.speaker || "Unknown speaker"), " ", st.cue.text, st.target ? ` (about ${st.target})` : "",
      st.content ? h("q", {}, st.content.text) : null),
    h("span", { class: "statement-meta" }, [st.outlet, day(st.published)].filter(Boolean).join(" · ")));
}

function statements(incident) {
  const order = ["claims_responsibility", "denies", "condemns", "accuses", "suspects", "threatens", "confirms", "does_not_dispute", "calls_for", "expresses_condolences", "other"];
  const groups = Object.entries(incident.statements).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  if (!groups.length) {
    fill($("statements"), h("p", { class: "muted" }, "No statement about this incident."));
    return;
  }
  fill($("statements"), ...groups.map(([stance, group]) => h("details", { class: `stance stance-${stance}`, open: stance !== "other" },
    h("summary", {}, words(stance), h("span", { class: "count" }, String(group.length))),
    h("ul", {}, ...group.map(statementItem)))));
}

function conflicts(incident) {
  if (!incident.conflicts.length) return;
  $("conflicts-panel").hidden = false;
  fill($("conflicts"), ...incident.conflicts.map((c) => h("div", { class: "conflict" },
    h("strong", {}, words(c.kind)), h("p", {}, c.description),
    h("ul", {}, ...c.statements.map(statementItem)),
    c.sources.length ? h("p", {}, ...c.sources.map((src) => sourceChip(src))) : null)));
}

function reports(incident) {
  const sorted = [...incident.reports].sort((a, b) => (a.published || "").localeCompare(b.published || ""));
  fill($("reports"), ...sorted.map((r) => {
    const url = safeUrl(r.url);
    return h("li", { class: "report" },
      h("div", { class: "report-head" },
        h("button", { type: "button", class: "report-title", on: { click: () => view.flash(r.article_id, r.trigger) } }, r.title || "(untitled)"),
        h("span", { class: "muted" }, ` ${r.outlet || ""} · ${day(r.published)}`),
        url ? h("a", { href: url, class: "external", rel: "noopener noreferrer nofollow", target: "_blank", title: "the original article" }, "↗") : null),
      h("button", { type: "button", class: "report-sentence", on: { click: () => view.flash(r.article_id, r.sentence) } }, r.sentence.text),
      h("span", { class: "report-meta" }, [r.type, r.mode.join(", "), r.modality, r.place, r.date].filter(Boolean).join(" · ")));
  }));
}

function legend() {
  const kinds = ["killed", "injured", "date", "place", "actor", "event", "statement", "quote", "incident", "role"];
  fill($("span-legend"), ...kinds.map((k) => h("span", { class: `badge ev-${k}` }, KIND_LABELS[k])));
}

async function main() {
  const id = location.pathname.split("/").filter(Boolean).pop();
  $("json").setAttribute("href", `/incidents/${encodeURIComponent(id)}`);
  let incident;
  try {
    incident = await get(`/incidents/${encodeURIComponent(id)}`);
  } catch (error) {
    showError(error instanceof ApiError ? error.message : `cannot load the incident (${error.message})`);
    return;
  }
  view = new ArticleView({
    tabs: $("article-tabs"), title: $("article-title"), meta: $("article-meta"),
    text: $("article-text"), inspector: $("inspector"),
  }, supportsOf(incident));
  heading(incident);
  figures(incident);
  record(incident);
  chart(incident);
  conflicts(incident);
  statements(incident);
  reports(incident);
  legend();
  const articles = new Map();
  for (const r of [...incident.reports].sort((a, b) => (a.published || "").localeCompare(b.published || ""))) {
    if (!articles.has(r.article_id)) articles.set(r.article_id, { id: r.article_id, outlet: r.outlet, published: r.published, title: r.title });
  }
  for (const st of Object.values(incident.statements).flat()) { // articles with statements only
    if (!articles.has(st.article_id)) articles.set(st.article_id, { id: st.article_id, outlet: st.outlet, published: st.published });
  }
  view.setArticles([...articles.values()]);
  if (articles.size) await view.open(articles.keys().next().value);
  document.body.dataset.ready = "1";
}

main().catch((error) => showError(`cannot show the incident: ${error.message}`));
