"""The demo cluster's intersectoral clusters, after the seed article: a Zelenograd microelectronics
cluster of 33, electric vehicles of about 40, 3D printing of 35, space technologies of 30+, and
some still forming or under review; with joint projects and cooperation chains. Everything goes
through the services, as real coordinators and members would do it."""

import random

from django.contrib.auth import get_user_model

from innocluster.consortia import services
from innocluster.consortia.enums import MemberRole
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.membership.selectors import participations_among
from innocluster.organizations.selectors import owners_of
from innocluster.reviews import services as reviews

PLAN = [
    {
        "name": "Межотраслевой кластер микроэлектроники «Зеленоград»",
        "description": "Разработчики и производители электронной компонентной базы Зеленограда: от проектирования "
        "микросхем и силовых модулей до испытаний и серийного выпуска.",
        "areas": ["26", "27", "микроэлектроника", "силовая электроника"],
        "okved": ["26", "27", "72"],
        "size": 33,
        "state": "approved",
        "projects": [
            (
                "Отечественные силовые модули для электротранспорта",
                ["design", "developer", "materials_supplier", "manufacturer", "testing", "customer"],
            ),
            ("Датчики для «умного города»", ["developer", "components_supplier", "software", "testing"]),
        ],
    },
    {
        "name": "Межотраслевой кластер электротранспорта",
        "description": "Электробусы, зарядная инфраструктура, тяговые аккумуляторы и системы управления.",
        "areas": ["29", "27", "электротранспорт", "аккумуляторы"],
        "okved": ["29", "27", "30"],
        "size": 40,
        "state": "approved",
        "projects": [
            (
                "Электробус с отечественной тяговой батареей",
                ["developer", "components_supplier", "manufacturer", "integrator", "testing", "customer"],
            )
        ],
    },
    {
        "name": "Межотраслевой кластер аддитивных технологий",
        "description": "3D-печать металлом и полимерами: порошки, принтеры, программное обеспечение, серийные детали.",
        "areas": ["25", "22", "28", "3D-печать", "аддитивные технологии"],
        "okved": ["25", "22", "28"],
        "size": 35,
        "state": "approved",
        "projects": [
            (
                "Серийная печать деталей для станкостроения",
                ["materials_supplier", "equipment_maker", "software", "manufacturer", "testing"],
            )
        ],
    },
    {
        "name": "Межотраслевой кластер космических технологий",
        "description": "Космические аппараты, разгонные блоки, полезная нагрузка и наземная инфраструктура.",
        "areas": ["30", "26", "космос", "спутники"],
        "okved": ["30", "26", "72"],
        "size": 31,
        "state": "approved",
        "projects": [
            (
                "Малый спутник дистанционного зондирования",
                ["design", "developer", "components_supplier", "manufacturer", "testing"],
            )
        ],
    },
    {
        "name": "Кластер медицинских технологий",
        "description": "Диагностическое оборудование, носимые устройства и программные сервисы для клиник.",
        "areas": ["32", "26", "медицинская техника"],
        "okved": ["32", "26", "21"],
        "size": 30,
        "state": "submitted",
        "projects": [("Носимый кардиомонитор", ["developer", "manufacturer", "software", "testing"])],
    },
    {
        "name": "Кластер беспилотных авиационных систем",
        "description": "Беспилотники для мониторинга инфраструктуры, доставки и сельского хозяйства.",
        "areas": ["30", "62", "беспилотники", "дроны"],
        "okved": ["30", "62"],
        "size": 18,
        "state": "draft",
        "projects": [
            (
                "Сеть дронопортов для мониторинга ЛЭП",
                ["developer", "equipment_maker", "software", "integrator"],
            )
        ],
    },
]


def seed(*, rng: random.Random, organization_ids: list[int]) -> str:
    User = get_user_model()
    coordinator_staff = User.objects.get(email=f"coordinator@{DEMO_DOMAIN}")
    participants = participations_among(organization_ids)
    if len(participants) < 40:
        return "too few participants for intersectoral clusters"
    made = []
    for plan in PLAN:
        fitting = [p.organization for p in participants if p.organization.okved_main_id in plan["okved"]]
        others = [p.organization for p in participants if p.organization.okved_main_id not in plan["okved"]]
        rng.shuffle(fitting)
        rng.shuffle(others)
        chosen = (fitting + others)[: plan["size"]]
        lead = chosen[0]
        owners = owners_of(o.pk for o in chosen)
        lead_owner = owners[lead.pk]
        consortium = services.create_consortium(
            actor=lead_owner,
            coordinator=lead,
            name=plan["name"],
            description=plan["description"],
            areas=plan["areas"],
            projects=[{"title": title, "description": ""} for title, _roles in plan["projects"]],
        )
        for organization in chosen[1:]:
            invitation = services.invite(
                actor=lead_owner, consortium=consortium, organization=organization, role=MemberRole.MEMBER
            )
            services.accept_invitation(actor=owners[organization.pk], invitation_id=invitation.pk)
        partner = others[-1]  # a partner: it takes part in projects but is not counted towards 30
        if partner not in chosen:
            services.invite(
                actor=lead_owner, consortium=consortium, organization=partner, role=MemberRole.PARTNER
            )
        members = chosen[:]
        for project, (_title, roles) in zip(
            consortium.projects.order_by("pk"), plan["projects"], strict=True
        ):
            for kind in roles:
                holder = rng.choice(members) if rng.random() < 0.85 else None
                services.add_role(actor=lead_owner, project=project, kind=kind, organization=holder)
        if plan["state"] in ("submitted", "approved"):
            services.submit_consortium(actor=lead_owner, consortium=consortium)
        if plan["state"] == "approved":
            reviews.decide(consortium.case, "approve", actor=coordinator_staff)
        made.append(f"{plan['name'][:40]}… ({len(chosen)}, {plan['state']})")
    return "; ".join(made)
