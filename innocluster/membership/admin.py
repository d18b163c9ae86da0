from django.contrib import admin

from innocluster.membership.models import MembershipApplication, Participation


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["number", "organization", "since"]
    search_fields = ["organization__short_name", "organization__inn", "number"]
    list_select_related = ["organization"]
    readonly_fields = ["organization", "number", "since", "application", "admitted_by"]

    def has_add_permission(self, request):
        return False  # admitted only by approving an application

    def has_delete_permission(self, request, obj=None):
        return False  # numbers are never reused


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ["pk", "organization", "contact_name", "created_at"]
    search_fields = ["organization__short_name", "organization__inn"]
    list_select_related = ["organization"]
    readonly_fields = ["case", "organization", "consent_at"]
