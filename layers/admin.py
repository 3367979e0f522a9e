from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from layers.models import Layer


@admin.register(Layer)
class LayerAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "category", "swatch", "icon", "sort_order", "visible_by_default", "is_published"]
    list_editable = ["sort_order", "visible_by_default", "is_published"]
    list_select_related = ["category"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    ordering = ["sort_order", "title"]

    @admin.display(description=_("kleur"))
    def swatch(self, obj: Layer) -> str:
        return format_html(
            '<span style="display:inline-block;width:1.2em;height:1.2em;background:{};border:1px solid #999;'
            'vertical-align:middle"></span> {}',
            obj.colour,
            obj.colour,
        )
