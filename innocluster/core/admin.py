from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from innocluster.core.models import AuditEvent, CalendarOverride, Notification

# The back office is the cluster's own, in the staff member's language: not "Django administration".
admin.site.site_header = _("InnoCluster — administration")
admin.site.site_title = _("InnoCluster administration")
admin.site.index_title = _("Cluster administration")


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working", "reason"]
    list_filter = ["is_working"]
    date_hierarchy = "date"

    def get_actions(self, request):
        # the bulk delete would skip delete_model and so the audit
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        from innocluster.core import audit

        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user, action="calendar.override_saved", obj=obj, to_state=str(obj.is_working)
        )

    def delete_model(self, request, obj):
        from innocluster.core import audit

        audit.record(
            actor=request.user, action="calendar.override_deleted", obj=obj, from_state=str(obj.is_working)
        )
        super().delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For what changes only through the platform's services (and their audit): the back office
    shows it, and nobody adds, edits or deletes it there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the log is append-only (and the database refuses changes anyway)."""

    list_display = ["at", "actor", "action", "object_type", "object_id", "from_state", "to_state"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "action", "comment"]
    list_select_related = ["actor"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]
