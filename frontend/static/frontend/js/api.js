// The layers endpoints the page talks to. Each call can be superseded: a newer call with the same key
// aborts the older one, so a slow answer never overwrites a newer one.

import { _ } from "./dom.js";

let endpoints = {};
const pending = new Map();

export function configure(urls) {
  endpoints = urls;
}

export function endpoint(name) {
  return endpoints[name];
}

// An answer the user should read: HTTP 400 with {"field": ["message"]}, or a network/server failure.
export class ApiError extends Error {
  constructor(message, fields = {}, status = 0) {
    super(message);
    this.fields = fields;
    this.status = status;
  }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(","));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(url, { key = url } = {}) {
  pending.get(key)?.abort();
  const controller = new AbortController();
  pending.set(key, controller);
  let response;
  try {
    response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(_("De server is niet bereikbaar. Probeer het later opnieuw."));
  } finally {
    if (pending.get(key) === controller) pending.delete(key);
  }
  if (response.ok) return response.json();
  let body = {};
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  if (response.status === 400) {
    const messages = Object.entries(body).map(([field, list]) => `${field}: ${[].concat(list).join(" ")}`);
    throw new ApiError(messages.join(" · ") || _("Ongeldige vraag."), body, 400);
  }
  if (response.status === 404) throw new ApiError(_("Niet gevonden."), body, 404);
  throw new ApiError(body.detail || _("Er ging iets mis op de server. Probeer het later opnieuw."), body, response.status);
}

export const isAbort = (error) => error && error.name === "AbortError";

export const api = {
  layers: () => getJSON(endpoints.layers),
  categories: () => getJSON(endpoints.categories),
  search: (params) => getJSON(endpoints.search + query(params), { key: "search" }),
  organisation: (id) => getJSON(`${endpoints.organisation}${encodeURIComponent(id)}/`, { key: "fiche" }),
  area: (id) => getJSON(`${endpoints.organisation}${encodeURIComponent(id)}/`, { key: "area" }),
  whoServes: (params) => getJSON(endpoints.whoServes + query(params), { key: "who" }),
  nearest: (params) => getJSON(endpoints.nearest + query(params), { key: "nearest" }),
  geocode: (address) => getJSON(endpoints.whoServes + query({ address, page_size: 1 }), { key: "geocode" }),
  suggestWhat: (q) => getJSON(endpoints.suggestWhat + query({ q, limit: 6 }), { key: "suggest-what" }),
  suggestWhere: (q) => getJSON(endpoints.suggestWhere + query({ q, limit: 6 }), { key: "suggest-where" }),
};
