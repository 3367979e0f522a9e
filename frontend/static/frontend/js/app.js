// The map page: wires the URL state to the map, the three modes (zoeken, wie bedient dit adres,
// dichtstbij), the legend and the fiche. Every change goes through the URL (state.js).

import { api, configure, isAbort } from "./api.js";
import { $, $$, _ } from "./dom.js";
import { createFiche } from "./fiche.js";
import {
  addRubricLayers, dimRubricLayers, markersFromZoom, renderLegend, renderedRubricFeatures, setLayerVisible, syncLegend,
  visibleByDefault, withTileJSON,
} from "./layers.js";
import {
  addOverlays, clearMarkerStates, createMap, fitTo, parseView, RESULT_LAYERS, resultMarkerCount, setMarkerState, showArea,
  showFicheLocations, viewText,
} from "./map.js";
import { createNearest } from "./nearest.js";
import { bindList, resetHover } from "./resultlist.js";
import { createSearch } from "./search.js";
import { getState, lonLatText, onStateChange, setState, stateToSearch } from "./state.js";
import { createWhoServes } from "./whoserves.js";

const config = JSON.parse($("#page-config").textContent);
configure(config.endpoints);

const status = $("#status");
const ctx = {
  siteName: config.siteName,
  pageTitle: document.title,
  ownStyle: config.endpoints.ownBasemapStyle,
  listElement: $("#results"),
  categories: null,
  layers: [],
  getState,
  setState,
  announce(text) {
    status.textContent = text;
  },
  ficheHref: (id) => `${window.location.pathname}${stateToSearch({ ...getState(), fiche: id })}`,
  closeFiche: () => setState({ fiche: null }),
  mapCentre: () => ctx.map.getCenter().toArray(),
};

const initial = getState();
ctx.map = createMap({
  container: "map",
  style: config.endpoints.basemapStyle,
  fallbackStyle: config.endpoints.ownBasemapStyle,
  view: parseView(initial.map, config.defaultView),
});
window.socialeKaart = ctx; // for the browser tests and for curious developers
const map = ctx.map;

// The layer list (and each layer's TileJSON) is asked for while the base map loads, not after.
const layersLoaded = api.layers().then(withTileJSON).catch((error) => {
  if (!isAbort(error)) ctx.announce(_("De kaartlagen konden niet geladen worden."));
  return [];
});
const mapLoaded = new Promise((resolve) => map.once("load", resolve));
const ready = Promise.all([mapLoaded, layersLoaded]).then(([, layers]) => {
  ctx.layers = layers;
  addOverlays(map);
  addRubricLayers(map, ctx.layers, visibleLayers(getState()));
  renderLegend($("#legend"), ctx.layers, visibleLayers(getState()), toggleLayer);
  bindMap();
});
ctx.ready = ready;

function visibleLayers(state) {
  return state.layers ?? visibleByDefault(ctx.layers);
}

function toggleLayer(slug, visible) {
  const current = new Set(visibleLayers(getState()));
  if (visible) current.add(slug);
  else current.delete(slug);
  const slugs = ctx.layers.map((layer) => layer.slug).filter((s) => current.has(s));
  const defaults = visibleByDefault(ctx.layers);
  const same = slugs.length === defaults.length && slugs.every((s, i) => s === defaults[i]);
  setLayerVisible(map, slug, visible);
  setState({ layers: same ? null : slugs }, { replace: true });
}

// Below the layers' first zoom level no marker is drawn: say so, instead of showing an empty region.
function updateZoomHint() {
  const anyOn = visibleLayers(getState()).length > 0;
  $("#zoom-hint").hidden = !anyOn || map.getZoom() >= markersFromZoom(ctx.layers);
}

function bindMap() {
  bindList(ctx.listElement, map);
  map.on("zoomend", updateZoomHint);
  updateZoomHint();
  map.on("moveend", () => setState({ map: viewText(map) }, { replace: true, silent: true }));
  map.on("click", (event) => {
    const state = getState();
    if (state.mode !== "zoeken") {
      setState({ at: lonLatText(event.lngLat.toArray()), address: null, sel: null, fiche: null });
      return;
    }
    const result = map.queryRenderedFeatures(event.point, { layers: RESULT_LAYERS })[0];
    const rubric = result ? null : renderedRubricFeatures(map, event.point)[0];
    const org = result?.properties.org ?? rubric?.properties.organisation_id;
    if (org !== undefined) setState({ fiche: Number(org) });
  });
  map.on("mousemove", (event) => {
    if (getState().mode !== "zoeken") return;
    const hit = map.queryRenderedFeatures(event.point).some((f) => f.layer.id.startsWith("rubric-") || RESULT_LAYERS.includes(f.layer.id));
    map.getCanvas().style.cursor = hit ? "pointer" : "";
  });
}

const modes = { zoeken: createSearch(ctx), adres: createWhoServes(ctx), dichtstbij: createNearest(ctx) };
const fiche = createFiche(ctx);

// Links to a fiche inside the page open it without a reload (and keep working in a new tab).
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-fiche]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  setState({ fiche: Number(link.dataset.fiche) });
});
for (const tab of $$("[data-mode-link]")) {
  tab.addEventListener("click", (event) => {
    event.preventDefault();
    const mode = tab.dataset.modeLink;
    if (mode !== getState().mode) setState({ mode, fiche: null, page: null, sel: null, at: null, address: null });
  });
}

function showMode(mode) {
  for (const tab of $$("[data-mode-link]")) {
    if (tab.dataset.modeLink === mode) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  for (const panel of $$("[data-mode-panel]")) panel.hidden = panel.dataset.modePanel !== mode;
  document.body.dataset.mode = mode;
}

async function apply(state, previous, { popped = false, initial = false } = {}) {
  showMode(state.mode);
  if (previous && previous.mode !== state.mode) {
    // Scheduled first, so it runs before the new mode draws (every mode awaits ctx.ready before drawing).
    ready.then(() => {
      modes[previous.mode].leave?.();
      resetHover();
      clearMarkerStates(map);
      showArea(map, null);
    });
  }
  // The mode asks the API at once (the list does not wait for the map) and draws once the map is ready.
  const fit = !popped && !(initial && state.map);
  const modeApplied = modes[state.mode].apply(state, previous, { fit, popped });
  const ficheShown = state.fiche ? fiche.show(state.fiche) : null;
  await ready;
  if (popped && state.map && state.map !== viewText(map)) {
    const view = parseView(state.map, config.defaultView);
    map.jumpTo(view);
  }
  if (!previous || JSON.stringify(visibleLayers(state)) !== JSON.stringify(visibleLayers(previous))) {
    const visible = visibleLayers(state);
    for (const layer of ctx.layers) setLayerVisible(map, layer.slug, visible.includes(layer.slug));
    syncLegend($("#legend"), visible);
    updateZoomHint();
  }
  await modeApplied;
  dimRubricLayers(map, ctx.layers, resultMarkerCount() > 0);
  if (state.fiche) {
    const organisation = await ficheShown;
    clearMarkerStates(map);
    setMarkerState(map, state.fiche, { selected: true });
    if (organisation) {
      const places = organisation.locations.filter((l) => l.point).map((l) => [l.point.lon, l.point.lat]);
      showFicheLocations(map, places);
      if (fit) fitTo(map, places, { onlyIfOutside: true });
      if (state.mode === "zoeken") showArea(map, organisation.service_area?.geometry || null);
    }
  } else {
    fiche.hide();
    showFicheLocations(map, []);
    if (state.mode === "zoeken") showArea(map, null);
    if (previous?.fiche) {
      clearMarkerStates(map);
      ctx.listElement.querySelector(`a[data-fiche="${previous.fiche}"]`)?.focus();
    }
  }
}

// data-busy: "true" while a state is being applied (the browser tests wait for "false").
let running = 0;
function run(state, previous, options) {
  running += 1;
  document.body.dataset.busy = "true";
  apply(state, previous, options)
    .catch((error) => {
      if (!isAbort(error)) console.error(error);
    })
    .finally(() => {
      running -= 1;
      if (running === 0) document.body.dataset.busy = "false";
    });
}
onStateChange(run);
run(getState(), null, { initial: true });

