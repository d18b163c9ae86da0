from django.contrib import admin
from django.contrib.admin.utils import unquote

from innocluster.core.admin import PersonalDataReadAdmin
from innocluster.organizations import selectors
from innocluster.organizations.models import Invitation, OkvedClass, Organization, OrganizationPerson, Region

# what the organisation's page shows only to its people, and to staff with a reason (SPEC §1):
# for a sole proprietor these are a person's data
PRIVATE_FIELDS = ["inn", "ogrn", "kpp", "address", "staff_count", "email", "phone"]


class PeopleInline(admin.TabularInline):
    model = OrganizationPerson
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(PersonalDataReadAdmin, admin.ModelAdmin):
    """The private data as on the organisation's page: shown to staff with an assigned case or a
    reason they type, and every such read logged; without one the record opens without them."""

    list_display = ["short_name", "kind", "region", "sme_category", "created_at"]
    list_filter = ["kind", "sme_category", "region"]
    # the INN and OGRN match whole ("=" exact): a part of one, typed again and again, would tell a
    # sole proprietor's INN digit by digit without a reason
    search_fields = ["short_name", "full_name", "=inn", "=ogrn"]
    list_select_related = ["region"]
    raw_id_fields = ["created_by"]
    filter_horizontal = ["okved_additional"]
    inlines = [PeopleInline]
    change_form_template = "admin/organizations/organization/change_form.html"

    @staticmethod
    def _typed(request) -> str:
        return request.GET.get("reason", "")[:300]

    def personal_data_reason(self, request, obj):
        return selectors.private_access(request.user, obj, typed_reason=self._typed(request))

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if obj is not None and self.personal_data_reason(request, obj) is None:
            excluded += PRIVATE_FIELDS
        return excluded

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context |= {
                "private_hidden": self.personal_data_reason(request, obj) is None,
                "typed_reason": self._typed(request),
            }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "status", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "organization__short_name"]
    raw_id_fields = ["organization", "invited_by", "accepted_by"]
    readonly_fields = ["token_digest"]


admin.site.register(Region, list_display=["code", "name_ru", "name_en"], search_fields=["name_ru", "name_en"])
admin.site.register(
    OkvedClass, list_display=["code", "name_ru"], search_fields=["name_ru", "name_en", "code"]
)
