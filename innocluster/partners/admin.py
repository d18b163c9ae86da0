from django.contrib import admin

from innocluster.core import audit
from innocluster.partners import search
from innocluster.partners.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Coordinators keep the synonyms partner search applies to queries; the next search reads
    the change (the index generation moves)."""

    list_display = ["terms", "note", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["terms", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="partners.synonym_saved",
            obj=obj,
            data={"terms": obj.terms, "active": obj.is_active},
        )
        search.changed()

    def delete_model(self, request, obj):
        audit.record(
            actor=request.user, action="partners.synonym_deleted", obj=obj, data={"terms": obj.terms}
        )
        super().delete_model(request, obj)
        search.changed()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
