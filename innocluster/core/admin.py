from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from innocluster.core import audit
from innocluster.core.audit_actions import (
    all_audit_actions,
    describe_event,
    object_label,
    state_label,
    with_object_numbers,
)
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


class PersonalDataReadAdmin:
    """A change page that shows someone's personal data (SPEC §3: every staff read of it is in the
    audit log): the read is logged when the page is shown, that is after Django's own permission
    check (a refused page read nothing). `personal_data_reason(request, obj)` says why it is read,
    or None where the page shows nothing private."""

    def personal_data_reason(self, request, obj) -> str | None:
        return None  # each admin that shows someone's data says why it is read

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and request.method == "GET":
            reason = self.personal_data_reason(request, obj)
            if reason:
                audit.record_personal_data_access(actor=request.user, obj=obj, reason=reason)
        return super().render_change_form(request, context, add, change, form_url, obj)


class ActionFilter(admin.SimpleListFilter):
    """The actions by their labels, not their codes."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return list(all_audit_actions().items())

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class ObjectTypeFilter(admin.SimpleListFilter):
    """The kinds of objects by their nouns ("заявка"), not "reviews.reviewcase"."""

    title = _("object")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        kinds = AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()
        return sorted(((kind, str(object_label(kind, ""))) for kind in kinds), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the log is append-only (and the database refuses changes anyway)."""

    list_display = ["at", "actor", "what", "about"]
    list_filter = [ActionFilter, ObjectTypeFilter]
    search_fields = ["object_id", "action", "comment", "actor__email", "actor__full_name"]
    list_select_related = ["actor"]
    # an event's page in words, as its line in the list (the codes stay in the data and the API)
    fields = ["at", "actor", "what", "about", "change", "comment", "data"]
    readonly_fields = fields

    @admin.display(description=_("Change of status"))
    def change(self, event) -> str:
        if not (event.from_state or event.to_state):
            return "—"
        before, after = (
            state_label(s, event.action) if s else "—" for s in (event.from_state, event.to_state)
        )
        return f"{before} → {after}"

    @admin.display(description=_("What"))
    def what(self, event) -> str:
        """The event as a sentence ("Статус изменён: Подана"), as the back office shows it."""
        return describe_event(event)

    @admin.display(description=_("Object"))
    def about(self, event) -> str:
        return object_label(event.object_type, getattr(event, "object_number", None) or event.object_id)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.result_list = with_object_numbers(changelist.result_list)
        return changelist


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]
