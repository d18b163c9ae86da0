from django.db import migrations

# SPEC.md C5, with its numbers. Coordinators change them later as new versions in the back office.
MEASURES = [
    {
        "code": "pilot-testing",
        "order": 1,
        "applicant_kind": "organization",
        "title_ru": "Грант на пилотное тестирование инновационной продукции",
        "title_en": "Grant for a pilot test of an innovative product",
        "summary_ru": "Технологической компании — участнику кластера с пилотным тестированием на площадке города: 100% "
        "подтверждённых затрат на логистику, страхование, сертификацию, расходные материалы и комплектующие, оплату "
        "труда, ремонт и обслуживание, аренду оборудования; не более 2 000 000 ₽ на одно пилотное тестирование.",
        "summary_en": "For a technology company that is a participant of the cluster and pilots a product on a city "
        "site: 100% of the eligible costs (logistics, insurance, certification, consumables and components, labour, "
        "repair and maintenance, equipment rental), at most 2,000,000 ₽ per pilot test.",
        "rules": [
            {"kind": "applicant_participant"},
            {
                "kind": "item_rate",
                "rates": {
                    "logistics": "1.00",
                    "insurance": "1.00",
                    "certification": "1.00",
                    "consumables": "1.00",
                    "labor": "1.00",
                    "maintenance": "1.00",
                    "equipment_rental": "1.00",
                },
            },
            {"kind": "application_cap", "limit": "2000000.00"},
        ],
    },
    {
        "code": "patent-compensation",
        "order": 2,
        "applicant_kind": "organization",
        "title_ru": "Компенсация затрат на патентование",
        "title_en": "Compensation of patenting costs",
        "summary_ru": "Участнику кластера: 100% затрат на каждую заявку на патент, но не более 75 000 ₽ за российскую "
        "и 2 000 000 ₽ за зарубежную; несколько заявок в одном обращении.",
        "summary_en": "For a participant: 100% of the cost of each patent application, at most 75,000 ₽ for a Russian "
        "one and 2,000,000 ₽ for a foreign one; several in one application.",
        "rules": [
            {"kind": "applicant_participant"},
            {"kind": "item_rate", "rates": {"patent": "1.00"}},
            {
                "kind": "item_cap_by_attribute",
                "attribute": "jurisdiction",
                "caps": {"ru": "75000.00", "foreign": "2000000.00"},
            },
        ],
    },
    {
        "code": "equipment-cofinancing",
        "order": 3,
        "applicant_kind": "organization",
        "title_ru": "Софинансирование покупки оборудования, лизинга и процентов по кредитам",
        "title_en": "Co-financing of equipment purchase, leasing and loan interest",
        "summary_ru": "Участнику кластера — микро-, малому или среднему предприятию: 50% затрат на отечественное и 35% "
        "на импортное оборудование (покупка, лизинг, проценты по кредиту), затраты не ранее 1 января 2022 года; не более "
        "30 000 000 ₽ на организацию в календарный год с учётом уже одобренного.",
        "summary_en": "For a participant that is a micro, small or medium enterprise: 50% of the cost of domestic and "
        "35% of imported equipment (purchase, leasing, loan interest), costs dated from 1 January 2022; at most "
        "30,000,000 ₽ per organisation per calendar year, counting what was already approved.",
        "rules": [
            {"kind": "applicant_participant"},
            {"kind": "eligible_sme", "categories": ["micro", "small", "medium"]},
            {
                "kind": "item_rate_by_attribute",
                "categories": ["purchase", "leasing", "loan_interest"],
                "attribute": "origin",
                "rates": {"domestic": "0.50", "imported": "0.35"},
            },
            {"kind": "date_floor", "date": "2022-01-01"},
            {"kind": "annual_cap", "per": "organization", "limit": "30000000.00"},
        ],
    },
    {
        "code": "angel-refund",
        "order": 4,
        "applicant_kind": "person",
        "title_ru": "Возврат части инвестиций бизнес-ангелу",
        "title_en": "Refund of part of a business angel's investment",
        "summary_ru": "Частному инвестору: 50% инвестиции в компанию, которая на дату инвестиции состояла в реестре "
        "стартапов и высокотехнологичных компаний; не более 10 000 000 ₽ на инвестора в календарный год.",
        "summary_en": "For a private investor: 50% of an investment in a company that was in the register of startups "
        "and high-tech companies on the investment date; at most 10,000,000 ₽ per investor per calendar year.",
        "rules": [
            {"kind": "applicant_person"},
            {"kind": "item_rate", "rates": {"investment": "0.50"}},
            {"kind": "investee_in_register"},
            {"kind": "annual_cap", "per": "person", "limit": "10000000.00"},
        ],
    },
    {
        "code": "import-substitution",
        "order": 5,
        "applicant_kind": "organization",
        "title_ru": "Грант на создание и расширение импортозамещающего производства",
        "title_en": "Grant for creating or expanding import-substituting production",
        "summary_ru": "Участнику кластера: 50% затрат на недвижимость, подключение к сетям, права на РИД, оборудование и "
        "программное обеспечение, 25% — на оплату труда; не более 100 000 000 ₽ на проект. Выплаты три года: аванс 25% "
        "после соглашения, затем ежегодно по подтверждённым фактическим затратам.",
        "summary_en": "For a participant: 50% of the costs of real estate, utility connections, IP rights, equipment "
        "and software, 25% of salaries; at most 100,000,000 ₽ per project. Paid over 3 years: an advance of 25% on the "
        "agreement, then yearly against confirmed actual costs.",
        "rules": [
            {"kind": "applicant_participant"},
            {
                "kind": "item_rate",
                "rates": {
                    "real_estate": "0.50",
                    "utility_connection": "0.50",
                    "ip_rights": "0.50",
                    "equipment": "0.50",
                    "software": "0.50",
                    "salaries": "0.25",
                },
            },
            {"kind": "application_cap", "limit": "100000000.00"},
            {"kind": "payment_schedule", "advance_share": "0.25", "years": 3},
        ],
    },
]
EFFECTIVE_FROM = "2022-01-01"


def create(apps, schema_editor):
    Measure = apps.get_model("measures", "Measure")
    MeasureVersion = apps.get_model("measures", "MeasureVersion")
    for data in MEASURES:
        data = dict(data)
        rules = data.pop("rules")
        measure, _ = Measure.objects.update_or_create(code=data.pop("code"), defaults=data)
        MeasureVersion.objects.get_or_create(
            measure=measure, effective_from=EFFECTIVE_FROM, defaults={"rules": rules, "note": "SPEC.md C5"}
        )


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
