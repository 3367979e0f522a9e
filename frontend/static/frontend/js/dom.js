// Small DOM helpers. Text from the API is only ever set as text (never as HTML).

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

// h("a", {href: "#", class: "x", onclick: fn}, "text", child) -> element
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      element.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(key, "");
    } else {
      element.setAttribute(key, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === "") continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

// Django's JavaScript catalogue (jsi18n) defines gettext/ngettext/interpolate; fall back to the source text.
export function _(text) {
  return typeof window.gettext === "function" ? window.gettext(text) : text;
}

export function ngettext(singular, plural, count) {
  if (typeof window.ngettext === "function") return window.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

// interpolate("%(n)s resultaten", {n: 3})
export function fmt(text, values) {
  return text.replace(/%\((\w+)\)s/g, (_match, key) => String(values[key] ?? ""));
}

const numberFormat = new Intl.NumberFormat("nl-BE", { maximumFractionDigits: 1 });

export function distanceText(metres) {
  if (metres === null || metres === undefined) return "";
  if (metres < 1000) return `${Math.round(metres)} m`;
  return `${numberFormat.format(metres / 1000)} km`;
}

export function voorbeeldBadge(label) {
  return h("span", { class: "badge badge-voorbeeld", title: label || _("Gegenereerd voorbeeldrecord, geen echte organisatie") },
    _("Voorbeeld"));
}

export function debounce(fn, wait) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}
