from django.contrib import admin

from innocluster.reviews.models import ReviewCase


@admin.register(ReviewCase)
class ReviewCaseAdmin(admin.ModelAdmin):
    """Read-only here: states change only through the desk's transition function."""

    list_display = ["pk", "kind", "title", "status", "submitted_on", "review_due", "assignee"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "organization__inn"]
    list_select_related = ["assignee"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
