// An article's text with every evidence span highlighted and clickable.
//
// The text is cut at every span boundary into flat segments (no nested marks); a segment
// covered by spans becomes a <mark> that knows the annotations covering it.  Clicking a
// mark shows what it supports in the inspector; `flash(article, span)` opens an article,
// scrolls to a span and flashes it.  The text only ever enters the page as text nodes.

import { get } from "./api.js";
import { day, fill, h, range, safeUrl, words } from "./dom.js";

// kinds, most specific first: a segment takes the colour of the first kind covering it
const KINDS = ["killed", "injured", "date", "place", "actor", "event", "statement", "quote", "incident", "role", "sentence"];
export const KIND_LABELS = {
  killed: "killed", injured: "injured", date: "date", place: "place", actor: "actor",
  event: "event", statement: "statement cue", quote: "what was said", incident: "incident value",
  role: "event argument", sentence: "sentence",
};
const QUIET = new Set(["sentence"]); // context: flashable, not highlighted

function actorLabel(actor) {
  const details = [actor.kind.replaceAll("_", " ")];
  if (actor.country) details.push(actor.country);
  if (actor.role) details.push(actor.role);
  return `${actor.name} (${details.join(", ")})`;
}

/** The annotations of one ArticleReport: {start, end, kind, label}. */
export function annotate(report) {
  const notes = [];
  const add = (span, kind, label) => {
    if (span && span.end > span.start) notes.push({ start: span.start, end: span.end, kind, label });
  };
  const actors = Object.fromEntries(report.actors.map((a) => [a.id, a]));
  const places = Object.fromEntries(report.places.map((p) => [p.id, p]));
  const argLabel = (arg) => (arg.actor_id && actors[arg.actor_id]?.name) || (arg.place_id && places[arg.place_id]?.name) || arg.span.text;
  for (const actor of report.actors) {
    for (const span of actor.mentions) add(span, "actor", `Actor: ${actorLabel(actor)}`);
  }
  for (const place of report.places) {
    const where = [place.name, place.admin1, place.country].filter(Boolean).join(", ");
    const id = place.geonames_id ? ` · GeoNames ${place.geonames_id}` : "";
    for (const span of place.mentions) add(span, "place", `Place: ${where} (${place.feature})${id}`);
  }
  for (const date of report.dates) {
    add(date.span, "date", `Date: ${date.value} (${date.granularity}${date.relative ? ", from the publication date" : ""})`);
  }
  for (const event of report.events) {
    const mode = event.mode.length ? ` · ${event.mode.join(", ")}` : "";
    add(event.trigger, "event", `Event ${event.id}: ${event.type}${mode} (${event.modality})`);
    for (const span of event.mentions) add(span, "event", `Event ${event.id}: another mention`);
    add(event.sentence, "sentence", `Sentence of event ${event.id}`);
    if (event.killed) add(event.killed.span, "killed", `Killed: ${range(event.killed.min, event.killed.max)}${event.killed.approximate ? " (approximate)" : ""} · event ${event.id}`);
    if (event.injured) add(event.injured.span, "injured", `Injured: ${range(event.injured.min, event.injured.max)}${event.injured.approximate ? " (approximate)" : ""} · event ${event.id}`);
    for (const role of ["actors", "targets", "victims", "instruments", "recipients", "place", "claimed_by"]) {
      for (const arg of event[role] || []) add(arg.span, "role", `${words(role)} of event ${event.id}: ${argLabel(arg)}`);
    }
  }
  for (const st of report.statements) {
    const speaker = st.speaker ? argLabel(st.speaker) : "unknown speaker";
    add(st.cue, "statement", `Statement ${st.id}: ${speaker} ${words(st.stance).toLowerCase()}`);
    add(st.content, "quote", `What ${speaker} said (statement ${st.id}, ${words(st.stance).toLowerCase()})`);
    if (st.speaker) add(st.speaker.span, "role", `Speaker of statement ${st.id}: ${speaker}`);
    if (st.target) add(st.target.span, "role", `Target of statement ${st.id}: ${argLabel(st.target)}`);
    add(st.sentence, "sentence", `Sentence of statement ${st.id}`);
  }
  return notes;
}

/** Cut `text` at every annotation boundary: [{start, end, notes}]. */
export function segments(text, notes) {
  const cuts = new Set([0, text.length]);
  for (const n of notes) {
    cuts.add(Math.max(0, Math.min(text.length, n.start)));
    cuts.add(Math.max(0, Math.min(text.length, n.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const result = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    result.push({ start, end, notes: notes.filter((n) => n.start <= start && end <= n.end) });
  }
  return result;
}

function primaryKind(notes) {
  const visible = notes.filter((n) => !QUIET.has(n.kind));
  if (!visible.length) return null;
  visible.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.end - a.start) - (b.end - b.start));
  return visible[0].kind;
}

export class ArticleView {
  /** elements: {tabs, title, meta, text, inspector}; supports(articleId) → extra notes. */
  constructor(elements, supports = () => []) {
    this.el = elements;
    this.supports = supports;
    this.reports = new Map();
    this.current = null;
    this.articles = [];
    this.el.text.addEventListener("click", (event) => {
      const mark = event.target.closest("mark.ev");
      if (mark) this.inspect(mark);
    });
    this.el.text.addEventListener("keydown", (event) => {
      const mark = event.target.closest("mark.ev");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        this.inspect(mark);
      }
    });
  }

  /** The articles to offer as tabs: [{id, outlet, published, title}]. */
  setArticles(articles) {
    this.articles = articles;
    fill(this.el.tabs, ...articles.map((a) => h("button", {
      type: "button", role: "tab", class: "tab", dataset: { article: a.id },
      title: a.title || a.id, on: { click: () => this.open(a.id) },
    }, h("span", { class: "tab-outlet" }, a.outlet || a.id), h("span", { class: "tab-date" }, day(a.published)))));
  }

  async report(id) {
    if (!this.reports.has(id)) this.reports.set(id, get(`/articles/${id}`));
    return this.reports.get(id);
  }

  /** Show one article (its text with the spans marked). */
  async open(id) {
    if (this.current === id) return;
    const report = await this.report(id);
    this.current = id;
    for (const tab of this.el.tabs.querySelectorAll(".tab")) {
      tab.setAttribute("aria-selected", String(tab.dataset.article === id));
    }
    const article = report.article;
    fill(this.el.title, article.title || "(untitled article)");
    const url = safeUrl(article.url);
    fill(this.el.meta,
      [article.outlet, day(article.published)].filter(Boolean).join(" · "),
      url ? " · " : "",
      url ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original") : "");
    const notes = [...annotate(report), ...this.supports(id)];
    this.segments = segments(article.text, notes);
    const nodes = this.segments.map((seg, index) => {
      const text = article.text.slice(seg.start, seg.end);
      if (!seg.notes.length) return text;
      const kind = primaryKind(seg.notes);
      if (!kind) return h("span", { class: "ev-quiet", dataset: { seg: index } }, text);
      return h("mark", { class: `ev ev-${kind}`, tabindex: "0", dataset: { seg: index } }, text);
    });
    fill(this.el.text, ...nodes);
    this.el.text.scrollTop = 0;
    this.inspect(null);
    this.el.text.dataset.article = id;
  }

  /** Open `articleId`, scroll to `span` and flash it; false when it is not in the text. */
  async flash(articleId, span) {
    await this.open(articleId);
    const hits = [...this.el.text.querySelectorAll("[data-seg]")].filter((node) => {
      const seg = this.segments[Number(node.dataset.seg)];
      return seg.start < span.end && span.start < seg.end;
    });
    if (!hits.length) return false;
    for (const node of this.el.text.querySelectorAll(".flash")) node.classList.remove("flash");
    hits[0].scrollIntoView({ block: "center", behavior: "smooth" });
    for (const node of hits) {
      node.classList.remove("flash");
      void node.getBoundingClientRect(); // restart the animation
      node.classList.add("flash");
    }
    const mark = hits.find((node) => node.matches("mark.ev"));
    if (mark) this.inspect(mark, span);
    return true;
  }

  /** Show in the inspector what the marked segment supports. */
  inspect(mark, span = null) {
    for (const node of this.el.text.querySelectorAll(".selected")) node.classList.remove("selected");
    if (!mark) {
      fill(this.el.inspector, h("p", { class: "muted" }, "Click a highlighted span to see what it supports, or a value on the left to find its evidence."));
      return;
    }
    mark.classList.add("selected");
    const seg = this.segments[Number(mark.dataset.seg)];
    const notes = seg.notes.filter((n) => !QUIET.has(n.kind));
    notes.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
    const report = this.reports.get(this.current);
    const shownSpan = span || notes[0] || seg;
    report.then((r) => {
      const quoted = r.article.text.slice(shownSpan.start, shownSpan.end);
      fill(this.el.inspector,
        h("p", { class: "inspector-span" }, h("q", {}, quoted), h("span", { class: "muted" }, ` characters ${shownSpan.start}–${shownSpan.end}`)),
        h("ul", { class: "supports" }, ...notes.map((n) => h("li", {}, h("span", { class: `badge ev-${n.kind}` }, KIND_LABELS[n.kind]), " ", n.label))));
    });
  }
}
