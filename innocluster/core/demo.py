"""What `innocluster run --demo` and `seed_demo` share: the demo accounts' addresses and password."""

DEMO_PASSWORD = "demo-cluster-2026"  # noqa: S105 - printed on purpose: demo data only
DEMO_DOMAIN = "demo.innocluster.ru"
STAFF_ACCOUNTS = [
    ("admin", "administrator", "Администратор Платформы"),
    ("coordinator", "coordinator", "Координатор Кластера"),
    ("reviewer", "reviewer", "Рецензент Заявок"),
    ("expert", "expert", "Эксперт Конкурсов"),
]


def demo_loaded() -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email=f"admin@{DEMO_DOMAIN}").exists()


def demo_sign_ins() -> list[tuple[str, str]]:
    """(e-mail, what it can do) for the demo accounts that exist."""
    from django.contrib.auth import get_user_model

    from innocluster.organizations.models import OrganizationPerson

    User = get_user_model()
    rows = []
    for local, role, _name in STAFF_ACCOUNTS:
        email = f"{local}@{DEMO_DOMAIN}"
        if User.objects.filter(email=email).exists():
            rows.append(
                (email, "superuser, every staff role" if role == "administrator" else f"staff: {role}")
            )
    owner = (
        OrganizationPerson.objects.filter(person__email__endswith=f"@{DEMO_DOMAIN}", role="owner")
        .select_related("person", "organization")
        .order_by("organization_id")
        .first()
    )
    if owner:
        rows.append((owner.person.email, f"owner of «{owner.organization.short_name}»"))
    return rows
