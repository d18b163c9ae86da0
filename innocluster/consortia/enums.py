from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MINIMUM_PARTICIPANTS = 30  # SPEC C4: at least 30 member organisations, every one a participant
INVITATION_TTL_DAYS = 30


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", pgettext_lazy("consortium role", "Member")
    PARTNER = "partner", _("Partner")


# A cluster's application status in words that agree with «кластер» (an application's are
# feminine, for «заявка»); the English words are the application's
CASE_STATUS_LABELS = {
    "draft": pgettext_lazy("consortium status", "Draft"),
    "submitted": pgettext_lazy("consortium status", "Submitted"),
    "in_review": pgettext_lazy("consortium status", "In review"),
    "approved": pgettext_lazy("consortium status", "Approved"),
    "rejected": pgettext_lazy("consortium status", "Rejected"),
    "returned": pgettext_lazy("consortium status", "Returned for revision"),
}


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ADMITTED = "admitted", _("Admitted")
    DECLINED = "declined", _("Declined")


class ProjectRoleKind(models.TextChoices):
    """The links of a cooperation chain, in the order the work flows."""

    DESIGN = "design", _("Industrial design")
    DEVELOPER = "developer", _("Developer")
    MATERIALS_SUPPLIER = "materials_supplier", _("Materials supplier")
    COMPONENTS_SUPPLIER = "components_supplier", _("Components supplier")
    EQUIPMENT_MAKER = "equipment_maker", _("Equipment maker")
    MANUFACTURER = "manufacturer", _("Manufacturer")
    SOFTWARE = "software", _("Software")
    TESTING = "testing", _("Testing and certification")
    INTEGRATOR = "integrator", _("Integrator")
    CUSTOMER = "customer", _("Customer")


CHAIN_ORDER = [k for k, _label in ProjectRoleKind.choices]

# What fits a role, for the suggestions: OKVED classes and words of capabilities and descriptions.
ROLE_FIT = {
    "design": (["74", "71"], ["дизайн", "design", "прототип", "prototype", "3d-модел", "эргоном"]),
    "developer": (["72", "62", "26"], ["разработ", "r&d", "develop", "ниокр", "проектир"]),
    "materials_supplier": (
        ["20", "22", "23", "24"],
        ["материал", "material", "порош", "powder", "полимер", "сплав"],
    ),
    "components_supplier": (
        ["26", "27", "25"],
        ["компонент", "component", "микросхем", "датчик", "sensor", "плат"],
    ),
    "equipment_maker": (["28", "27"], ["станк", "оборудован", "equipment", "machine", "установк"]),
    "manufacturer": (
        ["25", "26", "29", "30", "32"],
        ["производ", "manufactur", "серийн", "чпу", "cnc", "литьё", "сборк"],
    ),
    "software": (["62", "63"], ["программ", "software", "платформ", "platform", "алгоритм", "ai", "ии"]),
    "testing": (["71", "72"], ["испытан", "test", "сертификац", "certif", "метролог", "контрол"]),
    "integrator": (["62", "71", "43"], ["интеграц", "integrat", "внедрен", "систем"]),
    "customer": ([], ["эксплуатац", "operator", "заказчик"]),
}
