from __future__ import annotations

from typing import Any

from rest_framework import serializers

from layers.gis.tilejson import layer_endpoints
from layers.models import Layer


class LayerSerializer(serializers.ModelSerializer[Layer]):
    category: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    tiles = serializers.SerializerMethodField()
    wfs = serializers.SerializerMethodField()

    class Meta:
        model = Layer
        fields = [
            "slug",
            "title",
            "description",
            "category",
            "colour",
            "icon",
            "sort_order",
            "visible_by_default",
            "tiles",
            "wfs",
        ]

    def _endpoints(self, layer: Layer) -> dict[str, Any]:
        return layer_endpoints(self.context["request"], layer)

    def get_tiles(self, layer: Layer) -> dict[str, Any]:
        return dict(self._endpoints(layer)["tiles"])

    def get_wfs(self, layer: Layer) -> dict[str, str]:
        return dict(self._endpoints(layer)["wfs"])
