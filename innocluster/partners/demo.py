"""The demo cluster's partner search index and production orders."""

import datetime as dt
import random
import sys

from django.utils import timezone

from innocluster.organizations.models import Organization
from innocluster.organizations.selectors import owners_of
from innocluster.partners import search
from innocluster.partners import services as orders
from innocluster.partners.models import OrderStatus, ProductionOrder

EMBED_NOW_UP_TO = 3000  # beyond this, embeddings are computed by the workers in batches
ORDERS = [
    (
        "Корпуса датчиков из алюминия АМг6",
        "cnc",
        "АМг6",
        500,
        "Фрезерная обработка по чертежу, анодирование.",
    ),
    ("Валы редуктора", "turning", "сталь 40Х", 200, "Токарная обработка с термообработкой до HRC 45."),
    (
        "Кожухи шкафов управления",
        "sheet_metal",
        "сталь 1,5 мм",
        120,
        "Лазерная резка, гибка, порошковая покраска.",
    ),
    ("Опытная партия корпусов из PA12", "3d_printing", "PA12", 50, "SLS-печать, допуск ±0,2 мм."),
    ("Сборка плат контроллера", "electronics_assembly", "FR-4", 1000, "SMD-монтаж, AOI-контроль, прошивка."),
    (
        "Промышленный дизайн портативного анализатора",
        "industrial_design",
        "",
        1,
        "Эскизы, 3D-модель, эргономика, прототип.",
    ),
]


def seed(*, rng: random.Random, organization_ids: list[int]) -> str:
    ids = sorted(organization_ids)
    embed_now = len(ids) <= EMBED_NOW_UP_TO

    def progress(done, total):
        sys.stdout.write(f"\rsearch index {done}/{total}")
        sys.stdout.flush()

    show = len(ids) > 1000 and sys.stdout.isatty()  # a progress line for a person watching, not for logs
    search.index_organizations(ids, embed=embed_now, progress=progress if show else None)
    note = "with meaning embeddings"
    if not embed_now and search.vector_enabled():
        from innocluster.partners.tasks import embed_all, embed_organizations

        if len(ids) >= search.REBUILD_GRAPH_FROM:
            embed_all.enqueue()
        else:
            for start in range(0, len(ids), 500):
                embed_organizations.enqueue(ids[start : start + 500])
        note = "text now; meaning embeddings queued for the workers"
    customers = list(
        Organization.objects.filter(
            pk__range=(ids[0], ids[-1]), okved_main_id__in=["26", "29", "30", "32"]
        ).order_by("pk")[:20]
    )
    owners = owners_of(c.pk for c in customers)
    made = []
    for index, (title, process, material, quantity, description) in enumerate(ORDERS):
        if not customers:
            break
        customer = customers[index % len(customers)]
        order = orders.post_order(
            actor=owners[customer.pk],
            customer=customer,
            data={
                "title": title,
                "process": process,
                "material": material,
                "quantity": quantity,
                "deadline": timezone.localdate() + dt.timedelta(days=rng.randint(20, 90)),
                "description": description,
                "region_code": "77" if index % 2 else "",
            },
        )
        quoted = []
        invited = list(order.invited.values_list("pk", flat=True)[:3])
        # the invited may come from an earlier seeding too: look their owners up
        owners.update(owners_of(invited))
        for organization_id in invited:
            if organization_id not in owners:
                continue
            quoted.append(
                orders.submit_quote(
                    actor=owners[organization_id],
                    order=order,
                    manufacturer=Organization.objects.get(pk=organization_id),
                    price=f"{rng.randint(50, 900) * 1000}.00",
                    lead_time_days=rng.randint(5, 60),
                    comment="Готовы начать на следующей неделе.",
                )
            )
        if quoted and index % 3 == 0:
            orders.award(actor=owners[customer.pk], order=order, quote_id=quoted[0].pk)
        made.append(order.pk)
    awarded = ProductionOrder.objects.filter(pk__in=made, status=OrderStatus.AWARDED).count()
    return f"{len(ids)} organisations indexed ({note}); {len(made)} production orders, {awarded} awarded"
