from django.contrib import admin

from innocluster.core.admin import ReadOnlyAdmin
from innocluster.reviews.models import ReviewCase


@admin.register(ReviewCase)
class ReviewCaseAdmin(ReadOnlyAdmin):
    """Read-only here: states change only through the desk's transition function."""

    list_display = ["pk", "kind", "title", "status", "submitted_on", "review_due", "assignee"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "organization__inn"]
    list_select_related = ["assignee"]
