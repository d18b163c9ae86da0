"""The demo cluster's KPI (SPEC C9): some three hundred participants with targets for 3-5 of the
seven default indicators (plausible for Moscow technology companies: revenue of tens to hundreds
of millions of roubles, 10-500 people, R&D spending, investments, contracts, patents, products;
a tolerance of 0, 5 or 10 %), from the first of the two last years whose reports are already due
to the next year, and the reports of those two years: most on time and met, some missing their
targets with an explanation and a corrective action, some late, some never submitted. The
coordinator accepts most of them, returns some with a reason per value, and the organisation
corrects them (a second version, the first kept); in the latest year a few are still waiting for
the coordinator, and a few returned ones still being corrected (a draft typed).

Everything goes through the KPI services, as the coordinator and each organisation's owner would
do it. The services stamp every submission and decision with the present moment, and a report
submitted now for a past year is late; so, as the pilots and contests demos do, the dates of the
past are carried over afterwards (`_backdate`): the submission and decision moments are put back
with a queryset `update()`, `late` follows from the backdated submission as the service's rule
says (after the period's due date), and the report's review case gets the same submission date
through the review desk's own `reviews.services.backdate_submission`. Only the audit log keeps the
moment of the seeding (and the `late` its submission had then).

Years are taken relative to `timezone.localdate()`, so the demo is right whatever the date. It runs
after the other apps' demos (`SEED_ORDER`), inside one transaction (a savepoint per service call
instead of a commit: the step takes seconds, not tens of seconds). Organisations that already have
a target in these years are left alone, so seeding again only adds."""

import bisect
import datetime as dt
import math
import random
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from innocluster.core import calendar
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.kpi import services
from innocluster.kpi.models import Indicator, Report, Target
from innocluster.kpi.periods import Period
from innocluster.kpi.targets import MET, MISSED, WITHIN_TOLERANCE, band, edge
from innocluster.membership.selectors import participations_among
from innocluster.organizations.selectors import owners_of
from innocluster.reviews import services as reviews
from innocluster.reviews.models import ReviewCase

# The loader runs the apps' demos in the order of INSTALLED_APPS, then those with a higher
# SEED_ORDER: the reports come after the grants, pilots, contests and production orders whose
# results the platform already knows of a report's values.
SEED_ORDER = 1
DEMO_ORGANIZATIONS = 300
MONEY = ("revenue", "rnd_spending", "investments", "contracts")
COUNTS = ("staff", "patents", "products")
TOLERANCES = (0, 0, 5, 5, 10)
MILLION = 1_000_000

# What happens to an organisation's report of a year (`_story`), and how often. Late reports meet
# or miss their targets like the others; "corrected" ones are returned with reasons and corrected
# by a second version; in the latest year some are still waiting for the coordinator or for their
# correction. Over both years: about 70% met, 15% missed (with explanations), 10% late, 10% missing.
OLDER_YEAR = {"met": 58, "missed": 14, "late": 10, "corrected": 8, "missing": 10}
LATEST_YEAR = {
    "met": 55,
    "missed": 13,
    "late": 5,
    "late_waiting": 5,
    "corrected": 6,
    "corrected_waiting": 2,
    "returned": 3,
    "missing": 10,
}
# A year that ended but whose reports are not due yet (January and February): some are in.
OPEN_YEAR_SUBMITTED = 0.35

# Why a target was missed and what is being done, by indicator (one pair is drawn).
EXPLANATIONS = {
    "revenue": [
        (
            "Крупный заказчик перенёс приёмку работ по контракту на следующий год; выручка по нему "
            "будет признана в I квартале.",
            "Подписан график приёмки с заказчиком; расширяем круг заказчиков в регионах.",
        ),
        (
            "Заказчики сократили инвестиционные программы, спрос на оборудование во втором полугодии упал.",
            "Выходим на рынок стран ЕАЭС, запущена линейка решений для малого бизнеса.",
        ),
        (
            "Поставки импортных комплектующих задержались на четыре месяца, часть отгрузок сорвалась.",
            "Найден отечественный поставщик комплектующих, создан складской запас на полгода.",
        ),
    ],
    "rnd_spending": [
        (
            "Часть работ по НИОКР перенесена на следующий год из-за задержки софинансирования.",
            "Работы включены в план следующего года, финансирование подтверждено.",
        ),
        (
            "Испытания опытного образца выполнили собственными силами вместо сторонней лаборатории.",
            "Собственный испытательный стенд будет использоваться и в следующих проектах.",
        ),
    ],
    "staff": [
        (
            "Не удалось закрыть вакансии инженеров и разработчиков: высокая конкуренция за специалистов.",
            "Запущена программа стажировок с МГТУ им. Н. Э. Баумана и МИРЭА, пересмотрены зарплатные вилки.",
        ),
        (
            "Часть сотрудников переведена в дочернюю компанию при реорганизации.",
            "Показатель группы компаний выполнен; с будущего года отчитываемся по группе.",
        ),
    ],
    "investments": [
        (
            "Сделка с венчурным фондом закрыта в январе следующего года вместо декабря.",
            "Средства поступили; инвестиции будут отражены в отчёте за следующий год.",
        ),
        (
            "Инвестор приостановил раунд из-за изменения рыночной конъюнктуры.",
            "Ведём переговоры с двумя фондами, подана заявка на льготный заём Фонда развития промышленности.",
        ),
    ],
    "contracts": [
        (
            "Два конкурса заказчиков перенесены, контракты по ним заключены уже в новом году.",
            "Подготовлены заявки на пять конкурсов первого полугодия.",
        ),
        (
            "Заказчик отказался от продления рамочного договора после смены руководства.",
            "Заключено соглашение о сотрудничестве с новым отраслевым партнёром.",
        ),
    ],
    "patents": [
        (
            "Экспертиза Роспатента по двум заявкам продлена запросами; патенты ожидаются в следующем году.",
            "Подготовлены ответы на запросы экспертизы, подано ещё три заявки.",
        ),
        (
            "Решили сохранить часть разработок как ноу-хау вместо патентования.",
            "Оформлен режим коммерческой тайны; патентуем только решения для экспорта.",
        ),
    ],
    "products": [
        (
            "Выпуск новой версии отложен до получения сертификата соответствия.",
            "Сертификационные испытания завершены, выпуск запланирован на II квартал.",
        ),
        (
            "Пилотное внедрение у заказчика показало необходимость доработки продукта.",
            "Доработка завершена, продукт выходит на рынок в первом полугодии.",
        ),
    ],
}
# A coordinator's reason to return a value for correction, by indicator ({year} is the period).
RETURN_REASONS = {
    "revenue": "Выручка не совпадает с отчётом о финансовых результатах за {year} год (строка 2110). "
    "Проверьте значение и приложите отчёт.",
    "rnd_spending": "Расходы на НИОКР не подтверждены: приложите расшифровку затрат по договорам и проектам.",
    "staff": "Укажите среднесписочную численность за {year} год, а не численность на конец года.",
    "investments": "Приложите договоры или выписки о поступлении средств; займы учредителей "
    "инвестициями не считаются.",
    "contracts": "Укажите только контракты, заключённые в {year} году, без продлений договоров прошлых лет.",
    "patents": "Укажите только патенты, выданные в {year} году, с их номерами в подтверждающем документе.",
    "products": "Перечислите выведенные на рынок продукты и приложите подтверждение начала продаж.",
}
MISSING_VALUE_COMMENT = "В отчёте нет значения показателя «{name}»: добавьте его с подтверждающим документом."


def report_years(today: dt.date) -> list[int]:
    """The two last years whose reports are already due (the due date has passed)."""
    last = today.year - 1
    if today <= Period(last).due:
        last -= 1
    return [last - 1, last]


def seed(*, rng: random.Random, organization_ids: list[int], organizations: int = DEMO_ORGANIZATIONS) -> str:
    coordinator = get_user_model().objects.get(email=f"coordinator@{DEMO_DOMAIN}")
    today = timezone.localdate()
    years = report_years(today)
    target_years = list(range(years[0], today.year + 2))
    # the organisations that report: participants with an owner and no target in these years yet
    participants = participations_among(organization_ids, order_by="pk")
    owners = owners_of(p.organization_id for p in participants)
    taken = set(
        Target.objects.filter(
            organization_id__in=list(owners), period__in=[str(y) for y in target_years]
        ).values_list("organization_id", flat=True)
    )
    candidates = [
        p.organization for p in participants if p.organization_id in owners and p.organization_id not in taken
    ]
    if not candidates:
        return "no participants without KPI targets"
    chosen = sorted(rng.sample(candidates, min(organizations, len(candidates))), key=lambda o: o.pk)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=MONEY + COUNTS)}
    demo = _Demo(rng, coordinator, owners, indicators, today)
    with transaction.atomic():
        targets = {o.pk: demo.set_targets(o, target_years) for o in chosen}
        for year in years:
            weights = LATEST_YEAR if year == years[-1] else OLDER_YEAR
            # every story at least once a year, then by weight
            stories = list(weights)[: len(chosen)]
            stories += rng.choices(list(weights), list(weights.values()), k=len(chosen) - len(stories))
            rng.shuffle(stories)
            for organization, story in zip(chosen, stories, strict=True):
                demo.report(organization, Period(year), targets[organization.pk][year], story)
        for year in range(years[-1] + 1, today.year):  # ended, not due yet
            for organization in chosen:
                if rng.random() < OPEN_YEAR_SUBMITTED:
                    demo.report(organization, Period(year), targets[organization.pk][year], "open")
    versions = Report.objects.filter(organization__in=chosen)
    counts = Counter(versions.values_list("status", flat=True))
    return (
        f"{len(chosen)} organisations, {demo.made['targets']} targets for {target_years[0]}-{target_years[-1]}; "
        f"{versions.count()} report versions ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}): "
        f"{demo.made['late']} late, {demo.made['missed']} with a missed target explained, "
        f"{demo.made['missing']} never submitted"
    )


class _Demo:
    def __init__(self, rng, coordinator, owners, indicators, today):
        self.rng, self.coordinator, self.owners, self.indicators = rng, coordinator, owners, indicators
        self.today, self.now = today, timezone.now()
        self.made = Counter()
        first = dt.date(report_years(today)[0], 1, 1)
        last = today + dt.timedelta(days=60)
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        # one query for the whole span: a day is working when one working day lies after the eve
        flags = calendar.working_days_between_many([(d - dt.timedelta(days=1), d) for d in days])
        self.working = [d for d, flag in zip(days, flags, strict=True) if flag]
        self.dues: dict[Period, dt.date] = {}

    # dates ---------------------------------------------------------------------------------

    def due(self, period: Period) -> dt.date:
        if period not in self.dues:
            self.dues[period] = period.due
        return self.dues[period]

    def working_after(self, day: dt.date, n: int) -> dt.date:
        """The Nth working day after `day` (the calendar's rule, from the days read once)."""
        index = bisect.bisect_right(self.working, day) + n - 1
        return self.working[min(index, len(self.working) - 1)] if n > 0 else day

    def working_on_or_before(self, day: dt.date) -> dt.date:
        index = bisect.bisect_right(self.working, day) - 1
        return self.working[index] if index >= 0 else day

    def moment(self, day: dt.date) -> dt.datetime:
        """A working hour of `day` (Moscow time), never later than now."""
        at = dt.time(self.rng.randint(9, 18), self.rng.randint(0, 59))
        return min(timezone.make_aware(dt.datetime.combine(day, at)), self.now)

    # targets -------------------------------------------------------------------------------

    def set_targets(self, organization, years: list[int]) -> dict[int, dict[str, tuple]]:
        """3-5 indicators, each with a first year's value growing year by year; returns
        {year: {code: (target, tolerance)}}."""
        rng = self.rng
        staff = max(10, min(500, organization.staff_count or rng.randint(10, 120)))
        revenue = max(15 * MILLION, min(950 * MILLION, staff * rng.uniform(1.0, 3.0) * MILLION))
        first = {
            "revenue": revenue,
            "staff": staff,
            "rnd_spending": revenue * rng.uniform(0.08, 0.25),
            "investments": rng.uniform(5, 120) * MILLION,
            "contracts": revenue * rng.uniform(0.3, 0.9),
            "patents": rng.randint(1, min(8, 2 + staff // 60)),
            "products": rng.randint(1, min(5, 2 + staff // 150)),
        }
        growth = {code: rng.uniform(1.05, 1.2) for code in first}
        codes = [c for c in first if c in self.indicators]
        codes = rng.sample(codes, min(len(codes), rng.randint(3, 5)))
        tolerances = {code: rng.choice(TOLERANCES) for code in codes}
        result: dict[int, dict[str, tuple]] = {}
        rows = []
        for k, year in enumerate(years):
            result[year] = {}
            for code in codes:
                value = _rounded(code, first[code] * growth[code] ** k, step=100_000)
                rows.append(
                    {
                        "indicator": self.indicators[code],
                        "organization": organization,
                        "period": str(year),
                        "value": value,
                        "tolerance_percent": tolerances[code],
                    }
                )
                result[year][code] = (value, Decimal(tolerances[code]))
        self.made["targets"] += len(services.set_targets(actor=self.coordinator, rows=rows))
        return result

    # reports -------------------------------------------------------------------------------

    def values(self, organization, period: Period, targets: dict, *, miss: set[str]) -> list[dict]:
        rows = []
        for code, (target, tolerance) in targets.items():
            wanted = MISSED if code in miss else MET
            value = self.value(code, target, tolerance, wanted)
            row = {"indicator": code, "value": str(value)}
            if band(value, target, tolerance, self.indicators[code].better) == MISSED:
                explanation, action = self.rng.choice(EXPLANATIONS[code])
                row |= {"explanation": explanation, "corrective_action": action}
            if organization.website and self.rng.random() < 0.5:
                row["evidence_link"] = f"{organization.website.rstrip('/')}/docs/kpi-{period}-{code}.pdf"
            rows.append(row)
        return rows

    def value(self, code: str, target: Decimal, tolerance: Decimal, wanted: str) -> Decimal:
        """A reported value that meets (now and then only within the tolerance) or misses."""
        rng = self.rng
        limit = edge(target, tolerance, self.indicators[code].better)
        if wanted == MISSED:
            if code in COUNTS:
                value = Decimal(rng.randint(0, max(0, math.ceil(limit) - 1)))
            else:
                value = _rounded(code, float(limit) * rng.uniform(0.55, 0.95))
            return (
                value
                if band(value, target, tolerance, self.indicators[code].better) == MISSED
                else Decimal(0)
            )
        if tolerance and rng.random() < 0.3:  # saved by the tolerance
            if code in COUNTS:
                value = Decimal(rng.randint(math.ceil(limit), int(target)))
            else:
                value = _rounded(
                    code, float(limit) + (float(target) - float(limit)) * rng.uniform(0.05, 0.95)
                )
            if band(value, target, tolerance, self.indicators[code].better) == WITHIN_TOLERANCE:
                return value
        if code in ("patents", "products"):
            return target + rng.choice([0, 0, 1, 1, 2])
        return _rounded(code, float(target) * rng.uniform(1.0, 1.3), up=True)

    def report(self, organization, period: Period, targets: dict, story: str) -> None:
        """One organisation's report of a year, as the story goes (see OLDER_YEAR, LATEST_YEAR)."""
        rng, owner, due = self.rng, self.owners[organization.pk], self.due(period)
        if story == "missing" or not targets:
            self.made["missing"] += 1
            return
        codes = list(targets)
        miss: set[str] = set()
        if story == "missed" or (story.startswith("late") and rng.random() < 0.25):
            miss = set(rng.sample(codes, rng.choice([1, 1, 2])))
        values = self.values(organization, period, targets, miss=miss)
        if any(v.get("explanation") for v in values):
            self.made["missed"] += 1
        # when it was submitted
        if story == "open":  # from the 5th working day of the new year (none in before it)
            first_day = self.working_after(period.last_day, 5)
            if first_day > self.today:
                return
            submitted = rng.choice([d for d in self.working if first_day <= d <= self.today])
        elif story == "late_waiting":  # in the last three weeks, long after the due date
            submitted = max(
                self.working_on_or_before(self.today - dt.timedelta(days=rng.randint(1, 20))),
                due + dt.timedelta(days=1),
            )
        elif story == "late":
            submitted = min(
                self.working_after(due, rng.randint(1, 40)), self.working_on_or_before(self.today)
            )
            submitted = max(submitted, due + dt.timedelta(days=1))
        elif story.startswith("corrected") or story == "returned":
            submitted = self.working_after(period.last_day, rng.randint(5, 14))
        else:
            submitted = self.working_after(period.last_day, rng.randint(8, 30))
        submitted_at = self.moment(submitted)
        returned = story.startswith("corrected") or story == "returned"
        missing_code = rng.choice(codes) if returned and len(codes) > 3 and rng.random() < 0.4 else None
        first_values = [v for v in values if v["indicator"] != missing_code]
        if returned and missing_code is None:  # a doubtful value, corrected in the next version
            doubtful = rng.choice(codes)
            first_values = [
                v | {"value": str(_rounded(doubtful, float(v["value"]) * 0.6))}
                if v["indicator"] == doubtful and not v.get("explanation")
                else v
                for v in values
            ]
            first_values = self.explained(targets, first_values)
        report = services.submit_report(
            actor=owner, organization=organization, period=str(period), values=first_values
        )
        if story in ("open", "late_waiting"):
            self.backdate(report, submitted_at=submitted_at)
            return
        decided_at = self.moment(self.working_after(submitted, rng.randint(2, 8)))
        if decided_at >= self.now:  # too recent to be decided: still waiting
            self.backdate(report, submitted_at=submitted_at)
            return
        if not returned:
            services.decide_report(
                actor=self.coordinator,
                report=report,
                decision="accept",
                comment="Пояснения приняты." if miss and rng.random() < 0.5 else "",
            )
            self.backdate(report, submitted_at=submitted_at, decided_at=decided_at)
            return
        if missing_code is not None:
            name = self.indicators[missing_code].name
            services.decide_report(
                actor=self.coordinator,
                report=report,
                decision="return",
                comment=MISSING_VALUE_COMMENT.format(name=name),
            )
        else:
            services.decide_report(
                actor=self.coordinator,
                report=report,
                decision="return",
                reasons={doubtful: RETURN_REASONS[doubtful].format(year=period.year)},
            )
        self.backdate(report, submitted_at=submitted_at, decided_at=decided_at)
        corrected_on = self.working_after(timezone.localdate(decided_at), rng.randint(1, 5))
        corrected_at = self.moment(corrected_on)
        if story == "returned" or corrected_at >= self.now:
            # the organisation is still correcting it: what it has typed so far is kept
            services.save_draft(
                actor=owner,
                organization=organization,
                period=str(period),
                data={v["indicator"]: {"value": v["value"]} for v in values[:2]},
            )
            return
        for row in values:  # the evidence the coordinator asked for
            if organization.website and not row.get("evidence_link"):
                row["evidence_link"] = (
                    f"{organization.website.rstrip('/')}/docs/kpi-{period}-{row['indicator']}.pdf"
                )
        second = services.submit_report(
            actor=owner, organization=organization, period=str(period), values=values
        )
        decided_at = self.moment(self.working_after(corrected_on, rng.randint(2, 6)))
        if story == "corrected_waiting" or decided_at >= self.now:
            self.backdate(second, submitted_at=corrected_at)
            return
        services.decide_report(actor=self.coordinator, report=second, decision="accept")
        self.backdate(second, submitted_at=corrected_at, decided_at=decided_at)

    def explained(self, targets: dict, rows: list[dict]) -> list[dict]:
        """A value made doubtful may have missed its target: then it is explained, as the
        service requires."""
        result = []
        for row in rows:
            code = row["indicator"]
            target, tolerance = targets[code]
            missed = band(Decimal(row["value"]), target, tolerance, self.indicators[code].better) == MISSED
            if missed and not row.get("explanation"):
                explanation, action = self.rng.choice(EXPLANATIONS[code])
                row = row | {"explanation": explanation, "corrective_action": action}
            result.append(row)
        return result

    def backdate(
        self, report: Report, *, submitted_at: dt.datetime, decided_at: dt.datetime | None = None
    ) -> None:
        """The demo's backdating (see the module's docstring): the version's moments of the past,
        `late` as `submit_report` decides it (submitted after the due date), and its review case
        submitted and decided on the same days."""
        late = timezone.localdate(submitted_at) > report.due
        fields = {
            "submitted_at": submitted_at,
            "late": late,
            "created_at": submitted_at,
            "updated_at": decided_at or submitted_at,
        }
        if decided_at is not None:
            fields["decided_at"] = decided_at
        Report.objects.filter(pk=report.pk).update(**fields)
        if report.case_id:
            case = reviews.backdate_submission(report.case, submitted_on=timezone.localdate(submitted_at))
            if decided_at is not None:
                ReviewCase.objects.filter(pk=case.pk).update(decided_at=decided_at)
        if late and report.version == 1:
            self.made["late"] += 1


def _rounded(code: str, value: float, *, up: bool = False, step: int = 1000) -> Decimal:
    """Whole people and pieces (`up`: never below `value`); roubles to the `step` (a thousand for
    a reported value, a hundred thousand for a target)."""
    if code in COUNTS:
        return Decimal(math.ceil(value) if up else round(value))
    return (Decimal(value) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
