// Planning page: choose a rubric, units and threshold; see the choropleth, figures, worst units and the
// distance histogram; in what-if mode a click on the map adds a hypothetical location and a click on one of
// the rubric's locations takes it away (nothing is written).
import { classOf, classesFor, km } from "./classes.js";
import { createMap, fitTo, showLocations, showUnits, showWhatIf } from "./map.js";
import { renderDetails, renderHistogram, renderLegend, renderSummary, renderTable } from "./view.js";

const t = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);
const config = JSON.parse(document.getElementById("planning-config").textContent);
const $ = (id) => document.getElementById(id);
const form = $("planning-form");
const params = new URLSearchParams(window.location.search);
const state = { units: [], features: [], summary: null, baseline: null, added: [], removed: [], locations: [], locationsKey: "", whatIf: false, sort: "distance_m", descending: true, request: 0 };

for (const name of ["rubric", "level", "scope", "metric", "threshold"]) {
  if (params.has(name)) form.elements[name].value = params.get(name);
}
if (!params.has("rubric")) form.elements.rubric.value = config.defaultRubric;
if (params.has("add")) state.added = params.get("add").split(";").filter(Boolean).map((p) => p.split(",").map(Number));
if (params.has("remove")) state.removed = params.get("remove").split(",").filter(Boolean).map(Number);
const hasWhatIf = () => state.added.length > 0 || state.removed.length > 0;

function apiQuery(withWhatIf) {
  const query = new URLSearchParams({ rubric: form.elements.rubric.value, level: form.elements.level.value, threshold: form.elements.threshold.value });
  if (form.elements.scope.value) query.set("municipality", form.elements.scope.value);
  if (withWhatIf && state.added.length) query.set("add", state.added.map(([lon, lat]) => `${lon.toFixed(6)},${lat.toFixed(6)}`).join(";"));
  if (withWhatIf && state.removed.length) query.set("remove", state.removed.join(","));
  return query;
}

function syncUrl() {
  const query = apiQuery(true);
  query.set("scope", form.elements.scope.value);
  query.set("metric", form.elements.metric.value);
  query.delete("municipality");
  window.history.replaceState(null, "", `?${query}`);
  const report = new URLSearchParams(query);
  report.set("rapport", "1");
  $("report-link").href = `?${report}`;
  $("csv-link").href = `${config.endpoints.csv}?${apiQuery(true)}`;
  $("xlsx-link").href = `${config.endpoints.xlsx}?${apiQuery(true)}`;
}

async function fetchCoverage(withWhatIf) {
  const response = await fetch(`${config.endpoints.coverage}?${apiQuery(withWhatIf)}`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

// The rubric's locations, fetched again only when the rubric changes (at most 5,000, as the map layers).
async function loadLocations() {
  const rubric = form.elements.rubric.value;
  if (rubric === state.locationsKey) return;
  const query = new URLSearchParams({ category: rubric, limit: "5000" });
  const response = await fetch(`${config.endpoints.locations}?${query}`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status}`);
  state.locations = (await response.json()).features;
  state.locationsKey = rubric;
}

function paint(map) {
  const metric = form.elements.metric.value;
  const threshold = Number(form.elements.threshold.value);
  const { breaks, labels } = classesFor(metric, state.units, threshold);
  const title = metric === "distance_m" ? t("Afstand tot de dichtste vestiging") : t("Inwoners zonder aanbod");
  renderLegend($("legend"), title, labels);
  for (const feature of state.features) feature.properties.klasse = classOf(feature.properties[metric], breaks);
  showUnits(map, state.features);
  showWhatIf(map, state.added);
  showLocations(map, state.locations, state.removed);
  renderSummary($("summary"), $("population-note"), state.summary, threshold, hasWhatIf() ? state.baseline : null);
  renderTable($("worst-table"), state.units, state.sort, state.descending, (unit) => renderDetails($("details"), unit));
  renderHistogram($("histogram"), state.units, threshold);
}

async function refresh(map, { refit = false } = {}) {
  const request = ++state.request;
  document.body.dataset.busy = "true";
  $("status").textContent = t("Bezig met berekenen…");
  syncUrl();
  try {
    const [answer, baseline] = await Promise.all([
      fetchCoverage(true),
      hasWhatIf() ? fetchCoverage(false) : Promise.resolve(null),
      loadLocations(),
    ]);
    if (request !== state.request) return;
    state.features = answer.features;
    state.units = answer.features.map((f) => f.properties);
    state.summary = answer.summary;
    state.baseline = baseline ? baseline.summary : null;
    $("attribution").textContent = answer.attribution.join(" · ");
    paint(map);
    $("hover").hidden = true; // its figures were the previous answer's
    if (refit) fitTo(map, state.features);
    $("status").textContent = `${state.units.length} ${t("gebieden")}${answer.query.what_if ? ` · ${t("wat-als: niets bewaard")}` : ""}`;
  } catch (error) {
    if (request === state.request) $("status").textContent = `${t("De cijfers konden niet geladen worden")} (${error.message})`;
  } finally {
    if (request === state.request) document.body.dataset.busy = "false";
  }
}

function wireHover(map) {
  let hovered = null;
  map.on("mousemove", "units-fill", (event) => {
    const feature = event.features[0];
    if (hovered !== null) map.setFeatureState({ source: "units", id: hovered }, { hover: false });
    hovered = feature.id;
    map.setFeatureState({ source: "units", id: hovered }, { hover: true });
    const p = feature.properties;
    const box = $("hover");
    box.hidden = false;
    box.textContent = `${p.name}: ${p.distance_m === "null" || p.distance_m === null ? "–" : km(Math.round(Number(p.distance_m)))}, ${t("zonder aanbod")} ${p.population_uncovered ?? "–"}`;
  });
  map.on("mouseleave", "units-fill", () => {
    if (hovered !== null) map.setFeatureState({ source: "units", id: hovered }, { hover: false });
    hovered = null;
    $("hover").hidden = true;
  });
  map.on("click", (event) => {
    if (state.whatIf) {
      const location = map.queryRenderedFeatures(event.point, { layers: ["locations-points"] })[0];
      if (location) {
        const id = Number(location.id);
        state.removed = state.removed.includes(id) ? state.removed.filter((r) => r !== id) : [...state.removed, id];
      } else {
        state.added.push([event.lngLat.lng, event.lngLat.lat]);
      }
      $("whatif-clear").hidden = !hasWhatIf();
      refresh(map);
      return;
    }
    const hit = map.queryRenderedFeatures(event.point, { layers: ["units-fill"] })[0];
    renderDetails($("details"), hit ? state.units.find((u) => u.code === hit.id) : null);
  });
}

async function start() {
  const view = form.elements.scope.value ? config.gent : config.flanders;
  const map = await createMap($("planning-map"), config.endpoints.basemapStyle, view);
  window.socialeKaart = { map, planning: state }; // the shape the browser-test helpers (tests/e2e/helpers.py) look for
  wireHover(map);
  form.addEventListener("change", (event) => {
    const name = event.target.name;
    if (name === "metric") return paint(map);
    if (name === "rubric") state.removed = []; // location ids of another rubric mean nothing here
    refresh(map, { refit: name === "scope" || name === "level" });
  });
  form.elements.threshold.addEventListener("input", () => {
    $("threshold-value").textContent = km(Number(form.elements.threshold.value));
  });
  $("threshold-value").textContent = km(Number(form.elements.threshold.value));
  $("whatif-toggle").addEventListener("click", () => {
    state.whatIf = !state.whatIf;
    $("whatif-toggle").setAttribute("aria-pressed", String(state.whatIf));
    $("whatif-hint").hidden = !state.whatIf;
    map.getCanvas().style.cursor = state.whatIf ? "crosshair" : "";
  });
  $("whatif-clear").addEventListener("click", () => {
    state.added = [];
    state.removed = [];
    $("whatif-clear").hidden = true;
    refresh(map);
  });
  $("whatif-clear").hidden = !hasWhatIf();
  for (const button of document.querySelectorAll("#worst-table th button")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      state.descending = state.sort === key ? !state.descending : key !== "name" && key !== "covered_share";
      state.sort = key;
      renderTable($("worst-table"), state.units, state.sort, state.descending, (unit) => renderDetails($("details"), unit));
    });
  }
  await refresh(map, { refit: true });
  if (document.body.classList.contains("report")) map.once("idle", () => window.print());
}

window.addEventListener("DOMContentLoaded", start);
