from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.core import audit
from innocluster.core.admin import ReadOnlyAdmin
from innocluster.measures.models import AnnualLedger, Measure, MeasureApplication, MeasureVersion
from innocluster.measures.quote import validate_rules


class MeasureVersionForm(forms.ModelForm):
    class Meta:
        model = MeasureVersion
        fields = ["measure", "effective_from", "rules", "note"]

    def clean_rules(self):
        rules = self.cleaned_data["rules"]
        problems = validate_rules(rules)
        if problems:
            raise forms.ValidationError(problems)
        return rules

    def clean_effective_from(self):
        value = self.cleaned_data["effective_from"]
        if value < timezone.localdate():
            # Applications already submitted keep the version they were submitted under; a version
            # dated in the past would still change what a draft or a calculator shows for past dates.
            raise forms.ValidationError(_("A new version takes effect today or later."))
        return value


@admin.register(MeasureVersion)
class MeasureVersionAdmin(admin.ModelAdmin):
    """Coordinators add versions; a version once saved is never edited (decided applications
    point at it), so a change is a new version from a date."""

    form = MeasureVersionForm
    list_display = ["measure", "effective_from", "note", "created_by", "created_at"]
    list_filter = ["measure"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="measure.version_added",
            obj=obj.measure,
            data={"effective_from": obj.effective_from.isoformat(), "note": obj.note},
        )


class VersionInline(admin.TabularInline):
    model = MeasureVersion
    extra = 0
    can_delete = False
    fields = ["effective_from", "note", "rules"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "title_ru", "applicant_kind", "review_days", "is_active"]
    readonly_fields = ["code"]
    inlines = [VersionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user, action="measure.updated", obj=obj, data={"fields": form.changed_data}
        )


@admin.register(MeasureApplication)
class MeasureApplicationAdmin(ReadOnlyAdmin):
    """Read-only: applications change through the desk and the application's page."""

    list_display = ["pk", "measure", "organization", "person", "requested_amount", "approved_amount"]
    list_filter = ["measure"]
    search_fields = ["organization__short_name", "organization__inn", "person__email"]
    list_select_related = ["measure", "organization", "person"]


@admin.register(AnnualLedger)
class AnnualLedgerAdmin(ReadOnlyAdmin):
    list_display = ["measure", "year", "organization", "person", "used", "limit"]
    list_filter = ["measure", "year"]
