"""Helpers of the browser tests: waiting for the page, reading what the map drew, clicking on the map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

IDLE = """() => new Promise((resolve) => {
  // A repaint then `idle`: resolves after the next frame once nothing is loading (map.loaded() can stay
  // false after a GeoJSON update until something else redraws).
  const map = window.socialeKaart.map;
  map.once("idle", resolve);
  map.triggerRepaint();
})"""


def settle(page: Any) -> None:
    """Wait until the page has applied its URL state: lists, forms and fiche are up to date."""
    page.wait_for_function("document.body.dataset.busy === 'false' && window.socialeKaart?.map")


def map_idle(page: Any) -> None:
    """Wait until the map has drawn every tile and marker (before asserting on what it shows)."""
    settle(page)
    page.evaluate(IDLE)


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def rendered(page: Any, layers: list[str]) -> list[dict[str, Any]]:
    """Properties of the features the map has drawn in these layers (what the user sees)."""
    return list(
        page.evaluate(
            """(layers) => {
              const map = window.socialeKaart.map;
              const present = layers.filter((id) => map.getLayer(id));
              return map.queryRenderedFeatures({ layers: present })
                .map((f) => ({ layer: f.layer.id, ...f.properties }));
            }""",
            layers,
        )
    )


def map_pixel(page: Any, lon: float, lat: float) -> tuple[float, float]:
    """Page coordinates of a point on the map, for a click."""
    x, y = page.evaluate(
        """([lon, lat]) => {
          const map = window.socialeKaart.map;
          const p = map.project([lon, lat]);
          const box = map.getContainer().getBoundingClientRect();
          return [p.x + box.left, p.y + box.top];
        }""",
        [lon, lat],
    )
    return float(x), float(y)


def listed_organisations(page: Any) -> list[int]:
    return [int(org) for org in page.eval_on_selector_all("#results .result", "items => items.map(i => i.dataset.org)")]
