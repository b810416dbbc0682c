// Reading the eventwire API from the page (same origin).  When the server keeps reads
// behind the API token, the page asks for it once and keeps it for the browser session.

import { h } from "./dom.js";

const TOKEN_KEY = "eventwire-token";

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

function headers() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** GET a path with query parameters (empty ones left out); the parsed JSON. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.size ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: headers() });
  if (response.status === 401) { // no token yet, or a wrong one: ask (again)
    sessionStorage.removeItem(TOKEN_KEY);
    await askToken();
    return get(path, params);
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch { /* not JSON */ }
    throw new ApiError(response.status, detail);
  }
  return response.json();
}

/** Every page of a list endpoint, up to `max` items: {items, total}. */
export async function getAll(path, params = {}, max = 2000) {
  const items = [];
  let total = 0;
  let offset = 0;
  while (items.length < max) {
    const page = await get(path, { ...params, limit: 500, offset });
    items.push(...page.items);
    total = page.total;
    if (!page.next || !page.items.length) break;
    offset += page.items.length;
  }
  return { items, total };
}

/** Whether the page holds an API token (the server keeps reads private). */
export function hasToken() {
  return Boolean(sessionStorage.getItem(TOKEN_KEY));
}

/** Download a file of this server with the token (links cannot send it); false without one. */
export async function downloadWithToken(url, filename) {
  if (!hasToken()) return false;
  const response = await fetch(url, { headers: headers() });
  if (!response.ok) throw new ApiError(response.status, response.statusText);
  const blob = URL.createObjectURL(await response.blob());
  const anchor = h("a", { download: filename });
  anchor.href = blob;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(blob), 10_000);
  return true;
}

/** A URL of this server with query parameters (for links: exports, pages). */
export function link(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  return query.size ? `${path}?${query}` : path;
}

let asking = null; // one dialog for every request that needs the token

function askToken() {
  asking ||= new Promise((resolve) => {
    const input = h("input", { type: "password", name: "token", autocomplete: "off", required: true });
    const dialog = h("dialog", { class: "token-dialog" },
      h("form", {
        on: {
          submit: (event) => {
            event.preventDefault();
            sessionStorage.setItem(TOKEN_KEY, input.value.trim());
            dialog.close();
            dialog.remove();
            asking = null;
            resolve();
          },
        },
      },
      h("p", {}, "This server keeps its data behind an API token."),
      h("label", {}, "Token ", input),
      h("button", { type: "submit" }, "Open")));
    document.body.append(dialog);
    dialog.showModal();
  });
  return asking;
}
