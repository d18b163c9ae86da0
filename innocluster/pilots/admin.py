from django.contrib import admin

from innocluster.pilots.models import Criterion, Feedback, Pilot, Protocol, ProtocolResult, TestSite


class ReadOnly(admin.ModelAdmin):
    """Read-only: sites, pilots and protocols change through their pages and services, which
    check who acts, keep the capacity and write the audit trail."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    readonly_fields = ["name", "unit", "better", "target"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ResultInline(admin.TabularInline):
    model = ProtocolResult
    extra = 0
    readonly_fields = ["criterion", "value", "met"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TestSite)
class TestSiteAdmin(ReadOnly):
    list_display = ["name", "category", "district", "capacity", "organization"]
    list_filter = ["category"]
    search_fields = ["name", "district", "organization__short_name", "organization__inn"]
    list_select_related = ["organization"]


@admin.register(Pilot)
class PilotAdmin(ReadOnly):
    list_display = ["product", "organization", "site", "status", "starts_on", "ends_on", "answer_due"]
    list_filter = ["status", "site__category"]
    search_fields = ["product", "organization__short_name", "organization__inn", "site__name"]
    list_select_related = ["organization", "site"]
    inlines = [CriterionInline]


@admin.register(Protocol)
class ProtocolAdmin(ReadOnly):
    list_display = ["pilot", "version", "conclusion", "submitted_at"]
    list_filter = ["conclusion"]
    list_select_related = ["pilot"]
    inlines = [ResultInline]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnly):
    list_display = ["pilot", "rating", "source", "created_at"]
    list_filter = ["source", "rating"]
    list_select_related = ["pilot"]
