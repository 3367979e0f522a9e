// "Dichtstbij": the nearest vestigingen of the chosen rubriek to an address, a map click or the device.

import { api, isAbort } from "./api.js";
import { $, _, distanceText, fmt, h, ngettext, replaceChildren } from "./dom.js";
import { fitTo, showPoint, showResultMarkers } from "./map.js";
import { addressCombobox, errorBlock, geocodeAddress, pointLabel, useDeviceLocation } from "./pointmodes.js";
import { resultItem } from "./resultlist.js";
import { lonLat } from "./state.js";

const COUNT = 10;

function categoryOptions(nodes, depth = 0) {
  return nodes.flatMap((node) => [
    h("option", { value: node.code }, `${"\u00a0\u00a0".repeat(depth)}${node.name}`),
    ...categoryOptions(node.children || [], depth + 1),
  ]);
}

export function createNearest(ctx) {
  const form = $("#nearest-form");
  const input = $("#nearest-address");
  const select = $("#nearest-category");
  const locate = $("#nearest-locate");
  addressCombobox(input);
  let lastKey = null;
  let data = null;
  let filled = false;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    const state = ctx.getState();
    const category = select.value ? [select.value] : [];
    if (text && text !== state.address) ctx.setState({ mode: "dichtstbij", address: text, at: null, category, fiche: null });
    else if (text || state.at) ctx.setState({ mode: "dichtstbij", category, fiche: null });
    else input.focus();
  });
  locate.addEventListener("click", () => useDeviceLocation(ctx, "dichtstbij", locate));

  async function fillCategories(state) {
    if (!filled) {
      if (!ctx.categories) ctx.categories = await api.categories();
      select.append(...categoryOptions(ctx.categories));
      filled = true;
    }
    select.value = state.category[0] || "";
  }

  async function apply(state, previous, { fit }) {
    const list = ctx.listElement;
    await fillCategories(state);
    if (document.activeElement !== input) input.value = state.address && state.address !== _("Mijn locatie") ? state.address : "";
    let point = lonLat(state.at);
    if (!point && state.address) {
      const found = await geocodeAddress(ctx, state, list);
      if (!found) return;
      ctx.setState({ at: found.at, address: found.label }, { replace: true });
      return;
    }
    if (!point) {
      lastKey = null;
      await ctx.ready;
      showPoint(ctx.map, null);
      showResultMarkers(ctx.map, []);
      replaceChildren(list, h("div", { class: "intro" }, h("h2", {}, _("Dichtstbij")),
        h("p", {}, _("Typ een adres, gebruik je locatie of klik op de kaart. Je ziet de dichtste vestigingen, met de afstand in vogelvlucht."))));
      return;
    }
    const params = { lon: point[0], lat: point[1], category: state.category, n: COUNT };
    const key = JSON.stringify(params);
    if (key !== lastKey) {
      ctx.announce(_("Bezig met zoeken…"));
      try {
        data = await api.nearest(params);
      } catch (error) {
        if (!isAbort(error)) {
          lastKey = null;
          errorBlock(list, error);
        }
        return;
      }
      lastKey = key;
    }
    const items = data.results.map((result, index) => ({
      org: result.organisation.id, n: index + 1, name: result.organisation.name, lon: result.lon, lat: result.lat,
    }));
    replaceChildren(list,
      h("h2", { class: "list-heading", tabindex: "-1" }, fmt(ngettext("De dichtste vestiging", "De %(n)s dichtste vestigingen", data.results.length), { n: data.results.length })),
      h("p", { class: "point-used" }, h("strong", {}, `${_("Vanaf")}: `), pointLabel(state)),
      data.results.length ? null : h("p", { class: "empty" }, _("Geen vestigingen binnen 50 km.")),
      h("ol", { class: "results" }, data.results.map((result, index) => resultItem({
        org: result.organisation.id, n: index + 1, name: result.organisation.name, href: ctx.ficheHref(result.organisation.id),
        voorbeeld: result.organisation.voorbeeld, voorbeeldLabel: result.organisation.voorbeeld_label,
        status: result.organisation.operational_status,
        lines: [h("strong", {}, distanceText(result.distance_m)), (result.organisation.categories || []).map((c) => c.name).join(", "), result.address],
      }))));
    await ctx.ready;
    showPoint(ctx.map, point, pointLabel(state));
    showResultMarkers(ctx.map, items);
    ctx.announce(fmt(ngettext("%(n)s vestiging gevonden", "%(n)s vestigingen gevonden", items.length), { n: items.length }));
    if (fit) fitTo(ctx.map, [point, ...items.map((item) => [item.lon, item.lat])]);
  }

  function leave() {
    showPoint(ctx.map, null);
  }

  return { apply, leave };
}
