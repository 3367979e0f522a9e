// Refining a search: the rubrieken tree (checkboxes, with the facet counts of the current search), trefwoorden
// with EN/OF, doelgroep, gemeente (facet) and the sort order. Every change is a new URL state.

import { api } from "./api.js";
import { $, _, fmt, h, replaceChildren } from "./dom.js";
import { combobox } from "./autocomplete.js";
import { lonLatText } from "./state.js";

let bound = false;

function bind(ctx) {
  bound = true;
  const keywordInput = $("#keyword-add");
  combobox(keywordInput, {
    suggest: async (text) => {
      const data = await api.suggestWhat(text);
      return [{ label: _("Trefwoorden"), items: data.keywords.map((k) => ({ kind: "keyword", value: k.value, label: k.label })) }];
    },
    onChoose: (item) => {
      keywordInput.value = "";
      const state = ctx.getState();
      ctx.setState({ mode: "zoeken", keyword: [...new Set([...state.keyword, item.value])], page: null, fiche: null });
    },
  });
  $("#refine").addEventListener("change", (event) => {
    const target = event.target;
    const state = ctx.getState();
    if (target.name === "category") {
      const codes = new Set(state.category);
      if (target.checked) codes.add(target.value);
      else codes.delete(target.value);
      ctx.setState({ mode: "zoeken", category: [...codes], page: null, fiche: null });
    } else if (target.name === "keyword_op") {
      ctx.setState({ keyword_op: target.value, page: null, fiche: null });
    } else if (target.name === "target_group") {
      ctx.setState({ mode: "zoeken", target_group: target.value || null, page: null, fiche: null });
    } else if (target.name === "municipality") {
      ctx.setState({ municipality: target.value || null, page: null, fiche: null });
    } else if (target.name === "sort") {
      const near = target.value === "distance" ? lonLatText(ctx.mapCentre()) : null;
      ctx.setState({ sort: target.value === "relevance" ? null : target.value, near, page: null, fiche: null });
    }
  });
}

function categoryTree(nodes, state, counts) {
  const items = [];
  for (const node of nodes) {
    const count = counts ? counts.get(node.code) || 0 : node.count;
    const checked = state.category.includes(node.code);
    const children = node.children?.length ? categoryTree(node.children, state, counts) : null;
    if (counts && !count && !checked && !children) continue;
    const id = `rubriek-${node.code.replaceAll(".", "-")}`;
    items.push(h("li", {},
      h("input", { type: "checkbox", id, name: "category", value: node.code, checked }),
      h("label", { for: id }, node.name, " ", h("span", { class: "count" }, `(${count})`)),
      children));
  }
  return items.length ? h("ul", { class: "tree" }, items) : null;
}

export async function renderRefine(ctx, state, facets) {
  if (!bound) bind(ctx);
  if (!ctx.categories) ctx.categories = await api.categories();
  const counts = facets ? new Map(facets.category.map((facet) => [facet.code, facet.count])) : null;
  replaceChildren($("#category-tree"), categoryTree(ctx.categories, state, counts) ||
    h("p", { class: "hint" }, _("Geen rubrieken bij deze zoekvraag.")));

  replaceChildren($("#keyword-chips"), state.keyword.map((slug) => h("li", {},
    h("span", {}, slug.replaceAll("-", " ")),
    h("button", {
      type: "button", class: "chip-remove", "aria-label": fmt(_("Trefwoord %(name)s weghalen"), { name: slug }),
      onclick: () => ctx.setState({ keyword: ctx.getState().keyword.filter((k) => k !== slug), page: null, fiche: null }),
    }, "×"))));
  $("#keyword-op").hidden = state.keyword.length < 2;
  for (const radio of document.querySelectorAll("input[name=keyword_op]")) {
    radio.checked = radio.value === (state.keyword_op === "and" ? "and" : "or");
  }
  $("#target_group").value = state.target_group || "";
  $("#sort").value = state.sort || "relevance";

  const municipality = $("#municipality");
  const options = (facets?.municipality || []).map((facet) =>
    h("option", { value: facet.code, selected: facet.code === state.municipality }, `${facet.name} (${facet.count})`));
  replaceChildren(municipality, h("option", { value: "" }, _("Alle gemeenten")), options);
  municipality.value = state.municipality || "";
  $("#municipality-field").hidden = !facets || (facets.municipality.length < 2 && !state.municipality);
  const active = state.category.length + state.keyword.length + (state.target_group ? 1 : 0) + (state.municipality ? 1 : 0);
  $("#refine-count").textContent = active ? fmt(_("(%(n)s actief)"), { n: active }) : "";
}
