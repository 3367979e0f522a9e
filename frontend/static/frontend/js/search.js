// "Zoeken": wie of wat + waar, refined by rubrieken, trefwoorden (EN/OF), doelgroep and gemeente, sorted
// as the user asks; results as a numbered list beside the map and numbered markers on it.

import { api, ApiError, isAbort } from "./api.js";
import { $, _, distanceText, fmt, h, ngettext, replaceChildren } from "./dom.js";
import { combobox } from "./autocomplete.js";
import { organisationLines, resultItem } from "./resultlist.js";
import { renderRefine } from "./refine.js";
import { fitTo, showResultMarkers } from "./map.js";
import { hasSearch, lonLatText, searchParams } from "./state.js";

const PAGE_SIZE = 25;

export function whatSuggestions(data) {
  return [
    { label: _("Rubrieken"), items: data.categories.map((c) => ({ kind: "category", value: c.value, label: c.label })) },
    { label: _("Trefwoorden"), items: data.keywords.map((k) => ({ kind: "keyword", value: k.value, label: k.label })) },
    {
      label: _("Organisaties"),
      items: data.organisations.map((o) => ({
        kind: "organisation", value: o.value, label: o.label, note: o.voorbeeld ? `(${_("voorbeeld")})` : "",
      })),
    },
  ];
}

const KIND_NAMES = {
  municipality: _("gemeente"), submunicipality: _("deelgemeente"), province: _("provincie"), postcode: _("postcode"),
};

export function whereSuggestions(data, { streets = true } = {}) {
  const groups = [{
    label: _("Plaatsen"),
    items: data.places.map((p) => ({ kind: p.kind, value: p.value, label: p.label, text: p.label, note: `(${KIND_NAMES[p.kind] || p.kind})` })),
  }];
  if (streets) {
    groups.push({ label: _("Straten"), items: data.streets.map((s) => ({ kind: "street", value: s.value, label: s.label, text: s.value })) });
  }
  return groups;
}

export function createSearch(ctx) {
  const form = $("#search-form");
  const what = $("#q");
  const where = $("#where");
  const whereError = $("#where-error");
  let lastKey = null;
  let lastData = null;

  combobox(what, {
    suggest: async (text) => whatSuggestions(await api.suggestWhat(text)),
    onChoose: (item) => {
      if (item.kind === "organisation") ctx.setState({ fiche: Number(item.value) });
    },
  });
  combobox(where, {
    suggest: async (text) => whereSuggestions(await api.suggestWhere(text), { streets: false }),
    onChoose: () => {},
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const state = ctx.getState();
    const changes = { mode: "zoeken", page: null, fiche: null, municipality: null, q: null, where: null };
    const text = what.value.trim();
    if (what.dataset.kind === "category") {
      changes.category = [...new Set([...state.category, what.dataset.value])];
      what.value = "";
    } else if (what.dataset.kind === "keyword") {
      changes.keyword = [...new Set([...state.keyword, what.dataset.value])];
      what.value = "";
    } else {
      changes.q = text || null;
    }
    const place = where.value.trim();
    changes.where = place ? (where.dataset.value && where.dataset.kind !== "street" ? where.dataset.value : place) : null;
    if (state.sort === "distance") changes.near = lonLatText(ctx.mapCentre());
    ctx.setState(changes);
  });

  function fill(state, data) {
    if (document.activeElement !== what) what.value = state.q || "";
    if (document.activeElement !== where) {
      where.value = data?.where?.name || state.where || "";
      if (data?.where) {
        where.dataset.kind = data.where.kind;
        where.dataset.value = data.where.code;
      }
    }
  }

  function renderResults(state, data, list) {
    const items = data.results.map((result, index) => ({
      org: result.id, n: (data.page - 1) * PAGE_SIZE + index + 1, name: result.name,
      lon: result.location?.lon, lat: result.location?.lat,
    }));
    const heading = h("h2", { class: "list-heading", tabindex: "-1" },
      fmt(ngettext("%(n)s resultaat", "%(n)s resultaten", data.count), { n: data.count }));
    const ol = h("ol", { class: "results", start: items[0]?.n || 1 },
      data.results.map((result, index) => resultItem({
        org: result.id, n: items[index].n, name: result.name, href: ctx.ficheHref(result.id),
        voorbeeld: result.voorbeeld, voorbeeldLabel: result.voorbeeld_label, status: result.operational_status,
        lines: [...organisationLines(result), result.distance_m != null ? `${_("Afstand")}: ${distanceText(result.distance_m)}` : null],
      })));
    const pager = data.pages > 1 ? h("nav", { class: "pager", "aria-label": _("Pagina's") },
      h("button", { type: "button", disabled: !data.previous, onclick: () => ctx.setState({ page: data.page - 1, fiche: null }) }, _("Vorige")),
      h("span", {}, fmt(_("Pagina %(page)s van %(pages)s"), data)),
      h("button", { type: "button", disabled: !data.next, onclick: () => ctx.setState({ page: data.page + 1, fiche: null }) }, _("Volgende")),
    ) : null;
    const empty = data.count === 0 ? h("p", { class: "empty" }, _("Niets gevonden. Probeer een ander woord, een grotere plaats of minder filters.")) : null;
    replaceChildren(list, heading, empty, ol, pager);
    return items;
  }

  async function apply(state, previous, { fit }) {
    const list = ctx.listElement;
    if (!hasSearch(state)) {
      lastKey = null;
      fill(state, null);
      renderRefine(ctx, state, null);
      replaceChildren(list, h("div", { class: "intro" },
        h("h2", {}, _("Zoek hulp in de buurt")),
        h("p", {}, _("Typ bij “Wie of wat?” een dienst, een organisatie of een trefwoord (bv. kinderopvang, apotheek, OCMW) en bij “Waar?” een gemeente, deelgemeente of postcode.")),
        h("p", {}, _("Of kies “Wie bedient dit adres?” om te zien welke diensten een adres bedienen, of “Dichtstbij” voor de dichtste vestigingen."))));
      await ctx.ready;
      showResultMarkers(ctx.map, []);
      return;
    }
    const params = { ...searchParams(state), page_size: PAGE_SIZE };
    const key = JSON.stringify(params);
    let data = lastData;
    if (key !== lastKey) {
      ctx.announce(_("Bezig met zoeken…"));
      list.setAttribute("aria-busy", "true");
      whereError.textContent = "";
      where.removeAttribute("aria-invalid");
      try {
        data = await api.search(params);
      } catch (error) {
        if (isAbort(error)) return;
        list.removeAttribute("aria-busy");
        lastKey = null;
        if (error instanceof ApiError && error.fields.where) {
          where.setAttribute("aria-invalid", "true");
          whereError.textContent = [].concat(error.fields.where).join(" ");
        }
        replaceChildren(list, h("p", { class: "error", role: "alert" }, error.message));
        return;
      }
      lastKey = key;
      lastData = data;
    }
    list.removeAttribute("aria-busy");
    fill(state, data);
    renderRefine(ctx, state, data.facets);
    const items = renderResults(state, data, list);
    await ctx.ready;
    const features = showResultMarkers(ctx.map, items);
    ctx.announce(fmt(ngettext("%(n)s resultaat gevonden", "%(n)s resultaten gevonden", data.count), { n: data.count }));
    // A new question fits the map to its answers; a new sort, page or refinement only when markers fall outside.
    const newQuestion = !previous || ["q", "where", "category", "keyword", "mode"].some(
      (key) => JSON.stringify(previous[key]) !== JSON.stringify(state[key]));
    if (fit && features.length) fitTo(ctx.map, features.map((f) => f.geometry.coordinates), { onlyIfOutside: !newQuestion });
  }

  return { apply };
}
