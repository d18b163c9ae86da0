from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from innocluster.core import audit
from innocluster.partners import search
from innocluster.partners.models import Synonym, UnmetSearch


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Coordinators keep the synonyms partner search applies to queries; the next search reads
    the change (the index generation moves)."""

    list_display = ["terms", "note", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["terms", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="partners.synonym_saved",
            obj=obj,
            data={"terms": obj.terms, "active": obj.is_active},
        )
        search.changed()

    def delete_model(self, request, obj):
        audit.record(
            actor=request.user, action="partners.synonym_deleted", obj=obj, data={"terms": obj.terms}
        )
        super().delete_model(request, obj)
        search.changed()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


def _synonym_form(queries) -> str:
    """The synonym form, its terms filled in with the queries (the admin's add view takes its
    initial values from the address)."""
    terms = ", ".join(queries)
    return f"{reverse('admin:partners_synonym_add')}?{urlencode({'terms': terms})}"


@admin.register(UnmetSearch)
class UnmetSearchAdmin(admin.ModelAdmin):
    """What members searched and the words did not find, most searched first: each row leads to
    a synonym group with the query in it. Rows are made by searches, never here; a coordinator
    marks one handled or deletes one (a made-up query), and each is audited."""

    list_display = ["query", "searches", "by_words", "first_seen", "last_seen", "handled", "add_synonyms"]
    list_filter = ["handled", "last_seen"]
    search_fields = ["query"]
    fields = ["query", "searches", "by_words", "first_seen", "last_seen", "handled"]
    readonly_fields = ["query", "searches", "by_words", "first_seen", "last_seen"]
    actions = ["start_synonym_group", "mark_handled"]

    def has_add_permission(self, request):
        return False

    def get_list_display(self, request):
        # the link would answer 403 to someone who may not add synonyms (an administrator)
        shown = super().get_list_display(request)
        return (
            shown if self.has_add_synonym_permission(request) else [f for f in shown if f != "add_synonyms"]
        )

    def has_add_synonym_permission(self, request):
        return request.user.has_perm("partners.add_synonym")

    @admin.display(description=_("synonyms"))
    def add_synonyms(self, obj):
        return format_html('<a href="{}">{}</a>', _synonym_form([obj.query]), _("add a synonym group"))

    @admin.action(description=_("Add a synonym group with the selected queries"), permissions=["add_synonym"])
    def start_synonym_group(self, request, queryset):
        return HttpResponseRedirect(
            _synonym_form(queryset.order_by("-searches").values_list("query", flat=True))
        )

    @admin.action(description=_("Mark the selected searches as handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        marked = 0
        with transaction.atomic():  # each change with its audit event, or neither
            for obj in queryset.filter(handled=False).select_for_update():
                obj.handled = True
                obj.save(update_fields=["handled"])
                self._audit_handled(request, obj)
                marked += 1
        self.message_user(
            request,
            ngettext("%(count)d search marked as handled.", "%(count)d searches marked as handled.", marked)
            % {"count": marked},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "handled" in form.changed_data:
            self._audit_handled(request, obj)

    def _audit_handled(self, request, obj):
        audit.record(
            actor=request.user,
            action="partners.unmet_search_handled",
            obj=obj,
            data={"query": obj.query, "handled": obj.handled},
        )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(
                actor=request.user, action="partners.unmet_search_deleted", obj=obj, data={"query": obj.query}
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)
