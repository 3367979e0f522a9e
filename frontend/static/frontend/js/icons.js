// Marker shapes: each rubric layer gets its colour AND its own shape, so colour is never the only signal.
// The same SVG paths draw the legend swatches and (through Path2D on a canvas) the map icons.

const SHAPES = {
  circle: "M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z",
  square: "M4 4h16v16h-16z",
  diamond: "M12 2l10 10l-10 10l-10-10z",
  triangle: "M12 2l10 18h-20z",
  "triangle-down": "M2 4h20l-10 18z",
  hexagon: "M12 2l9 5v10l-9 5l-9-5v-10z",
  pentagon: "M12 2l10 7.3l-3.8 11.7h-12.4l-3.8-11.7z",
  star: "M12 1.5l3.1 6.6l7.2.9l-5.3 5l1.4 7.1l-6.4-3.6l-6.4 3.6l1.4-7.1l-5.3-5l7.2-.9z",
  cross: "M8.5 2h7v6.5h6.5v7h-6.5v6.5h-7v-6.5h-6.5v-7h6.5z",
  octagon: "M8 2h8l6 6v8l-6 6h-8l-6-6v-8z",
};
const ORDER = ["circle", "square", "diamond", "triangle", "hexagon", "star", "pentagon", "triangle-down", "cross",
  "octagon"];

export function shapeFor(index) {
  return ORDER[index % ORDER.length];
}

// An inline SVG swatch for the legend and the lists (aria-hidden: the text next to it says what it is).
export function swatch(shape, colour, size = 18) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", size);
  svg.setAttribute("height", size);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.classList.add("swatch");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", SHAPES[shape]);
  path.setAttribute("fill", colour);
  path.setAttribute("stroke", "#1a1a1a");
  path.setAttribute("stroke-width", "1.5");
  path.setAttribute("stroke-linejoin", "round");
  svg.append(path);
  return svg;
}

// A map icon: the shape in the layer's colour, a white rim and a dark outline (3:1 against any base map).
function shapeImage(shape, colour, pixelRatio) {
  const size = 24 * pixelRatio;
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext("2d");
  context.scale(pixelRatio * 0.84, pixelRatio * 0.84);
  context.translate(2.3, 2.3);
  const path = new Path2D(SHAPES[shape]);
  context.lineJoin = "round";
  context.lineWidth = 4;
  context.strokeStyle = "#1a1a1a";
  context.stroke(path);
  context.lineWidth = 2;
  context.strokeStyle = "#ffffff";
  context.stroke(path);
  context.fillStyle = colour;
  context.fill(path);
  return context.getImageData(0, 0, size, size);
}

export function addShapeIcon(map, name, shape, colour) {
  if (map.hasImage(name)) map.removeImage(name);
  const pixelRatio = Math.max(2, Math.ceil(window.devicePixelRatio || 1));
  map.addImage(name, shapeImage(shape, colour, pixelRatio), { pixelRatio });
}
