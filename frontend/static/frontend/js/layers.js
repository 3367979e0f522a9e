// The rubric layers of /api/layers, drawn from their vector tiles, and the legend that switches them.
// At low zoom the markers are thinned: symbols that would overlap are left out (MapLibre's collision
// detection); from zoom 14 every location is drawn, and from zoom 15 with its name.

import { getJSON, isAbort } from "./api.js";
import { $, _, h } from "./dom.js";
import { addShapeIcon, shapeFor, swatch } from "./icons.js";
import { OVERLAY_BOTTOM } from "./map.js";

const FONT = ["DejaVu Sans"];
const ALL_MARKERS_FROM = 14;
const NAMES_FROM = 15;

const DEFAULT_MINZOOM = 10; // what the layers' TileJSON says; used only when it could not be read
const DEFAULT_MAXZOOM = 16;

export const layerId = (slug) => `rubric-${slug}`;

// Each layer's TileJSON, asked for while the base map loads: its zoom range, its bounds and the credits of
// its sources (shown by attribution.js while the layer is on).
export function withTileJSON(layers) {
  return Promise.all(layers.map(async (layer) => {
    try {
      layer.tilejson = await getJSON(layer.tiles.locations.tilejson);
    } catch (error) {
      if (!isAbort(error)) console.warn("TileJSON unavailable for layer", layer.slug, error);
    }
    return layer;
  }));
}

export function markersFromZoom(layers) {
  return Math.min(...layers.map((layer) => layer.tilejson?.minzoom ?? DEFAULT_MINZOOM));
}

function layerStyle(layer, visible) {
  const name = ["case", ["get", "voorbeeld"], ["concat", ["get", "name"], "\n(", _("voorbeeld"), ")"], ["get", "name"]];
  return {
    id: layerId(layer.slug),
    type: "symbol",
    source: layerId(layer.slug),
    "source-layer": "locations",
    layout: {
      visibility: visible ? "visible" : "none",
      "icon-image": `shape-${layer.slug}`,
      "icon-size": ["interpolate", ["linear"], ["zoom"], 10, 0.6, 12, 0.8, 16, 1],
      "icon-allow-overlap": ["step", ["zoom"], false, ALL_MARKERS_FROM, true],
      "icon-padding": 1,
      "text-field": ["step", ["zoom"], "", NAMES_FROM, name],
      "text-font": FONT,
      "text-size": 11,
      "text-offset": [0, 1],
      "text-anchor": "top",
      "text-optional": true,
      "text-max-width": 10,
    },
    paint: {
      // Generated sample records are drawn paler, and named "(voorbeeld)" on the map and everywhere else.
      "icon-opacity": ["case", ["get", "voorbeeld"], 0.7, 1],
      "text-color": "#222222",
      "text-halo-color": "#ffffff",
      "text-halo-width": 1.5,
    },
  };
}

export function visibleByDefault(layers) {
  return layers.filter((layer) => layer.visible_by_default).map((layer) => layer.slug);
}

export function addRubricLayers(map, layers, visibleSlugs) {
  layers.forEach((layer, index) => {
    layer.shape = shapeFor(index);
    addShapeIcon(map, `shape-${layer.slug}`, layer.shape, layer.colour);
    if (!map.getSource(layerId(layer.slug))) {
      const tilejson = layer.tilejson || {};
      map.addSource(layerId(layer.slug), {
        type: "vector",
        tiles: tilejson.tiles || [layer.tiles.locations.url],
        minzoom: tilejson.minzoom ?? DEFAULT_MINZOOM,
        maxzoom: tilejson.maxzoom ?? DEFAULT_MAXZOOM,
        ...(tilejson.bounds ? { bounds: tilejson.bounds } : {}),
        attribution: tilejson.attribution || "",
      });
    }
    if (!map.getLayer(layerId(layer.slug))) {
      map.addLayer(layerStyle(layer, visibleSlugs.includes(layer.slug)), OVERLAY_BOTTOM);
    }
  });
}

// While a result list is shown its numbered markers lead; the rubric layers step back. Only on a change:
// a new data-driven paint value makes MapLibre rebuild the layer's tiles.
let dimmed = false;
export function dimRubricLayers(map, layers, dim) {
  if (dim === dimmed) return;
  dimmed = dim;
  for (const layer of layers) {
    if (!map.getLayer(layerId(layer.slug))) continue;
    map.setPaintProperty(layerId(layer.slug), "icon-opacity", dim ? ["case", ["get", "voorbeeld"], 0.35, 0.5] : ["case", ["get", "voorbeeld"], 0.7, 1]);
  }
}

export function setLayerVisible(map, slug, visible) {
  if (map.getLayer(layerId(slug))) map.setLayoutProperty(layerId(slug), "visibility", visible ? "visible" : "none");
}

export function renderedRubricFeatures(map, point) {
  const ids = map.getStyle().layers.map((layer) => layer.id).filter((id) => id.startsWith("rubric-"));
  return map.queryRenderedFeatures(point, { layers: ids });
}

// The legend: one checkbox per layer, its shape and colour beside the title.
export function renderLegend(container, layers, visibleSlugs, onToggle) {
  const list = h("ul", { class: "legend-list" });
  for (const layer of layers) {
    const id = `laag-${layer.slug}`;
    const input = h("input", {
      type: "checkbox", id, name: "layers", value: layer.slug,
      checked: visibleSlugs.includes(layer.slug),
      onchange: (event) => onToggle(layer.slug, event.target.checked),
    });
    list.append(h("li", {}, input, h("label", { for: id, title: layer.description || null },
      swatch(layer.shape, layer.colour), h("span", {}, layer.title))));
  }
  const toggle = $(".legend-toggle", container);
  const body = $(".legend-body", container);
  body.replaceChildren(list);
  if (window.matchMedia("(max-width: 760px)").matches) {
    // On a phone the legend starts folded, so it does not hide the map.
    toggle.setAttribute("aria-expanded", "false");
    body.hidden = true;
  }
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    body.hidden = !open;
  });
}

export function syncLegend(container, visibleSlugs) {
  for (const input of container.querySelectorAll("input[name=layers]")) {
    input.checked = visibleSlugs.includes(input.value);
  }
}
