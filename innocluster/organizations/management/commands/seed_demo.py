"""Load a believable demo cluster: organisations with valid identifiers across real industries,
their people, and one staff account per role. Deterministic for a given --seed."""

import importlib
import random
import sys
import time

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from innocluster.accounts.consent import current_document
from innocluster.accounts.enums import StaffRole
from innocluster.accounts.models import Consent, User
from innocluster.core import audit
from innocluster.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, STAFF_ACCOUNTS
from innocluster.core.notifications import without_emails
from innocluster.organizations import demo_content as content
from innocluster.organizations.identifiers import make_legal_inn, make_ogrn, make_ogrnip, make_personal_inn
from innocluster.organizations.models import Organization, OrganizationPerson, Region

BATCH = 2000
# Where the cluster's organisations are (i.moscow: Moscow first, then the oblast and 81 regions).
REGION_WEIGHTS = {
    "77": 62,
    "50": 10,
    "78": 4,
    "16": 2,
    "54": 2,
    "66": 2,
    "52": 1.5,
    "63": 1,
    "23": 1,
    "74": 1,
}
OTHER_REGIONS_WEIGHT = 13.5
SME_WEIGHTS = {"micro": 45, "small": 30, "medium": 15, "large": 10}
STAFF_BY_SME = {"micro": (3, 15), "small": (16, 100), "medium": (101, 250), "large": (251, 5000)}


class Command(BaseCommand):
    help = "Create the demo cluster: organisations, their people and staff accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--organizations", type=int, default=500, help="how many organisations (default 500)"
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="random seed: the same seed, the same cluster"
        )
        parser.add_argument("--quiet", action="store_true", help="no progress output")

    def handle(self, *args, organizations: int, seed: int, quiet: bool, **options):
        if organizations < 1 or organizations > 5_000_000:
            raise CommandError("--organizations must be between 1 and 5,000,000")
        # The demo's events stay in the cabinets as notifications; none is e-mailed (a first
        # `innocluster run --demo` printed some 2,300 made-up e-mails over the demo sign-ins).
        with without_emails():
            self._seed(organizations, seed, quiet)

    def _seed(self, organizations: int, seed: int, quiet: bool) -> None:
        self.quiet = quiet
        started = time.monotonic()
        rng = random.Random(seed)
        password = make_password(DEMO_PASSWORD)  # one hash for every demo account: hashing 35,000 is minutes
        with transaction.atomic():
            self._staff(password)
        self.region_names = dict(Region.objects.values_list("code", "name_ru"))
        offset = Organization.objects.count()
        regions = self._region_sampler(rng)
        done = 0
        while done < organizations:
            size = min(BATCH, organizations - done)
            with transaction.atomic():
                self._batch(rng, regions, password, offset + done, size)
            done += size
            self._progress(done, organizations, started)
        self._seed_apps(rng, offset, organizations, quiet)
        audit.record(
            actor=None,
            action="demo.seeded",
            object_type="platform",
            object_id="demo",
            data={"organizations": organizations, "seed": seed},
        )
        if not quiet:
            self.stdout.write(
                f"\nThe demo cluster is ready: {organizations} organisations in {time.monotonic() - started:.1f} s."
            )

    def _seed_apps(self, rng: random.Random, offset: int, count: int, quiet: bool) -> None:
        """Every app with a `demo` module adds its part (applications, participants, the register…)
        for the organisations just created, in the order of INSTALLED_APPS, except that a module
        with a higher `SEED_ORDER` (default 0) comes after the others (the KPI reports count what
        the other apps' demos made). The organisations app knows none of them: they come to it."""
        ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True)[offset : offset + count])
        modules = []
        for config in apps.get_app_configs():
            if not config.name.startswith("innocluster.") or config.label == "organizations":
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            if not callable(getattr(module, "seed", None)):
                continue
            modules.append((config, module))
        for config, module in sorted(modules, key=lambda pair: getattr(pair[1], "SEED_ORDER", 0)):
            started = time.monotonic()
            summary = module.seed(rng=rng, organization_ids=ids)
            if not quiet:
                self.stdout.write(f"\n{config.label}: {summary} ({time.monotonic() - started:.1f} s)")

    def _progress(self, done: int, total: int, started: float) -> None:
        if self.quiet:
            return
        width = 30
        filled = width * done // total
        rate = done / max(time.monotonic() - started, 1e-6)
        sys.stdout.write(
            f"\rorganisations [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:,.0f}/s)"
        )
        sys.stdout.flush()

    def _staff(self, password: str) -> None:
        for local, role, name in STAFF_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=f"{local}@{DEMO_DOMAIN}",
                defaults={
                    "full_name": name,
                    "password": password,
                    "is_staff": True,
                    "is_superuser": role == StaffRole.ADMINISTRATOR,
                    "email_confirmed_at": timezone.now(),
                },
            )
            if created:
                user.groups.add(Group.objects.get(name=role))
                self._consented([user.pk])

    def _consented(self, person_ids) -> None:
        """The demo's people consented to the current document when they "signed up" (152-FZ);
        written at once, as the demo's people themselves are, without an event each."""
        document = current_document()
        if document is None:
            return
        have = set(
            Consent.objects.filter(document=document, person_id__in=list(person_ids)).values_list(
                "person_id", flat=True
            )
        )
        Consent.objects.bulk_create(
            [Consent(person_id=pk, document=document) for pk in person_ids if pk not in have]
        )

    def _region_sampler(self, rng: random.Random):
        codes = list(Region.objects.values_list("code", flat=True))
        others = [c for c in codes if c not in REGION_WEIGHTS]
        names = list(REGION_WEIGHTS) + others
        weights = list(REGION_WEIGHTS.values()) + [OTHER_REGIONS_WEIGHT / len(others)] * len(others)
        return lambda: rng.choices(names, weights)[0]

    def _person(self, rng: random.Random, n: int, password: str) -> User:
        first = rng.choice(content.FIRST_NAMES)
        female = first in content.FEMALE_FIRST_NAMES
        last = rng.choice(content.LAST_NAMES) + ("а" if female else "")
        patronymic = rng.choice(content.PATRONYMICS_F if female else content.PATRONYMICS_M)
        return User(
            email=f"person{n}@{DEMO_DOMAIN}",
            full_name=f"{last} {first} {patronymic}",
            password=password,
            email_confirmed_at=timezone.now(),
            language="ru",
        )

    def _batch(self, rng: random.Random, regions, password: str, start: int, size: int) -> None:
        organizations, okved_links, people, roles = [], [], [], []
        sme_names, sme_weights = list(SME_WEIGHTS), list(SME_WEIGHTS.values())
        for i in range(start, start + size):
            n = i + 1
            industry = rng.choice(content.INDUSTRIES)
            region = regions()
            sme = rng.choices(sme_names, sme_weights)[0]
            sole = sme == "micro" and rng.random() < 0.25
            year = rng.randint(1992, 2025)
            stem_index = rng.randrange(len(industry["name_stems_ru"]))
            stem_ru = industry["name_stems_ru"][stem_index]
            stem_en = industry["name_stems_en"][stem_index % len(industry["name_stems_en"])]
            if sole:
                last, first = rng.choice(content.LAST_NAMES), rng.choice(content.FIRST_NAMES)
                person_name = f"{last} {first[0]}. {rng.choice(content.PATRONYMICS_M)[0]}."
                short, full = f"ИП {person_name}", f"Индивидуальный предприниматель {person_name}"
                inn = make_personal_inn(f"{region}{n:08d}")
                ogrn = make_ogrnip(f"3{year % 100:02d}{region}{n:09d}")
                kpp = ""
            else:
                form = rng.choice(content.LEGAL_FORMS)
                suffix = f" {n}" if n > len(industry["name_stems_ru"]) * 4 else ""
                short = f"{form} «{stem_ru}{suffix}»"
                full = {
                    "ООО": "Общество с ограниченной ответственностью",
                    "АО": "Акционерное общество",
                    "ПАО": "Публичное акционерное общество",
                    "НПО": "Научно-производственное объединение",
                }[form] + f" «{stem_ru}{suffix}»"
                inn = make_legal_inn(f"{region}{n:07d}")
                ogrn = make_ogrn(f"1{year % 100:02d}{region}{n:07d}")
                kpp = f"{region}{rng.randint(1, 51):02d}01001"
            capabilities = rng.sample(industry["capabilities_ru"], k=min(4, len(industry["capabilities_ru"])))
            capabilities += rng.sample(
                industry["capabilities_en"], k=min(2, len(industry["capabilities_en"]))
            )
            english_only = rng.random() < 0.08
            city = content.CITY_BY_REGION.get(region) or self.region_names[region]
            street = rng.choice(content.STREETS_MOSCOW) if region == "77" else "ул. Ленина"
            low, high = STAFF_BY_SME[sme]
            organizations.append(
                Organization(
                    kind="sole_proprietor" if sole else "legal_entity",
                    inn=inn,
                    ogrn=ogrn,
                    kpp=kpp,
                    full_name=full,
                    short_name=short,
                    region_id=region,
                    address=f"{city}, {street}, д. {rng.randint(1, 120)}",
                    okved_main_id=industry["okved"][0],
                    sme_category=sme,
                    year_founded=year,
                    staff_count=rng.randint(low, high),
                    website=f"https://{stem_en.lower().replace(' ', '-')}-{n}.example.ru",
                    email=f"info@{stem_en.lower().replace(' ', '-')}-{n}.example.ru",
                    phone=f"+7 495 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                    description_ru=""
                    if english_only
                    else " ".join(rng.sample(industry["descriptions_ru"], k=2)),
                    description_en=" ".join(rng.sample(industry["descriptions_en"], k=2)),
                    capabilities=capabilities,
                    products=rng.sample(industry["products_ru"], k=2)
                    + rng.sample(industry["products_en"], k=1),
                )
            )
            okved_links.append(industry["okved"][1:3])
            people.append([self._person(rng, n * 2 - 1, password)])
            if rng.random() < 0.35:
                people[-1].append(self._person(rng, n * 2, password))
        taken = set(
            Organization.objects.filter(inn__in=[o.inn for o in organizations]).values_list("inn", flat=True)
        )
        keep = [k for k, o in enumerate(organizations) if o.inn not in taken]
        organizations = [organizations[k] for k in keep]
        Organization.objects.bulk_create(organizations)
        Through = Organization.okved_additional.through
        Through.objects.bulk_create(
            [
                Through(organization_id=organizations[j].pk, okvedclass_id=code)
                for j, k in enumerate(keep)
                for code in okved_links[k]
            ]
        )
        flat_people = [p for k in keep for p in people[k]]
        User.objects.bulk_create(flat_people, ignore_conflicts=True)
        by_email = dict(
            User.objects.filter(email__in=[p.email for p in flat_people]).values_list("email", "pk")
        )
        for j, k in enumerate(keep):
            for r, person in enumerate(people[k]):
                roles.append(
                    OrganizationPerson(
                        organization_id=organizations[j].pk,
                        person_id=by_email[person.email],
                        role="owner" if r == 0 else "manager",
                    )
                )
        OrganizationPerson.objects.bulk_create(roles, ignore_conflicts=True)
        self._consented(by_email.values())
