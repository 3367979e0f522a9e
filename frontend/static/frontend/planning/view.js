// The figures beside the map: summary (with the before/after of a what-if), legend, worst units, histogram.
import { COLOURS, NO_DATA, km } from "./classes.js";

const t = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);
const number = (value) => (value === null || value === undefined ? "–" : Math.round(value).toLocaleString("nl-BE"));
const percent = (value) => (value === null || value === undefined ? "–" : `${(value * 100).toLocaleString("nl-BE", { maximumFractionDigits: 1 })} %`);

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

export function renderLegend(container, title, labels) {
  container.replaceChildren(element("h3", {}, title));
  const list = element("ul");
  labels.forEach((label, index) => {
    const item = element("li");
    item.append(element("span", { class: "swatch", style: `background:${COLOURS[index]}` }), element("span", {}, label));
    list.append(item);
  });
  const none = element("li");
  none.append(element("span", { class: "swatch", style: `background:${NO_DATA}` }), element("span", {}, t("geen gegevens")));
  list.append(none);
  container.append(list);
}

function summaryRows(summary, threshold) {
  const beyond = summary.beyond.find((row) => row.threshold_m === threshold) || {};
  return [
    ["population", t("Inwoners"), number(summary.population)],
    ["population_uncovered", t("Inwoners buiten elk werkingsgebied"), number(summary.population_uncovered)],
    ["units_uncovered", t("Gebieden zonder aanbod"), `${summary.units_uncovered} / ${summary.units}`],
    ["distance_mean_m", t("Gemiddelde afstand"), summary.distance_mean_m === null ? "–" : km(Math.round(summary.distance_mean_m))],
    ["distance_median_m", t("Mediaan afstand"), summary.distance_median_m === null ? "–" : km(Math.round(summary.distance_median_m))],
    ["distance_p90_m", t("90e percentiel afstand"), summary.distance_p90_m === null ? "–" : km(Math.round(summary.distance_p90_m))],
    ["beyond", `${t("Inwoners verder dan")} ${km(threshold)}`, `${number(beyond.population)} (${percent(beyond.population_share)})`],
    // with the BeST register loaded: the same questions asked from every address point, not one point per unit
    ...(summary.address_points_used
      ? [
          ["address_distance_mean_m", t("Gemiddelde afstand vanaf de adressen"), km(Math.round(summary.address_distance_mean_m ?? 0))],
          ["beyond_by_address", `${t("Inwoners verder dan")} ${km(threshold)} (${t("volgens adrespunten")})`,
            `${number(beyond.population_by_address)} (${percent(beyond.population_by_address_share)})`],
        ]
      : []),
  ];
}

export function renderSummary(list, note, summary, threshold, before) {
  const previous = before ? Object.fromEntries(summaryRows(before, threshold).map(([key, , value]) => [key, value])) : {};
  list.replaceChildren();
  for (const [key, label, value] of summaryRows(summary, threshold)) {
    const dd = element("dd", { "data-figure": key });
    if (previous[key] !== undefined && previous[key] !== value) dd.append(element("span", { class: "was" }, previous[key]));
    dd.append(document.createTextNode(value));
    list.append(element("dt", {}, label), dd);
  }
  const notes = [];
  if (summary.population_estimated) notes.push(t("Bevolking per gebied is geschat: het gemeentetotaal is naar oppervlakte verdeeld."));
  if (summary.units_without_population) notes.push(`${summary.units_without_population} ${t("gebieden zonder bevolkingscijfer (niet meegeteld).")}`);
  if (!summary.address_points) notes.push(t("Afstanden vanaf één punt per gebied; laad het adressenregister voor afstanden vanaf elk adres."));
  else if (summary.address_points_used < summary.address_points) notes.push(t("Afstanden vanaf de adressen: een steekproef van hoogstens 400 adressen per gebied."));
  if (summary.units_without_location === summary.units) notes.push(t("Geen enkele vestiging van deze rubriek heeft een adres op de kaart: geen afstanden."));
  note.textContent = notes.join(" ");
}

export function renderDetails(container, unit) {
  if (!unit) return container.replaceChildren();
  container.replaceChildren(
    element("h3", {}, unit.name),
    element("p", {}, `${t("Gemeente")}: ${unit.municipality_name}`),
    element("p", {}, `${t("Afstand tot de dichtste vestiging")}: ${unit.distance_m === null ? "–" : km(Math.round(unit.distance_m))}`),
    ...(unit.address_points_used
      ? [element("p", {}, `${t("Vanaf de adressen")} (${number(unit.address_points)}): ${t("mediaan")} ${km(Math.round(unit.address_distance_median_m ?? 0))}, ${t("90e percentiel")} ${km(Math.round(unit.address_distance_p90_m ?? 0))}`)]
      : []),
    element("p", {}, `${t("Gedekt deel")}: ${percent(unit.covered_share)} · ${t("organisaties")}: ${unit.organisations}`),
    element("p", {}, `${t("Inwoners")}: ${number(unit.population)} (${unit.population_source_label}); ${t("zonder aanbod")}: ${number(unit.population_uncovered)}`),
  );
}

export function renderTable(table, units, sortKey, descending, onPick) {
  const rows = [...units].sort((a, b) => {
    const x = a[sortKey] ?? Infinity;
    const y = b[sortKey] ?? Infinity;
    const order = typeof x === "string" ? x.localeCompare(y, "nl") : x - y;
    return descending ? -order : order;
  });
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const unit of rows.slice(0, 15)) {
    const row = element("tr");
    const name = element("td");
    const link = element("button", { type: "button", class: "link" }, unit.name);
    link.addEventListener("click", () => onPick(unit));
    name.append(link);
    row.append(name, element("td", {}, number(unit.distance_m)), element("td", {}, number(unit.population_uncovered)),
      element("td", {}, percent(unit.covered_share)), element("td", {}, String(unit.organisations)));
    body.append(row);
  }
  for (const th of table.tHead.rows[0].cells) {
    const key = th.querySelector("button").dataset.sort;
    if (key === sortKey) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    else th.removeAttribute("aria-sort");
  }
}

let chart = null;

export function renderHistogram(container, units, threshold) {
  const binWidth = Math.max(250, threshold / 4);
  const distances = units.map((u) => u.distance_m).filter((d) => d !== null);
  const bins = Math.min(40, Math.max(1, Math.ceil((Math.max(0, ...distances) + 1) / binWidth)));
  const xs = Array.from({ length: bins }, (_, i) => (i * binWidth) / 1000);
  const counts = new Array(bins).fill(0);
  for (const d of distances) counts[Math.min(bins - 1, Math.floor(d / binWidth))] += 1;
  if (chart) chart.destroy();
  const width = Math.max(300, container.clientWidth || 600);
  chart = new window.uPlot(
    {
      width,
      height: 200,
      scales: { x: { time: false } },
      axes: [{ label: t("km (begin van de klasse)") }, { label: t("gebieden") }],
      series: [{ label: "km" }, { label: t("gebieden"), fill: "rgba(59,82,139,0.6)", stroke: "#3b528b", paths: window.uPlot.paths.bars({ size: [0.9] }) }],
      legend: { show: false },
    },
    [xs, counts],
    container,
  );
  container.dataset.bins = String(bins);
}
