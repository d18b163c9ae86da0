from django.contrib import admin

from innocluster.consortia.models import Consortium, ConsortiumMember, JointProject


class MemberInline(admin.TabularInline):
    model = ConsortiumMember
    extra = 0
    can_delete = False
    readonly_fields = ["organization", "role", "left_at"]

    def has_add_permission(self, request, obj=None):
        return False


class ProjectInline(admin.TabularInline):
    model = JointProject
    extra = 0
    can_delete = False
    readonly_fields = ["title", "description"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Consortium)
class ConsortiumAdmin(admin.ModelAdmin):
    """Read-only: consortia change through their pages and the review desk."""

    list_display = ["name", "coordinator", "below_minimum_since", "created_at"]
    search_fields = ["name", "coordinator__short_name"]
    list_select_related = ["coordinator"]
    readonly_fields = [
        "name",
        "description",
        "areas",
        "coordinator",
        "case",
        "below_minimum_since",
        "created_by",
    ]
    inlines = [MemberInline, ProjectInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
