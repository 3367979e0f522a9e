// The fiche of one organisation: contact, vestigingen with opening hours and "nu open", description,
// doelgroepen, aanbod, personen, moederorganisatie, werkingsgebied on a small map, directions, print.

import { api, isAbort } from "./api.js";
import { $, _, h, replaceChildren, voorbeeldBadge } from "./dom.js";
import { ficheMiniMap } from "./minimap.js";

const link = (href, text, attrs = {}) => h("a", { href, ...attrs }, text);
const external = (href, text) => link(href, text, { rel: "noopener noreferrer", target: "_blank" });
const section = (title, ...content) => h("section", { class: "fiche-section" }, h("h3", {}, title), ...content);

function websiteHref(url) {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`;
}

function openNow(location) {
  if (location.open_now === true) return h("p", { class: "open-now is-open" }, h("span", { "aria-hidden": "true" }, "● "), _("Nu open"));
  if (location.open_now === false) return h("p", { class: "open-now is-closed" }, h("span", { "aria-hidden": "true" }, "○ "), _("Nu gesloten"));
  return null;
}

function openingHours(location) {
  if (!location.opening_hours.length) return location.opening_hours_raw ? h("p", {}, location.opening_hours_raw) : null;
  // One row per day; a day with a lunch break lists both slots.
  const days = new Map();
  for (const slot of location.opening_hours) {
    if (!days.has(slot.weekday)) days.set(slot.weekday, { name: slot.weekday_name, slots: [] });
    days.get(slot.weekday).slots.push(`${slot.opens}–${slot.closes}${slot.note ? ` (${slot.note})` : ""}`);
  }
  return h("table", { class: "hours" },
    h("caption", { class: "visually-hidden" }, _("Openingsuren")),
    h("tbody", {}, [...days.values()].map((day) => h("tr", {},
      h("th", { scope: "row" }, day.name), h("td", {}, day.slots.join(", "))))));
}

function directions(location, name) {
  const { lon, lat } = location.point;
  const osm = `https://www.openstreetmap.org/directions?route=%3B${lat}%2C${lon}#map=17/${lat}/${lon}`;
  const geo = `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(name)})`;
  return h("p", { class: "directions no-print" },
    external(osm, _("Route plannen (OpenStreetMap)")), " · ", link(geo, _("Openen in je kaart-app")));
}

function locationBlock(location, organisation) {
  return h("li", { class: "location" },
    location.name ? h("h4", {}, location.name) : null,
    location.address ? h("p", { class: "address" }, location.address) : null,
    location.is_main && organisation.locations.length > 1 ? h("p", { class: "hint" }, _("Hoofdvestiging")) : null,
    location.phone ? h("p", {}, `${_("Telefoon")}: `, link(`tel:${location.phone.replace(/\s/g, "")}`, location.phone)) : null,
    location.email ? h("p", {}, `${_("E-mail")}: `, link(`mailto:${location.email}`, location.email)) : null,
    openNow(location),
    openingHours(location),
    location.opening_hours_note ? h("p", {}, location.opening_hours_note) : null,
    location.accessibility ? h("p", {}, `${_("Toegankelijkheid")}: ${location.accessibility}`) : null,
    location.point ? directions(location, organisation.name) : null);
}

function contact(organisation) {
  const rows = [
    ...organisation.phones.map((phone) => h("li", {}, phone.label ? `${phone.label}: ` : `${_("Telefoon")}: `,
      link(`tel:${phone.number.replace(/\s/g, "")}`, phone.number))),
    organisation.email ? h("li", {}, `${_("E-mail")}: `, link(`mailto:${organisation.email}`, organisation.email)) : null,
    organisation.website ? h("li", {}, `${_("Website")}: `, external(websiteHref(organisation.website), organisation.website)) : null,
  ].filter(Boolean);
  return rows.length ? section(_("Contact"), h("ul", { class: "plain" }, rows)) : null;
}

function services(organisation) {
  if (!organisation.services.length) return null;
  const detail = (label, text) => (text ? h("p", {}, h("strong", {}, `${label}: `), text) : null);
  return section(_("Aanbod en activiteiten"), h("ul", { class: "plain services" }, organisation.services.map((service) =>
    h("li", {}, h("h4", {}, service.name), service.description ? h("p", {}, service.description) : null,
      detail(_("Voorwaarden"), service.eligibility), detail(_("Kostprijs"), service.fees),
      detail(_("Hoe aanvragen"), service.application_process),
      service.service_area ? detail(_("Werkingsgebied"), service.service_area.name) : null))));
}

function persons(organisation) {
  if (!organisation.contacts.length) return null;
  return section(_("Contactpersonen"), h("ul", { class: "plain" }, organisation.contacts.map((person) => h("li", {},
    h("strong", {}, person.name), person.role ? ` – ${person.role}` : "",
    person.visibility === "professional" ? h("span", { class: "badge" }, _("enkel voor hulpverleners")) : null,
    person.phone ? h("span", {}, " · ", link(`tel:${person.phone.replace(/\s/g, "")}`, person.phone)) : null,
    person.email ? h("span", {}, " · ", link(`mailto:${person.email}`, person.email)) : null))));
}

function professional(organisation) {
  const fields = [[_("Mogelijkheden"), organisation.pro_possibilities], [_("Beperkingen"), organisation.pro_limits],
    [_("Doorverwijstips"), organisation.pro_referral_tips]].filter(([, text]) => text);
  return fields.length ? section(_("Voor hulpverleners"), fields.map(([label, text]) => h("p", {}, h("strong", {}, `${label}: `), text))) : null;
}

function relations(organisation, ctx) {
  const ref = (org) => h("span", {}, link(ctx.ficheHref(org.id), org.name, { dataset: { fiche: org.id } }),
    org.voorbeeld ? [" ", voorbeeldBadge(org.voorbeeld_label)] : null);
  const parts = [];
  if (organisation.parent) parts.push(h("p", {}, `${_("Moederorganisatie")}: `, ref(organisation.parent)));
  if (organisation.children.length) {
    parts.push(h("p", {}, `${_("Afdelingen en deelwerkingen")}:`), h("ul", { class: "plain" }, organisation.children.map((c) => h("li", {}, ref(c)))));
  }
  return parts.length ? section(_("Organisatie"), parts) : null;
}

export function renderFiche(organisation, ctx) {
  const heading = h("h2", { class: "fiche-name", tabindex: "-1" }, organisation.name);
  const area = organisation.service_area;
  const mapBox = area || organisation.locations.some((l) => l.point) ? h("div", { class: "fiche-map", role: "img",
    "aria-label": area ? `${_("Werkingsgebied")}: ${area.name}` : _("Ligging van de vestigingen") }) : null;
  const article = h("div", { class: "fiche-content" },
    h("div", { class: "fiche-actions no-print" },
      h("button", { type: "button", class: "button-secondary", onclick: () => ctx.closeFiche() }, "← ", _("Terug")),
      h("button", { type: "button", class: "button-secondary", onclick: () => window.print() }, _("Afdrukken"))),
    heading,
    organisation.voorbeeld ? h("p", { class: "voorbeeld-note" }, voorbeeldBadge(organisation.voorbeeld_label), " ", organisation.voorbeeld_label) : null,
    organisation.alternate_names.length ? h("p", { class: "hint" }, `${_("Ook bekend als")}: ${organisation.alternate_names.join(", ")}`) : null,
    organisation.categories.length ? h("p", { class: "categories" }, organisation.categories.map((c) => c.name).join(" · ")) : null,
    organisation.operational_status !== "active" ? h("p", { class: "badge badge-status" },
      organisation.operational_status === "inactive" ? _("Stopgezet") : _("Tijdelijk gesloten")) : null,
    organisation.description ? section(_("Werking"), h("p", { class: "description" }, organisation.description)) : null,
    contact(organisation),
    organisation.locations.length ? section(organisation.locations.length > 1 ? _("Vestigingen") : _("Adres en openingsuren"),
      h("ul", { class: "plain locations" }, organisation.locations.map((l) => locationBlock(l, organisation)))) : null,
    organisation.target_groups.length ? section(_("Doelgroepen"), h("p", {}, organisation.target_groups.map((g) => g.name).join(", "))) : null,
    services(organisation),
    persons(organisation),
    professional(organisation),
    relations(organisation, ctx),
    area || mapBox ? section(_("Werkingsgebied"), area ? h("p", {}, area.name) : h("p", { class: "hint" },
      _("Geen werkingsgebied opgegeven.")), mapBox) : null,
    organisation.source ? h("footer", { class: "fiche-source" }, `${_("Bron")}: ${organisation.source.attribution}`,
      organisation.source.licence ? ` (${organisation.source.licence})` : "",
      organisation.last_verified ? ` · ${_("nagekeken op")} ${organisation.last_verified}` : "") : null,
    h("p", { class: "print-only" }, `${_("Afgedrukt van")} ${window.location.href}`));
  return { article, heading, mapBox };
}

export function createFiche(ctx) {
  const container = $("#fiche");
  let shownId = null;
  let mini = null;

  async function show(id) {
    if (shownId === id && !container.hidden) return null;
    shownId = id;
    container.hidden = false;
    ctx.listElement.hidden = true;
    replaceChildren(container, h("p", { class: "loading" }, _("Fiche laden…")));
    let organisation;
    try {
      organisation = await api.organisation(id);
    } catch (error) {
      if (isAbort(error)) return null;
      replaceChildren(container, h("p", { class: "error", role: "alert" }, error.message),
        h("button", { type: "button", onclick: () => ctx.closeFiche() }, _("Terug")));
      return null;
    }
    const { article, heading, mapBox } = renderFiche(organisation, ctx);
    mini?.remove();
    replaceChildren(container, article);
    heading.focus({ preventScroll: false });
    document.title = `${organisation.name} – ${ctx.siteName}`;
    if (mapBox) mini = ficheMiniMap(mapBox, organisation, ctx.ownStyle);
    ctx.announce(`${_("Fiche")}: ${organisation.name}`);
    return organisation;
  }

  function hide() {
    if (container.hidden) return;
    shownId = null;
    mini?.remove();
    mini = null;
    container.hidden = true;
    ctx.listElement.hidden = false;
    replaceChildren(container);
    document.title = ctx.pageTitle;
  }

  return { show, hide };
}
