// "Wie bedient dit adres?": the organisations whose werkingsgebied covers a point, grouped by rubriek;
// the chosen organisation's werkingsgebied is drawn on the map.

import { api, isAbort } from "./api.js";
import { $, _, distanceText, fmt, h, ngettext, replaceChildren } from "./dom.js";
import { fitTo, geometryCoordinates, showArea, showPoint, showResultMarkers } from "./map.js";
import { addressCombobox, candidatesBlock, errorBlock, pointLabel } from "./pointmodes.js";
import { organisationLines, resultItem } from "./resultlist.js";
import { lonLat } from "./state.js";

const PAGE_SIZE = 100;
const PRECISION = {
  address: _("adrespunt"), interpolated: _("geïnterpoleerd huisnummer"), street: _("straat"),
  postal_area: _("postcodegebied"), municipality: _("gemeente"),
};
const MAX_PAGES = 10;

async function allPages(params) {
  const first = await api.whoServes({ ...params, page_size: PAGE_SIZE });
  if (first.status !== "ok") return first;
  let results = first.results;
  for (let page = 2; page <= Math.min(first.pages, MAX_PAGES); page += 1) {
    results = results.concat((await api.whoServes({ ...params, page_size: PAGE_SIZE, page })).results);
  }
  return { ...first, results };
}

function groupsOf(results) {
  const groups = new Map();
  for (const result of results) {
    const category = result.categories[0] || { code: "", name: _("Zonder rubriek") };
    if (!groups.has(category.code)) groups.set(category.code, { category, results: [] });
    groups.get(category.code).results.push(result);
  }
  return [...groups.values()];
}

export function createWhoServes(ctx) {
  const form = $("#who-form");
  const input = $("#address");
  addressCombobox(input);
  let lastKey = null;
  let data = null;
  let shownArea = null;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return input.focus();
    ctx.setState({ mode: "adres", address: text, at: null, sel: null, fiche: null });
  });

  function render(state, list) {
    const label = data.geocoded?.label || pointLabel(state);
    let n = 0;
    const items = [];
    const groups = groupsOf(data.results).map(({ category, results }) => h("section", { class: "group" },
      h("h3", { class: "group-heading" }, `${category.name} (${results.length})`),
      h("ol", { class: "results", start: n + 1 }, results.map((result) => {
        n += 1;
        items.push({ org: result.id, n, name: result.name, lon: result.location?.lon, lat: result.location?.lat });
        const selected = state.sel === result.id;
        return resultItem({
          org: result.id, n, name: result.name, href: ctx.ficheHref(result.id), voorbeeld: result.voorbeeld,
          voorbeeldLabel: result.voorbeeld_label, status: result.operational_status,
          lines: [...organisationLines(result).slice(1), result.services?.length ? `${_("Aanbod")}: ${result.services.join(", ")}` : null,
            result.distance_m != null ? `${_("Dichtste vestiging")}: ${distanceText(result.distance_m)}` : null],
          extra: result.service_area ? h("button", {
            type: "button", class: "button-secondary area-toggle", "aria-pressed": String(selected),
            onclick: () => ctx.setState({ sel: selected ? null : result.id }),
          }, selected ? _("Werkingsgebied verbergen") : _("Werkingsgebied tonen")) : null,
        });
      }))));
    replaceChildren(list,
      h("h2", { class: "list-heading", tabindex: "-1" }, fmt(ngettext("%(n)s organisatie bedient dit adres", "%(n)s organisaties bedienen dit adres", data.count), { n: data.count })),
      h("p", { class: "point-used" }, h("strong", {}, `${_("Gebruikt punt")}: `), label,
        data.geocoded ? ` (${PRECISION[data.geocoded.precision] || data.geocoded.precision})` : ""),
      data.count === 0 ? h("p", { class: "empty" }, _("Geen enkele organisatie heeft een werkingsgebied dat dit punt dekt.")) : null,
      groups);
    return { items, label };
  }

  async function showSelected(state, fit) {
    if (shownArea === state.sel) return;
    shownArea = state.sel || null;
    if (!state.sel) return showArea(ctx.map, null);
    try {
      const organisation = await api.area(state.sel);
      showArea(ctx.map, organisation.service_area?.geometry || null);
      if (fit) fitTo(ctx.map, geometryCoordinates(organisation.service_area?.geometry), { maxZoom: 14 });
    } catch (error) {
      if (!isAbort(error)) ctx.announce(error.message);
    }
  }

  async function apply(state, previous, { fit, popped = false }) {
    const list = ctx.listElement;
    if (document.activeElement !== input) input.value = state.address && state.address !== _("Mijn locatie") ? state.address : "";
    const point = lonLat(state.at);
    if (!point && !state.address) {
      lastKey = null;
      await ctx.ready;
      showPoint(ctx.map, null);
      showArea(ctx.map, null);
      shownArea = null;
      showResultMarkers(ctx.map, []);
      replaceChildren(list, h("div", { class: "intro" }, h("h2", {}, _("Wie bedient dit adres?")),
        h("p", {}, _("Typ een adres of klik op de kaart. Je ziet welke organisaties dit adres in hun werkingsgebied hebben, per rubriek."))));
      return;
    }
    const params = point ? { lon: point[0], lat: point[1] } : { address: state.address };
    params.category = state.category;
    params.group = "category";
    const key = JSON.stringify(params);
    if (key !== lastKey) {
      ctx.announce(_("Bezig met zoeken…"));
      try {
        data = await allPages(params);
      } catch (error) {
        if (!isAbort(error)) {
          lastKey = null;
          errorBlock(list, error);
        }
        return;
      }
      lastKey = key;
      if (data.status === "ambiguous") {
        await ctx.ready;
        showPoint(ctx.map, null);
        replaceChildren(list, candidatesBlock(data.candidates, ctx));
        fitTo(ctx.map, data.candidates.map((c) => [c.lon, c.lat]), { maxZoom: 14 });
        return;
      }
    }
    if (data.status !== "ok") return;
    const { items, label } = render(state, list);
    await ctx.ready;
    const at = [data.point.lon, data.point.lat];
    showPoint(ctx.map, at, label);
    showResultMarkers(ctx.map, items);
    ctx.announce(fmt(ngettext("%(n)s organisatie bedient dit adres", "%(n)s organisaties bedienen dit adres", data.count), { n: data.count }));
    if (fit && !state.sel) ctx.map.jumpTo({ center: at, zoom: Math.max(ctx.map.getZoom(), 13) });
    if (state.sel && !popped) list.querySelector(`.result[data-org="${state.sel}"]`)?.scrollIntoView({ block: "nearest" });
    await showSelected(state, fit);
  }

  function leave() {
    shownArea = null;
    showArea(ctx.map, null);
    showPoint(ctx.map, null);
  }

  return { apply, leave };
}
