// The main map: base map (our own offline style, or the configured external one), the rubric layers
// (layers.js) and, on top, the overlays of the page: the search results, the chosen point and a service area.

import { SourcesControl } from "./attribution.js";
import { _ } from "./dom.js";

const maplibregl = window.maplibregl;
const FONT = ["DejaVu Sans Bold"];
export const RESULT_LAYERS = ["results-circle", "results-number"];
export const OVERLAY_BOTTOM = "area-fill";
const EMPTY = { type: "FeatureCollection", features: [] };

export function parseView(text, fallback) {
  const [zoom, lat, lon] = (text || "").split("/").map(Number);
  if ([zoom, lat, lon].every(Number.isFinite) && zoom >= 0 && zoom <= 22 && Math.abs(lat) <= 85) {
    return { zoom, center: [lon, lat] };
  }
  return { zoom: fallback.zoom, center: [fallback.lon, fallback.lat] };
}

export function viewText(map) {
  const { lng, lat } = map.getCenter();
  return `${map.getZoom().toFixed(2)}/${lat.toFixed(5)}/${lng.toFixed(5)}`;
}

export function createMap({ container, style, fallbackStyle, view }) {
  const map = new maplibregl.Map({
    container,
    style,
    center: view.center,
    zoom: view.zoom,
    minZoom: 5,
    maxZoom: 19,
    maxBounds: [[-1.5, 47.5], [10.5, 53.5]],
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    cooperativeGestures: false,
    // Symbols appear at once for users who ask for less motion (and in the browser tests).
    fadeDuration: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 300,
    locale: {
      "NavigationControl.ZoomIn": _("Inzoomen"),
      "NavigationControl.ZoomOut": _("Uitzoomen"),
      "NavigationControl.ResetBearing": _("Noorden boven"),
      "AttributionControl.ToggleAttribution": _("Bronvermelding tonen of verbergen"),
      "GeolocateControl.FindMyLocation": _("Mijn locatie"),
      "Map.Title": _("Kaart"),
      "Popup.Close": _("Sluiten"),
    },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "bottom-right");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");
  map.addControl(new SourcesControl(), "bottom-right");
  if (fallbackStyle && fallbackStyle !== style) {
    // An external base map that cannot be reached (offline) falls back to our own.
    map.once("error", (event) => {
      if (!map.isStyleLoaded()) {
        console.warn("External base map unavailable, using the offline one", event.error);
        map.setStyle(fallbackStyle);
      }
    });
  }
  return map;
}

export function addOverlays(map) {
  map.addSource("area", { type: "geojson", data: EMPTY });
  map.addSource("results", { type: "geojson", data: EMPTY, promoteId: "org" });
  map.addSource("point", { type: "geojson", data: EMPTY });
  map.addSource("fiche", { type: "geojson", data: EMPTY });
  map.addLayer({ id: "area-fill", type: "fill", source: "area", paint: { "fill-color": "#0b4f8a", "fill-opacity": 0.12 } });
  map.addLayer({
    id: "area-line", type: "line", source: "area",
    paint: { "line-color": "#0b4f8a", "line-width": 2.5, "line-dasharray": [3, 1.5] },
  });
  const active = ["any", ["boolean", ["feature-state", "hover"], false], ["boolean", ["feature-state", "selected"], false]];
  map.addLayer({
    id: "results-circle", type: "circle", source: "results",
    paint: {
      "circle-radius": ["case", active, 15, 11],
      "circle-color": ["case", active, "#7c2d12", "#0b4f8a"],
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": ["case", active, 3, 2],
    },
  });
  map.addLayer({
    id: "results-number", type: "symbol", source: "results",
    layout: {
      "text-field": ["to-string", ["get", "n"]], "text-font": FONT, "text-size": 12,
      "text-allow-overlap": true, "text-ignore-placement": true,
    },
    paint: { "text-color": "#ffffff" },
  });
  // The vestigingen of the open fiche: a ring, whether or not they are among the results.
  map.addLayer({
    id: "fiche-ring", type: "circle", source: "fiche",
    paint: { "circle-radius": 17, "circle-opacity": 0, "circle-stroke-color": "#7c2d12", "circle-stroke-width": 3 },
  });
  map.addLayer({
    id: "point-circle", type: "circle", source: "point",
    paint: { "circle-radius": 9, "circle-color": "#ffffff", "circle-stroke-color": "#b91c1c", "circle-stroke-width": 4 },
  });
  map.addLayer({
    id: "point-label", type: "symbol", source: "point",
    layout: {
      "text-field": ["get", "label"], "text-font": FONT, "text-size": 12, "text-offset": [0, 1.3],
      "text-anchor": "top", "text-max-width": 14,
    },
    paint: { "text-color": "#7f1d1d", "text-halo-color": "#ffffff", "text-halo-width": 2 },
  });
}

let shownResults = 0;
export const resultMarkerCount = () => shownResults;

// items: [{org, n, name, lon, lat}] -> markers numbered like the list
export function showResultMarkers(map, items) {
  const features = items
    .filter((item) => Number.isFinite(item.lon) && Number.isFinite(item.lat))
    .map((item) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [item.lon, item.lat] },
      properties: { org: item.org, n: item.n, name: item.name },
    }));
  map.getSource("results")?.setData({ type: "FeatureCollection", features });
  shownResults = features.length;
  return features;
}

export function setMarkerState(map, org, state) {
  if (org === null || org === undefined || !map.getSource("results")) return;
  map.setFeatureState({ source: "results", id: org }, state);
}

export function clearMarkerStates(map) {
  if (map.getSource("results")) map.removeFeatureState({ source: "results" });
}

export function showPoint(map, lonLat, label) {
  const data = lonLat
    ? { type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: lonLat }, properties: { label } }] }
    : EMPTY;
  map.getSource("point")?.setData(data);
}

export function showFicheLocations(map, coordinates) {
  const features = coordinates.map((c) => ({ type: "Feature", geometry: { type: "Point", coordinates: c }, properties: {} }));
  map.getSource("fiche")?.setData({ type: "FeatureCollection", features });
}

export function showArea(map, geometry) {
  map.getSource("area")?.setData(geometry ? { type: "Feature", geometry, properties: {} } : EMPTY);
}

// Fit the map to points (and optionally a geometry's bounds); a single point gets a street-level zoom.
export function fitTo(map, coordinates, { maxZoom = 15, onlyIfOutside = false } = {}) {
  const valid = coordinates.filter((c) => c && Number.isFinite(c[0]) && Number.isFinite(c[1]));
  if (!valid.length) return;
  if (onlyIfOutside) {
    // "Inside" means clear of the edges (a tenth of the view), where a marker is easy to miss.
    const { width, height } = map.getCanvas().getBoundingClientRect();
    const inside = (c) => {
      const p = map.project(c);
      return p.x > width * 0.1 && p.x < width * 0.9 && p.y > height * 0.1 && p.y < height * 0.9;
    };
    if (valid.every(inside)) return;
  }
  const bounds = valid.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(valid[0], valid[0]));
  const narrow = window.matchMedia("(max-width: 760px)").matches;
  const base = narrow ? 40 : 70;
  // Keep the fitted markers clear of the legend when it is open beside them.
  const legend = document.getElementById("legend-body");
  const right = !narrow && legend && !legend.hidden ? legend.parentElement.offsetWidth + 30 : base;
  const size = map.getContainer();
  const padding = { top: base, bottom: base, left: base, right: Math.min(right, size.clientWidth / 2) };
  map.fitBounds(bounds, { padding, maxZoom, duration: 0 });
}

export function geometryCoordinates(geometry) {
  if (!geometry) return [];
  const out = [];
  const walk = (value) => {
    if (typeof value[0] === "number") out.push(value);
    else value.forEach(walk);
  };
  walk(geometry.coordinates);
  return out;
}
