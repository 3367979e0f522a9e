// What "Wie bedient dit adres?" and "Dichtstbij" share: a point from an address (asking which one when the
// address is ambiguous), from a click on the map or from the device's location.

import { api, ApiError, isAbort } from "./api.js";
import { _, fmt, h, replaceChildren } from "./dom.js";
import { combobox } from "./autocomplete.js";
import { whereSuggestions } from "./search.js";
import { lonLat, lonLatText } from "./state.js";

export function addressCombobox(input) {
  combobox(input, {
    suggest: async (text) => whereSuggestions(await api.suggestWhere(text)),
    onChoose: () => {},
  });
}

export function pointLabel(state) {
  const point = lonLat(state.at);
  if (state.address) return state.address;
  if (point) return fmt(_("Punt op de kaart (%(lat)s, %(lon)s)"), { lat: point[1].toFixed(5), lon: point[0].toFixed(5) });
  return "";
}

// The list of candidates when the geocoder found several equally good addresses.
export function candidatesBlock(candidates, ctx) {
  return h("div", { class: "candidates", role: "group", "aria-labelledby": "candidates-title" },
    h("h2", { id: "candidates-title", tabindex: "-1" }, _("Welk adres bedoel je?")),
    h("p", {}, _("Het adres is niet eenduidig. Kies een van deze plaatsen:")),
    h("ul", { class: "plain" }, candidates.map((candidate) => h("li", {},
      h("button", {
        type: "button", class: "button-secondary candidate",
        onclick: () => ctx.setState({ at: lonLatText([candidate.lon, candidate.lat]), address: candidate.label, sel: null, fiche: null }),
      }, candidate.label)))));
}

export function errorBlock(list, error) {
  const message = error instanceof ApiError && error.fields.address ? [].concat(error.fields.address).join(" ") : error.message;
  replaceChildren(list, h("p", { class: "error", role: "alert" }, message));
}

// Device location, when the user allows it.
export function useDeviceLocation(ctx, mode, button) {
  if (!navigator.geolocation) {
    ctx.announce(_("Deze browser kan je locatie niet bepalen."));
    return;
  }
  button.disabled = true;
  navigator.geolocation.getCurrentPosition(
    (position) => {
      button.disabled = false;
      ctx.setState({ mode, at: lonLatText([position.coords.longitude, position.coords.latitude]),
        address: _("Mijn locatie"), sel: null, fiche: null });
    },
    () => {
      button.disabled = false;
      ctx.announce(_("Je locatie kon niet bepaald worden. Typ een adres of klik op de kaart."));
    },
    { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 });
}

// An address without a point yet: geocode it (through who-serves, the API's only geocoding endpoint).
export async function geocodeAddress(ctx, state, list) {
  try {
    const answer = await api.geocode(state.address);
    if (answer.status === "ambiguous") {
      replaceChildren(list, candidatesBlock(answer.candidates, ctx));
      list.querySelector("h2")?.focus();
      return null;
    }
    return { at: lonLatText([answer.point.lon, answer.point.lat]), label: answer.geocoded?.label || state.address };
  } catch (error) {
    if (!isAbort(error)) errorBlock(list, error);
    return null;
  }
}
