// Building the page from data without ever parsing data as HTML.
//
// Article text, titles, names and URLs come from untrusted news articles: they only ever
// become text nodes (textContent) or checked attribute values, never markup.  Nothing in
// this folder uses innerHTML, insertAdjacentHTML or document.write.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "on") {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else if (name === "href") {
      const url = safeUrl(value);
      if (url) element.setAttribute("href", url);
    } else if (name.startsWith("on")) {
      throw new Error(`inline handler ${name}: use on: {...}`);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h("a", {href, class: "x", on: {click}}, "text", otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, the same way. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** The URL if it is http(s) or a path of this site, else null (no javascript: links). */
export function safeUrl(value) {
  const text = String(value ?? "");
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Replace the children of an element. */
export function fill(element, ...children) {
  element.replaceChildren();
  return build(element, {}, children);
}

/** "73", "73–84", "≥ 73", "≤ 84", or "" for unknown. */
export function range(min, max) {
  if (min == null && max == null) return "";
  if (max == null) return `≥ ${min}`;
  if (min == null) return `≤ ${max}`;
  return min === max ? String(min) : `${min}–${max}`;
}

/** "14 Mar 2025" from "2025-03-14" (the day as written, no time zone shift). */
export function day(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!d) return iso;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", {
    day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
  });
}

/** "14 Mar 2025", or "14–16 Mar 2025" for a range. */
export function days(start, end) {
  if (!start) return "date unknown";
  if (!end || end === start) return day(start);
  return `${day(start)} – ${day(end)}`;
}

export const TYPE_COLORS = {
  ASSAULT: "#c62828", PROTEST: "#ef6c00", COERCE: "#6a1b9a", THREATEN: "#ad1457",
  MOBILIZE: "#4e342e", SANCTION: "#37474f", ACCUSE: "#5d4037", REJECT: "#455a64",
  REQUEST: "#00695c", AID: "#2e7d32", COOPERATE: "#1565c0", AGREE: "#0277bd",
  CONSULT: "#283593", SUPPORT: "#00838f", CONCEDE: "#558b2f", RETREAT: "#757575",
  DISASTER: "#f9a825", CRIME: "#3e2723",
};

export function typeColor(type) {
  return TYPE_COLORS[type] || "#546e7a";
}

/** "claims_responsibility" → "Claims responsibility". */
export function words(key) {
  const text = String(key ?? "").replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
