// Everything the page shows lives in its URL, so a link can be shared and the back button works.
// Meaningful steps (a search, a filter, a fiche, a chosen point) push a history entry; moving the map and
// switching layers replace the current one.

export const MODES = ["zoeken", "adres", "dichtstbij"];
const LISTS = ["category", "keyword", "layers"];
const TEXTS = ["q", "where", "keyword_op", "target_group", "municipality", "sort", "near", "address", "at", "map"];
const NUMBERS = ["page", "fiche", "sel"];
// The order of the parameters in the URL, so equal states give equal URLs.
const ORDER = ["mode", "q", "where", "category", "keyword", "keyword_op", "target_group", "municipality", "sort",
  "near", "page", "address", "at", "sel", "fiche", "layers", "map"];

export function emptyState() {
  return { mode: "zoeken", category: [], keyword: [], layers: null };
}

export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  const mode = params.get("mode");
  if (MODES.includes(mode)) state.mode = mode;
  for (const key of TEXTS) {
    const value = (params.get(key) || "").trim();
    if (value) state[key] = value;
  }
  for (const key of NUMBERS) {
    const value = Number.parseInt(params.get(key) || "", 10);
    if (Number.isFinite(value) && value > 0) state[key] = value;
  }
  for (const key of LISTS) {
    const values = params.getAll(key).flatMap((value) => value.split(",")).map((v) => v.trim()).filter(Boolean);
    if (key === "layers") state.layers = params.has("layers") ? values : null;
    else state[key] = [...new Set(values)];
  }
  return state;
}

export function stateToSearch(state) {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = state[key];
    if (key === "mode" && value === "zoeken") continue;
    if (key === "page" && value === 1) continue;
    if (key === "keyword_op" && value === "or") continue;
    if (key === "layers") {
      if (Array.isArray(value)) params.set(key, value.join(","));
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(","));
    } else if (value !== null && value !== undefined && value !== "") {
      params.set(key, String(value));
    }
  }
  const text = params.toString().replaceAll("%2C", ",").replaceAll("%2F", "/");
  return text ? `?${text}` : "";
}

let current = parseState(window.location.search);
const listeners = [];

export function getState() {
  return current;
}

// Merge `changes` into the state; push (default) or replace the history entry; tell the listeners.
export function setState(changes, { replace = false, silent = false } = {}) {
  const next = { ...current, ...changes };
  const url = `${window.location.pathname}${stateToSearch(next)}`;
  const previous = current;
  current = next;
  if (url !== `${window.location.pathname}${window.location.search}`) {
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }
  if (!silent) for (const listener of listeners) listener(next, previous, { popped: false });
}

export function onStateChange(listener) {
  listeners.push(listener);
}

window.addEventListener("popstate", () => {
  const previous = current;
  current = parseState(window.location.search);
  for (const listener of listeners) listener(current, previous, { popped: true });
});

// The search parameters of the API, from the state (only those that matter for the result list).
export function searchParams(state) {
  return {
    q: state.q,
    where: state.where,
    category: state.category,
    keyword: state.keyword,
    keyword_op: state.keyword.length > 1 && state.keyword_op === "and" ? "and" : null,
    target_group: state.target_group,
    municipality: state.municipality,
    sort: state.sort,
    near: state.sort === "distance" ? state.near : null,
    page: state.page,
  };
}

export function hasSearch(state) {
  return Boolean(state.q || state.where || state.category.length || state.keyword.length || state.target_group);
}

export function lonLat(text) {
  if (!text) return null;
  const [lon, lat] = text.split(",").map(Number);
  return Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : null;
}

export function lonLatText([lon, lat]) {
  return `${lon.toFixed(5)},${lat.toFixed(5)}`;
}
