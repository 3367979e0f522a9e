// Classed colour scales for the choropleth. Viridis (5 classes) is readable with every common colour-vision
// deficiency and in greyscale print; dark = worse.
export const COLOURS = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"];
export const NO_DATA = "#d9d9d9";

function km(metres) {
  return metres >= 1000 ? `${(metres / 1000).toLocaleString("nl-BE", { maximumFractionDigits: 1 })} km` : `${metres} m`;
}

/** Breaks (upper bounds of the first four classes) and their labels, for the metric and threshold. */
export function classesFor(metric, units, threshold) {
  if (metric === "distance_m") {
    const breaks = [threshold / 2, threshold, threshold * 2, threshold * 4];
    const labels = [
      `< ${km(breaks[0])}`,
      `${km(breaks[0])} – ${km(breaks[1])}`,
      `${km(breaks[1])} – ${km(breaks[2])}`,
      `${km(breaks[2])} – ${km(breaks[3])}`,
      `> ${km(breaks[3])}`,
    ];
    return { breaks, labels };
  }
  const values = units.map((u) => u[metric]).filter((v) => v !== null && v > 0).sort((a, b) => a - b);
  const at = (q) => (values.length ? values[Math.min(values.length - 1, Math.floor(q * values.length))] : 0);
  const breaks = [0, at(0.33), at(0.66), at(0.9)];
  const fmt = (v) => Math.round(v).toLocaleString("nl-BE");
  const labels = [
    "0",
    `1 – ${fmt(breaks[1])}`,
    `${fmt(breaks[1])} – ${fmt(breaks[2])}`,
    `${fmt(breaks[2])} – ${fmt(breaks[3])}`,
    `> ${fmt(breaks[3])}`,
  ];
  return { breaks, labels };
}

export function classOf(value, breaks) {
  if (value === null || value === undefined) return -1;
  const index = breaks.findIndex((limit) => value <= limit);
  return index === -1 ? breaks.length : index;
}

export { km };
