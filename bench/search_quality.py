"""Partner-search quality on a judged query set over the demo cluster: recall@3 and nDCG@10 for
lexical only (text and name rankings), meaning only, and the fused ranking.

    .venv/bin/python bench/search_quality.py      # data in var/bench-quality unless INNOCLUSTER_DATA_DIR is set

The demo cluster is seeded once with the default 500 organisations and seed 2026. Each query is
judged by concept markers written by hand: an organisation is relevant when its public profile
(capabilities, products, descriptions) contains one of the query's markers in either language —
so a typo, another word form or the other language must still find what the markers name."""

import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.config.settings")
os.environ.setdefault("INNOCLUSTER_DATA_DIR", str(ROOT / "var" / "bench-quality"))

import django

django.setup()

from django.core.management import call_command

from innocluster.organizations.models import Organization
from innocluster.partners import search

LASER = ["лазерная резка листового металла", "sheet metal laser cutting", "лазерная резка"]
TURNING = ["токарная обработка", "cnc turning", "токарно-фрезерн", "mill-turn"]
MILLING = ["фрезерная обработка", "фрезеровка", "cnc milling", "фрезерн"]
MOULDING = ["литьё под давлением", "литьё пластмасс", "injection moulding", "die casting"]
FIBRE = ["оптоволок", "волоконн", "fiber optic", "fibre optic", "fusion splicing"]
VIDEO = ["видеоаналитик", "video surveillance", "видеонаблюден"]
QUERIES = [
    # Russian, as written in profiles and in other forms
    ("токарная обработка", TURNING),
    ("токарную обработку деталей", TURNING),
    ("токарка", TURNING),
    ("токраная обработка", TURNING),
    ("фрезерная обработка", MILLING),
    ("фрезеровка", MILLING),
    ("фрезерную обработку", MILLING),
    ("фрезерованя", MILLING),
    ("литьё под давлением", MOULDING),
    ("литье под давлением", MOULDING),
    ("литьё пластмас", MOULDING),
    ("оптоволокно", FIBRE),
    ("оптоволоконные датчики", FIBRE),
    ("оптаволоконые датчики", FIBRE),
    ("лазерная резка листового металла", LASER),
    ("лазерную резку металла", LASER),
    ("видеоаналитика", VIDEO),
    ("системы видеонаблюдения", VIDEO),
    (
        "3D-печать металлом",
        [
            "3d-печать металл",
            "metal 3d printing",
            "селективное лазерное сплавление",
            "selective laser melting",
        ],
    ),
    ("селективное лазерное сплавление", ["селективное лазерное сплавление", "selective laser melting"]),
    ("поверхностный монтаж", ["поверхностный монтаж", "smt assembly", "smd"]),
    ("проектирование печатных плат", ["печатных плат", "pcb design"]),
    ("зарядные станции для электромобилей", ["зарядн", "charging station", "dc fast charging"]),
    ("аккумуляторные батареи", ["аккумулятор", "battery", "батаре"]),
    ("кубсаты", ["кубсат", "cubesat"]),
    ("дистанционное зондирование Земли", ["зондирован", "earth observation"]),
    ("аэрофотосъёмка", ["аэрофотосъ", "aerial photography"]),
    ("агродроны", ["агродрон", "agricultural drone", "сельскохозяйственн"]),
    ("коллаборативные роботы", ["коллаборативн", "collaborative robot", "коботы"]),
    ("роботизированная сварка", ["роботизированн", "robotic welding"]),
    ("холтеровское мониторирование", ["холтер", "holter"]),
    ("ультразвуковая диагностика", ["ультразвук", "ultrasound"]),
    ("промышленный дизайн", ["промышленный дизайн", "industrial design"]),
    ("дизайн корпусов", ["дизайн корпус", "enclosure design"]),
    ("распознавание лиц", ["распознавание лиц", "face recognition"]),
    ("информационная безопасность", ["информационная безопасность", "cybersecurity", "siem"]),
    ("проектирование интегральных микросхем", ["интегральных микросхем", "ic design", "asic"]),
    ("МЭМС-датчики", ["мэмс", "mems"]),
    ("волоконные лазеры", ["волоконные лазеры", "fiber lasers"]),
    ("тепловизоры", ["тепловиз", "thermal imaging"]),
    # English queries for Russian (and English) profiles
    ("laser cutting of sheet metal", LASER),
    ("CNC milling", MILLING),
    ("CNC turning", TURNING),
    ("injection moulding", MOULDING),
    ("fiber optic sensors", FIBRE),
    ("video surveillance analytics", VIDEO),
    ("metal 3D printing", ["3d-печать металл", "metal 3d printing", "селективное лазерное сплавление"]),
    ("PCB assembly", ["поверхностный монтаж", "smt assembly", "печатных плат", "pcb"]),
    ("EV charging stations", ["зарядн", "charging station"]),
    ("small satellites", ["малые космические аппараты", "small satellites", "кубсат", "cubesat"]),
    ("drone aerial photography", ["аэрофотосъ", "aerial photography"]),
    ("collaborative robots", ["коллаборативн", "collaborative robot"]),
    ("ultrasound imaging", ["ультразвук", "ultrasound"]),
    ("industrial design studio", ["промышленный дизайн", "industrial design"]),
    ("face recognition", ["распознавание лиц", "face recognition"]),
    ("MEMS sensors", ["мэмс", "mems"]),
    ("thermal imaging cameras", ["тепловиз", "thermal imaging"]),
    ("traction batteries", ["тягов", "traction battery"]),
    ("robotic welding cells", ["роботизированн", "robotic welding", "robotic cells"]),
    ("wire EDM", ["электроэрозион", "wire edm"]),
    # Russian queries meant for what is written in English too
    ("сварка оптоволокна", ["сварка оптоволокна", "fusion splicing"]),
    ("машинное зрение", ["машинное зрение", "machine vision", "компьютерное зрение", "computer vision"]),
    ("печать фотополимерами", ["фотополимер", "sla printing"]),
    ("цифровые двойники", ["цифров", "digital twin"]),
    ("большие языковые модели", ["языковые модели", "large language models", "llm"]),
    ("интеграция с 1С", ["1с", "1c integration"]),
    ("порошковая покраска", ["порошков", "powder coating"]),
    ("анодирование", ["анодир", "anodizing"]),
]


def relevant_ids(markers: list[str]) -> set[int]:
    ids = set()
    for organization in Organization.objects.only(
        "pk", "capabilities", "products", "description_ru", "description_en"
    ):
        text = " ".join(
            [
                *organization.capabilities,
                *organization.products,
                organization.description_ru,
                organization.description_en,
            ]
        ).lower()
        if any(marker.lower() in text for marker in markers):
            ids.add(organization.pk)
    return ids


def ndcg(ranked: list[int], relevant: set[int], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(ranked[:k]) if pk in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def main() -> None:
    call_command("migrate", verbosity=0)
    if not Organization.objects.exists():
        call_command("seed_demo", organizations=500, seed=2026, quiet=True)
    modes = {"lexical": {"meaning": False}, "meaning": {"text": False}, "fused": {}}
    totals = {mode: [0.0, 0.0] for mode in modes}
    judged = 0
    for query, markers in QUERIES:
        relevant = relevant_ids(markers)
        if not relevant:
            print(f"no relevant organisation for {query!r}: left out")
            continue
        judged += 1
        for mode, options in modes.items():
            ranked = [h.organization_id for h in search.search(query, limit=10, **options).hits]
            totals[mode][0] += len(set(ranked[:3]) & relevant) / min(3, len(relevant))
            totals[mode][1] += ndcg(ranked, relevant)
    print(f"{judged} judged queries over {Organization.objects.count()} organisations")
    for mode, (recall, gain) in totals.items():
        print(f"{mode:<8} recall@3 {recall / judged:.3f}   nDCG@10 {gain / judged:.3f}")


if __name__ == "__main__":
    main()
