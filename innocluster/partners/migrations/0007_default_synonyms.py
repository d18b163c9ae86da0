"""The synonyms the platform ships for the cluster's fields (coordinators change them in the back
office). Each line is one group: the abbreviations, the Russian words and the English ones."""

from django.db import migrations

DEFAULTS = [
    (
        "БПЛА, беспилотник, беспилотный летательный аппарат, беспилотные авиационные системы, БАС, дрон, "
        "квадрокоптер, мультикоптер, UAV, drone",
        "беспилотная авиация",
    ),
    (
        "ИИ, искусственный интеллект, машинное обучение, нейросеть, нейронные сети, AI, "
        "artificial intelligence, machine learning, neural network",
        "искусственный интеллект",
    ),
    (
        "информационная безопасность, защита информации, кибербезопасность, кибератака, киберзащита, ИБ, "
        "cybersecurity, information security",
        "защита информации",
    ),
    (
        "телемедицина, дистанционные консультации, удалённые консультации врачей, дистанционный мониторинг "
        "пациентов, telemedicine, remote consultation",
        "медицина на расстоянии",
    ),
    ("ЧПУ, числовое программное управление, станки с ЧПУ, обрабатывающий центр, CNC", "станки"),
    ("СВЧ, сверхвысокочастотный, микроволновый, радиочастотный, ВЧ, microwave, RF", "радиочастоты"),
    (
        "НИОКР, научно-исследовательские и опытно-конструкторские работы, R&D, research and development",
        "исследования",
    ),
    (
        "АСУ ТП, автоматизированная система управления технологическим процессом, SCADA, "
        "промышленная автоматизация, industrial automation",
        "автоматизация",
    ),
    ("САПР, системы автоматизированного проектирования, CAD, CAE", "проектирование"),
    (
        "ВОЛС, волоконно-оптическая линия связи, оптоволокно, волоконная оптика, fiber optics, fibre optics",
        "оптическая связь",
    ),
    ("ПО, программное обеспечение, софт, software", "программы"),
    ("ИТ, IT, информационные технологии, information technology", "ИТ"),
    (
        "3D-печать, аддитивное производство, аддитивные технологии, трёхмерная печать, 3D printing, "
        "additive manufacturing",
        "аддитивные технологии",
    ),
    ("робот, робототехника, роботизированный комплекс, роботизация, манипулятор, robotics, robot", "роботы"),
    ("сварка, сварочные работы, сварной, welding", "сварка"),
    ("электромобиль, электротранспорт, электробус, EV, electric vehicle", "электротранспорт"),
    ("аккумулятор, АКБ, накопитель энергии, батарея, battery, energy storage", "хранение энергии"),
    (
        "микроэлектроника, микросхема, интегральная схема, чип, ИМС, microelectronics, integrated circuit, "
        "chip",
        "микроэлектроника",
    ),
    ("печатная плата, ПП, PCB, printed circuit board", "электроника"),
    ("интернет вещей, IoT, internet of things", "интернет вещей"),
    (
        "видеоаналитика, компьютерное зрение, распознавание изображений, computer vision, video analytics",
        "зрение машин",
    ),
    ("лазерная резка, лазерный раскрой, laser cutting", "лазер"),
    ("биотехнологии, биопрепараты, биофармацевтика, biotech, biotechnology", "биотехнологии"),
    ("фармацевтика, лекарственные препараты, лекарства, pharma, pharmaceuticals", "лекарства"),
    ("медицинские изделия, медтехника, медицинское оборудование, medical devices, medtech", "медтехника"),
    ("наноматериалы, нанотехнологии, nanomaterials, nanotechnology", "нано"),
    ("композиты, композитные материалы, углепластик, composites, carbon fibre", "материалы"),
    ("радиолокация, радар, РЛС, radar", "радиолокация"),
    ("спутник, космический аппарат, КА, satellite, spacecraft", "космос"),
    ("агротехнологии, сельское хозяйство, агротех, agritech, agriculture", "агро"),
    ("образовательные технологии, EdTech, онлайн-обучение, e-learning", "образование"),
    ("большие данные, Big Data, аналитика данных, data analytics", "данные"),
    ("блокчейн, распределённый реестр, blockchain", "реестры"),
    ("умный город, smart city", "город"),
]


def create(apps, schema_editor):
    Synonym = apps.get_model("partners", "Synonym")
    for terms, note in DEFAULTS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("partners", "0006_synonyms")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
