// The result lists of every mode, kept in sync with the numbered markers on the map: hovering or focusing
// an item highlights its marker, hovering a marker highlights (and scrolls to) its item.

import { _, h, voorbeeldBadge } from "./dom.js";
import { RESULT_LAYERS, setMarkerState } from "./map.js";

const STATUS = { temporarily_closed: _("Tijdelijk gesloten"), inactive: _("Stopgezet") };

// One organisation in a list. `href` opens its fiche (a real link: it works in a new tab too).
export function resultItem({ org, n, name, href, voorbeeld, voorbeeldLabel, status, lines = [], extra = null }) {
  return h("li", { class: "result", dataset: { org } },
    n ? h("span", { class: "result-n", "aria-hidden": "true" }, n) : null,
    h("div", { class: "result-body" },
      h("h3", { class: "result-name" },
        h("a", { href, dataset: { fiche: org } }, n ? h("span", { class: "visually-hidden" }, `${n}. `) : null, name)),
      voorbeeld ? voorbeeldBadge(voorbeeldLabel) : null,
      STATUS[status] ? h("span", { class: "badge badge-status" }, STATUS[status]) : null,
      lines.filter(Boolean).map((line) => h("p", { class: "result-line" }, line)),
      extra));
}

export function organisationLines(result) {
  const location = result.location;
  const categories = (result.categories || []).map((category) => category.name).join(", ");
  return [
    categories,
    location && location.address ? location.address : null,
    result.service_area ? `${_("Werkingsgebied")}: ${result.service_area.name}` : null,
  ];
}

let hovered = null;

function setHover(map, list, org) {
  if (hovered === org) return;
  if (hovered !== null) {
    setMarkerState(map, hovered, { hover: false });
    list.querySelector(`.result[data-org="${hovered}"]`)?.classList.remove("is-hover");
  }
  hovered = org;
  if (org !== null) {
    setMarkerState(map, org, { hover: true });
    list.querySelector(`.result[data-org="${org}"]`)?.classList.add("is-hover");
  }
}

export function bindList(list, map) {
  const orgOf = (event) => {
    const item = event.target.closest?.(".result[data-org]");
    return item ? Number(item.dataset.org) : null;
  };
  list.addEventListener("mouseover", (event) => setHover(map, list, orgOf(event)));
  list.addEventListener("focusin", (event) => setHover(map, list, orgOf(event)));
  list.addEventListener("mouseleave", () => setHover(map, list, null));
  list.addEventListener("focusout", () => setHover(map, list, null));
  for (const layer of RESULT_LAYERS) {
    map.on("mousemove", layer, (event) => {
      const org = event.features?.[0]?.properties?.org;
      if (org === undefined) return;
      map.getCanvas().style.cursor = "pointer";
      setHover(map, list, Number(org));
      list.querySelector(`.result[data-org="${org}"]`)?.scrollIntoView({ block: "nearest" });
    });
    map.on("mouseleave", layer, () => {
      map.getCanvas().style.cursor = "";
      setHover(map, list, null);
    });
  }
}

export function resetHover() {
  hovered = null;
}
