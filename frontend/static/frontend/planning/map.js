// The choropleth map: one GeoJSON source of units (fill coloured by the class computed in app.js), one of
// what-if points. MapLibre GL is the vendored UMD build (window.maplibregl).
import { COLOURS, NO_DATA } from "./classes.js";

export function createMap(container, styleUrl, view) {
  const map = new window.maplibregl.Map({
    container,
    style: styleUrl,
    center: [view.lon, view.lat],
    zoom: view.zoom,
    attributionControl: { compact: false },
    preserveDrawingBuffer: true, // the report is printed from the canvas
  });
  map.addControl(new window.maplibregl.NavigationControl({ showCompass: false }), "top-left");
  return new Promise((resolve) => {
    map.on("load", () => {
      map.addSource("units", { type: "geojson", promoteId: "code", data: { type: "FeatureCollection", features: [] } });
      map.addSource("whatif", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
      map.addSource("locations", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
      const colour = ["match", ["get", "klasse"], ...COLOURS.flatMap((c, i) => [i, c]), NO_DATA];
      map.addLayer({ id: "units-fill", type: "fill", source: "units", paint: { "fill-color": colour, "fill-opacity": 0.75 } });
      map.addLayer({
        id: "units-line",
        type: "line",
        source: "units",
        paint: { "line-color": "#333", "line-width": ["case", ["boolean", ["feature-state", "hover"], false], 2.5, 0.6] },
      });
      // the rubric's real locations: what a what-if can take away (removed ones turn grey with a dark ring)
      map.addLayer({
        id: "locations-points",
        type: "circle",
        source: "locations",
        paint: {
          "circle-radius": ["case", ["get", "removed"], 6, 4],
          "circle-color": ["case", ["get", "removed"], "#bbbbbb", "#1f4e9c"],
          "circle-stroke-color": ["case", ["get", "removed"], "#222222", "#ffffff"],
          "circle-stroke-width": ["case", ["get", "removed"], 2, 1],
        },
      });
      map.addLayer({
        id: "whatif-points",
        type: "circle",
        source: "whatif",
        paint: { "circle-radius": 7, "circle-color": "#e8175d", "circle-stroke-color": "#fff", "circle-stroke-width": 2 },
      });
      resolve(map);
    });
  });
}

export function showUnits(map, features) {
  map.getSource("units").setData({ type: "FeatureCollection", features });
}

export function showWhatIf(map, points) {
  map.getSource("whatif").setData({
    type: "FeatureCollection",
    features: points.map(([lon, lat]) => ({ type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties: {} })),
  });
}

export function showLocations(map, features, removed) {
  const gone = new Set(removed);
  map.getSource("locations").setData({
    type: "FeatureCollection",
    features: features.map((f) => ({ ...f, properties: { ...f.properties, removed: gone.has(f.id) } })),
  });
}

export function fitTo(map, features) {
  const bounds = new window.maplibregl.LngLatBounds();
  for (const feature of features) {
    const [lon, lat] = feature.properties.point;
    bounds.extend([lon, lat]);
  }
  if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 40, duration: 0, maxZoom: 12 });
}
