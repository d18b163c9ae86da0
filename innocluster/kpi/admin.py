from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from innocluster.core import audit
from innocluster.core.admin import ReadOnlyAdmin
from innocluster.kpi.models import (
    Evidence,
    Indicator,
    Report,
    ReportDraft,
    ReportReminder,
    ReportValue,
    Target,
)
from innocluster.kpi.reminders import REMINDER_LABELS


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["code", "name", "name_en", "unit", "unit_en", "better", "period", "value_kind"]

    def clean_code(self):
        # as `services.create_indicator`: Latin letters, digits, '-' and '_' (the slug field's
        # check), lower case, one indicator per code whatever its case
        code = self.cleaned_data["code"].lower()
        if Indicator.objects.filter(code__iexact=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An indicator with this code exists."))
        return code


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Coordinators define indicators here. The code and the period are fixed once it is created:
    reports, targets and the open data name the indicator by its code, and its targets and reports
    are of its period's kind. Never deleted: reports and targets keep pointing at it."""

    form = IndicatorForm
    list_display = ["code", "name", "unit", "better", "period", "value_kind"]
    list_filter = ["period", "better"]
    search_fields = ["code", "name", "name_en"]

    def get_readonly_fields(self, request, obj=None):
        return ["code", "period"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            audit.record(
                actor=request.user,
                action="kpi.indicator_updated",
                obj=obj,
                data={"fields": form.changed_data},
            )
        else:
            audit.record(actor=request.user, action="kpi.indicator_created", obj=obj, data={"code": obj.code})


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    """Read-only: coordinators set targets through the KPI pages and API (audited)."""

    list_display = [
        "period",
        "organization",
        "indicator",
        "value",
        "tolerance_percent",
        "set_by",
        "updated_at",
    ]
    list_filter = ["period", "indicator"]
    search_fields = ["organization__short_name", "organization__inn", "period"]
    list_select_related = ["organization", "indicator", "set_by"]


class ReportValueInline(admin.TabularInline):
    model = ReportValue
    extra = 0
    can_delete = False
    fields = [
        "indicator",
        "value",
        "known_value",
        "explanation",
        "corrective_action",
        "evidence_link",
        "evidence",
        "return_reason",
    ]
    # the evidence files show by their original names, never as links to the stored file
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Read-only: reports are submitted by the organisations and decided on the report's page; a
    correction is a new version and every version is kept."""

    list_display = [
        "organization",
        "period",
        "version",
        "status",
        "due",
        "late",
        "submitted_at",
        "decided_at",
    ]
    list_filter = ["status", "late", "period"]
    search_fields = ["organization__short_name", "organization__inn", "period"]
    list_select_related = ["organization"]
    date_hierarchy = "submitted_at"
    inlines = [ReportValueInline]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    """Read-only, and without the stored file: evidence is private to the organisation and the
    coordinators, and is downloaded only through the KPI pages, which check who asks."""

    list_display = [
        "original_name",
        "organization",
        "period",
        "indicator",
        "size_shown",
        "created_at",
        "removed_at",
    ]
    list_filter = ["period", "indicator"]
    search_fields = ["original_name", "sha256", "organization__short_name", "organization__inn"]
    list_select_related = ["organization", "indicator"]
    # `file` is left out: the admin would show it as a link to the storage's URL
    fields = [
        "organization",
        "period",
        "indicator",
        "original_name",
        "content_type",
        "size_shown",
        "sha256",
        "uploaded_by",
        "created_at",
        "removed_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("size"), ordering="size")
    def size_shown(self, evidence) -> str:
        return filesizeformat(evidence.size)


@admin.register(ReportDraft)
class ReportDraftAdmin(ReadOnlyAdmin):
    """Read-only: what a participant is typing is theirs to change."""

    list_display = ["organization", "period", "updated_at", "updated_by"]
    list_filter = ["period"]
    search_fields = ["organization__short_name", "organization__inn"]
    list_select_related = ["organization", "updated_by"]


@admin.register(ReportReminder)
class ReportReminderAdmin(ReadOnlyAdmin):
    """Read-only: the record that a reminder went, so that it never goes twice."""

    list_display = ["organization", "period", "which_shown", "sent_on"]
    list_filter = ["which", "period"]
    search_fields = ["organization__short_name", "organization__inn"]
    list_select_related = ["organization"]
    date_hierarchy = "sent_on"
    fields = ["organization", "period", "which_shown", "sent_on"]
    readonly_fields = fields

    @admin.display(description=_("reminder"), ordering="which")
    def which_shown(self, reminder) -> str:
        return str(REMINDER_LABELS.get(reminder.which, reminder.which))
