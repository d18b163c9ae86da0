from django.contrib import admin

from innocluster.organizations.models import Invitation, OkvedClass, Organization, OrganizationPerson, Region


class PeopleInline(admin.TabularInline):
    model = OrganizationPerson
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "inn", "kind", "region", "sme_category", "created_at"]
    list_filter = ["kind", "sme_category", "region"]
    search_fields = ["short_name", "full_name", "inn", "ogrn"]
    list_select_related = ["region"]
    raw_id_fields = ["created_by"]
    filter_horizontal = ["okved_additional"]
    inlines = [PeopleInline]


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
