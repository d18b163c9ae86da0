from django.contrib import admin

from innocluster.core.admin import ReadOnlyAdmin
from innocluster.registry.models import RegistryApplication, RegistryEntry


@admin.register(RegistryEntry)
class RegistryEntryAdmin(ReadOnlyAdmin):
    """Read-only: entries come from approvals and end by exclusion on the register page."""

    list_display = ["number", "organization", "category", "included_on", "excluded_on"]
    list_filter = ["category"]
    search_fields = ["organization__short_name", "organization__inn", "number"]
    list_select_related = ["organization"]


@admin.register(RegistryApplication)
class RegistryApplicationAdmin(admin.ModelAdmin):
    list_display = ["pk", "organization", "category", "created_at"]
    search_fields = ["organization__short_name", "organization__inn"]
    list_select_related = ["organization"]

    def has_change_permission(self, request, obj=None):
        return False
