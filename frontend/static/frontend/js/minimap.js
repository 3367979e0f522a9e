// The small map of a fiche: our own base map, the service area and the vestigingen. Printing replaces the
// WebGL canvas by a picture of it (a canvas does not print reliably).

import { SourcesControl } from "./attribution.js";

const maplibregl = window.maplibregl;

export function ficheMiniMap(container, organisation, style) {
  const points = organisation.locations.filter((l) => l.point).map((l) => [l.point.lon, l.point.lat]);
  const area = organisation.service_area?.geometry || null;
  const map = new maplibregl.Map({
    container, style, interactive: false, attributionControl: false,
    center: points[0] || [3.725, 51.054], zoom: 11,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new SourcesControl(), "bottom-right");
  const coordinates = [...points];
  const walk = (value) => (typeof value[0] === "number" ? coordinates.push(value) : value.forEach(walk));
  if (area) walk(area.coordinates);
  if (coordinates.length) {
    const bounds = coordinates.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(coordinates[0], coordinates[0]));
    map.fitBounds(bounds, { padding: 16, maxZoom: 15, duration: 0 });
  }
  map.on("load", () => {
    if (area) {
      map.addSource("area", { type: "geojson", data: { type: "Feature", geometry: area, properties: {} } });
      map.addLayer({ id: "area-fill", type: "fill", source: "area", paint: { "fill-color": "#0b4f8a", "fill-opacity": 0.15 } });
      map.addLayer({ id: "area-line", type: "line", source: "area", paint: { "line-color": "#0b4f8a", "line-width": 2, "line-dasharray": [3, 1.5] } });
    }
    map.addSource("points", {
      type: "geojson",
      data: { type: "FeatureCollection", features: points.map((c) => ({ type: "Feature", geometry: { type: "Point", coordinates: c }, properties: {} })) },
    });
    map.addLayer({
      id: "points", type: "circle", source: "points",
      paint: { "circle-radius": 6, "circle-color": "#7c2d12", "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 },
    });
  });
  const picture = document.createElement("img");
  picture.className = "print-only fiche-map-picture";
  picture.alt = container.getAttribute("aria-label") || "";
  container.after(picture);
  const beforePrint = () => {
    try {
      picture.src = map.getCanvas().toDataURL("image/png");
    } catch {
      picture.remove();
    }
  };
  window.addEventListener("beforeprint", beforePrint);
  return {
    map,
    remove() {
      window.removeEventListener("beforeprint", beforePrint);
      picture.remove();
      map.remove();
    },
  };
}
