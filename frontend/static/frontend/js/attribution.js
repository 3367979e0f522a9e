// Attribution of what is on the map, as the licences require: the base map's sources and those of every
// rubric layer that is switched on (from their TileJSON). Sources list several credits joined by " · ";
// each credit is shown once however many layers share it.

import { _, h } from "./dom.js";

export class SourcesControl {
  onAdd(map) {
    this.map = map;
    this.list = h("ul", { class: "attribution-list" });
    this.summary = h("summary", {}, _("Bronnen van de kaart"));
    this.container = h("details", { class: "maplibregl-ctrl attribution" }, this.summary, this.list);
    this.update = this.update.bind(this);
    map.on("styledata", this.update);
    map.on("sourcedata", this.update);
    map.on("moveend", this.update);
    map.on("sk-attribution", this.update);
    return this.container;
  }

  onRemove() {
    for (const event of ["styledata", "sourcedata", "moveend", "sk-attribution"]) this.map.off(event, this.update);
    this.container.remove();
  }

  credits() {
    const style = this.map.getStyle();
    if (!style) return [];
    const used = new Set(style.layers
      .filter((layer) => layer.source && (layer.layout?.visibility ?? "visible") !== "none")
      .map((layer) => layer.source));
    const credits = [];
    for (const id of used) {
      const text = this.map.getSource(id)?.attribution;
      if (text) credits.push(...text.split(" · ").map((part) => part.trim()).filter(Boolean));
    }
    return [...new Set(credits)];
  }

  update() {
    const credits = this.credits();
    const key = credits.join("\n");
    if (key === this.key) return;
    this.key = key;
    // Credits may contain links (external base map styles); MapLibre's own control shows them as HTML too,
    // but ours come from our own database or the configured style, so text is enough and safer.
    this.summary.textContent = `${_("Bronnen van de kaart")} (${credits.length})`;
    this.list.replaceChildren(...credits.map((credit) => h("li", {}, credit.replace(/<[^>]*>/g, ""))));
  }
}
