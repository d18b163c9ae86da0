"""Static vocabulary for the demo-data generator (pure Python, no Django imports).

Industries modelled on the Moscow Innovation Cluster (i.moscow) catalogue: each industry
carries OKVED 2 class codes (first one is the main code), name stems for company names in
Cyrillic and Latin, realistic descriptions, capability tags and product names in Russian and
English. Plus personal names, legal forms, Moscow streets and region -> city mapping.
"""

from __future__ import annotations

INDUSTRIES: list[dict] = [
    {
        "key": "microelectronics",
        "okved": ["26", "72", "71"],
        "name_stems_ru": [
            "Микросистемы",
            "Нанотех",
            "Кремний",
            "ЭлектронТех",
            "Интеграл",
            "МикроЧип",
            "Силовые Компоненты",
            "ПолупроводникЛаб",
            "Кристалл",
            "СхемоТехника",
            "ТопологияПро",
            "КМОП Технологии",
            "ГетероСтруктура",
            "НитридЛаб",
            "СБИС-Проект",
        ],
        "name_stems_en": [
            "Mikrosistemy",
            "NanoTech",
            "Kremniy",
            "ElektronTech",
            "Integral",
            "MikroChip",
            "SiliconPower",
            "PoluprovodnikLab",
            "Kristall",
            "SkhemoTekhnika",
            "TopologyPro",
            "CMOS Technologies",
            "GeteroStruktura",
            "NitrideLab",
            "VLSI Project",
        ],
        "descriptions_ru": [
            (
                "Проектируем и выпускаем интегральные микросхемы для силовой электроники по технологии 180 "
                "нм; ведём полный цикл от топологии до корпусирования."
            ),
            (
                "Дизайн-центр разрабатывает СБИС и сложно-функциональные блоки на RISC-V для промышленной "
                "автоматики, интернета вещей и телекоммуникационного оборудования."
            ),
            (
                "Производим силовые транзисторы MOSFET и диоды Шоттки на карбиде кремния для зарядных "
                "станций, солнечных инверторов и источников питания."
            ),
            (
                "Выполняем корпусирование кристаллов, разварку проволокой, монтаж flip-chip и функциональный "
                "контроль микросхем на пластине и в корпусе."
            ),
            (
                "Разрабатываем МЭМС-датчики давления, акселерометры и гироскопы для автомобильной, "
                "медицинской и навигационной техники; серийные поставки от 10 тысяч штук."
            ),
            (
                "Предлагаем услуги верификации, физического проектирования и тестирования микросхем, "
                "подготовку тестовых программ для автоматического тестового оборудования."
            ),
            (
                "Выращиваем эпитаксиальные гетероструктуры на основе нитрида галлия и арсенида галлия для "
                "СВЧ-транзисторов, усилителей мощности и светодиодов."
            ),
            (
                "Создаём специализированные микроконтроллеры и ПЛИС-решения для систем учёта энергоресурсов, "
                "умных счётчиков и промышленных контроллеров."
            ),
            (
                "Фотолитография, плазмохимическое травление и напыление тонких плёнок на пластинах диаметром "
                "150 и 200 мм в чистых помещениях класса ISO 5."
            ),
            (
                "Разрабатываем радиационно стойкую элементную базу для космических аппаратов: АЦП, ЦАП, "
                "интерфейсные микросхемы и стабилизаторы напряжения."
            ),
        ],
        "descriptions_en": [
            (
                "We design and manufacture power management ICs on a 180 nm process, covering the full cycle "
                "from layout to packaging and final test."
            ),
            (
                "Fabless design house developing RISC-V microcontrollers and IP cores for industrial "
                "automation, IoT devices and telecom equipment."
            ),
            (
                "We produce silicon carbide MOSFETs and Schottky diodes for EV chargers, solar inverters and "
                "industrial power supplies."
            ),
            (
                "Semiconductor packaging services: die attach, wire bonding, flip-chip assembly and "
                "wafer-level testing for small and medium production runs."
            ),
            (
                "Developer of MEMS pressure sensors, accelerometers and gyroscopes for automotive, medical "
                "and navigation applications."
            ),
            (
                "We offer ASIC verification, physical design and test program development for automatic test "
                "equipment (ATE)."
            ),
            (
                "Epitaxial growth of GaN and GaAs heterostructures for RF transistors, power amplifiers and "
                "LED chips."
            ),
            (
                "Radiation-hardened ADCs, DACs and voltage regulators for satellites and other space-grade "
                "electronics."
            ),
            (
                "Photolithography, plasma etching and thin-film deposition on 150 and 200 mm wafers in ISO "
                "class 5 cleanrooms."
            ),
        ],
        "capabilities_ru": [
            "проектирование интегральных микросхем",
            "топологическое проектирование",
            "верификация СБИС",
            "корпусирование микросхем",
            "разварка кристаллов",
            "монтаж flip-chip",
            "тестирование на пластине",
            "фотолитография",
            "плазмохимическое травление",
            "напыление тонких плёнок",
            "эпитаксия нитрида галлия",
            "МЭМС-датчики",
            "силовая электроника на карбиде кремния",
            "проектирование ПЛИС",
            "IP-блоки RISC-V",
            "радиационно стойкая ЭКБ",
            "аналого-цифровые микросхемы",
            "СВЧ-микросхемы",
        ],
        "capabilities_en": [
            "IC design",
            "ASIC layout",
            "VLSI verification",
            "semiconductor packaging",
            "wire bonding",
            "flip-chip assembly",
            "wafer probing",
            "photolithography",
            "plasma etching",
            "thin film deposition",
            "GaN epitaxy",
            "MEMS sensors",
            "SiC power devices",
            "FPGA design",
            "RISC-V IP cores",
            "radiation-hardened electronics",
            "mixed-signal design",
            "RF ICs",
        ],
        "products_ru": [
            "микроконтроллер на ядре RISC-V",
            "силовой MOSFET-транзистор на SiC",
            "МЭМС-акселерометр",
            "МЭМС-датчик давления",
            "контроллер заряда аккумуляторов",
            "24-разрядный АЦП",
            "СВЧ-усилитель мощности на GaN",
            "драйвер светодиодов",
            "микросхема стабилизатора напряжения",
            "RFID-метка UHF-диапазона",
        ],
        "products_en": [
            "RISC-V microcontroller",
            "SiC power MOSFET",
            "MEMS accelerometer",
            "MEMS pressure sensor",
            "battery charge controller IC",
            "24-bit ADC",
            "GaN RF power amplifier",
            "LED driver IC",
            "low-dropout voltage regulator",
            "UHF RFID chip",
        ],
    },
    {
        "key": "photonics",
        "okved": ["26", "27", "72", "32"],
        "name_stems_ru": [
            "ФотонЛаб",
            "Оптосистемы",
            "ЛазерТех",
            "Световод",
            "ОптоЭлектроника",
            "Фотоника Плюс",
            "Спектр",
            "ЛюминаТех",
            "ИнфраОптика",
            "КогерентЛаб",
            "Волоконные Технологии",
            "ОптоСенсор",
            "Квант-Оптикс",
            "ЛазерМаш",
        ],
        "name_stems_en": [
            "FotonLab",
            "OptoSystems",
            "LaserTech",
            "Svetovod",
            "OptoElektronika",
            "Photonica Plus",
            "Spektr",
            "LuminaTech",
            "InfraOptika",
            "KogerentLab",
            "FiberTech",
            "OptoSensor",
            "KvantOptics",
            "LaserMash",
        ],
        "descriptions_ru": [
            (
                "Разрабатываем и производим оптоволоконные датчики температуры и деформации на брэгговских "
                "решётках для мониторинга мостов, трубопроводов и энергообъектов."
            ),
            (
                "Выпускаем волоконные лазеры мощностью до 3 кВт для резки, сварки и маркировки металлов; "
                "сервисное обслуживание и модернизация лазерных источников."
            ),
            (
                "Изготавливаем прецизионную оптику: линзы, призмы, зеркала и светофильтры с многослойными "
                "интерференционными покрытиями для ИК- и видимого диапазона."
            ),
            (
                "Проектируем тепловизионные модули и объективы для инфракрасного диапазона 8–14 мкм на базе "
                "неохлаждаемых микроболометров."
            ),
            (
                "Производим компоненты для волоконно-оптических линий связи: оптические разветвители, "
                "WDM-мультиплексоры, патч-корды и оптические кроссы."
            ),
            (
                "Разрабатываем лидары и системы машинного зрения для беспилотного транспорта, складской "
                "робототехники и контроля геометрии изделий."
            ),
            (
                "Создаём компактные спектрометры и анализаторы для контроля состава веществ в пищевой, "
                "химической и фармацевтической промышленности."
            ),
            (
                "Выпускаем мощные светодиодные модули и вторичную оптику для промышленного и уличного "
                "освещения, а также УФ-светодиоды для обеззараживания."
            ),
            (
                "Разрабатываем фотонные интегральные схемы на кремнии и ниобате лития для электрооптических "
                "модуляторов, квантовых коммуникаций и оптических вычислений."
            ),
            (
                "Собираем оптоволоконные гироскопы и распределённые системы акустического мониторинга "
                "периметра и трубопроводов по оптоволокну."
            ),
        ],
        "descriptions_en": [
            (
                "We develop fiber Bragg grating sensors for temperature and strain monitoring of bridges, "
                "pipelines and power facilities."
            ),
            (
                "Manufacturer of fiber lasers up to 3 kW for metal cutting, welding and marking, with "
                "service and retrofit of laser sources."
            ),
            (
                "Precision optics shop: lenses, prisms, mirrors and optical filters with multilayer "
                "interference coatings for visible and IR ranges."
            ),
            (
                "We design thermal imaging cores and infrared lenses for the 8–14 µm band based on uncooled "
                "microbolometers."
            ),
            (
                "Passive components for fiber optic networks: PLC splitters, WDM multiplexers, patch cords "
                "and optical distribution frames."
            ),
            (
                "Developer of lidars and machine vision systems for autonomous vehicles, warehouse robots "
                "and dimensional inspection."
            ),
            (
                "Compact spectrometers and gas analyzers for process control in the food, chemical and "
                "pharmaceutical industries."
            ),
            (
                "Silicon and lithium niobate photonic integrated circuits for modulators, quantum key "
                "distribution and optical computing."
            ),
            (
                "Distributed acoustic sensing over optical fiber for perimeter security, pipeline leak "
                "detection and railway monitoring."
            ),
        ],
        "capabilities_ru": [
            "оптоволоконные датчики",
            "волоконные брэгговские решётки",
            "волоконные лазеры",
            "лазерная маркировка",
            "прецизионная оптика",
            "шлифовка и полировка оптики",
            "напыление оптических покрытий",
            "тепловизионные модули",
            "ИК-оптика",
            "волоконно-оптические линии связи",
            "сварка оптоволокна",
            "лидары",
            "машинное зрение",
            "спектрометрия",
            "фотонные интегральные схемы",
            "квантовая криптография",
            "светодиодная оптика",
            "распределённое акустическое зондирование",
        ],
        "capabilities_en": [
            "fiber optic sensors",
            "fiber Bragg gratings",
            "fiber lasers",
            "laser marking",
            "precision optics",
            "optical polishing",
            "optical thin-film coatings",
            "thermal imaging",
            "infrared optics",
            "fiber optic communication",
            "fusion splicing",
            "lidar",
            "machine vision",
            "spectroscopy",
            "photonic integrated circuits",
            "quantum key distribution",
            "LED optics",
            "distributed acoustic sensing",
        ],
        "products_ru": [
            "волоконный лазер 1 кВт",
            "оптоволоконный датчик температуры",
            "тепловизионный модуль 640×512",
            "германиевый ИК-объектив",
            "оптический разветвитель PLC 1×32",
            "лидар кругового обзора",
            "портативный ИК-спектрометр",
            "лазерный интерферометр",
            "система охраны периметра по оптоволокну",
            "УФ-облучатель для обеззараживания",
        ],
        "products_en": [
            "1 kW fiber laser",
            "fiber optic temperature sensor",
            "640×512 thermal camera core",
            "germanium IR lens",
            "1×32 PLC splitter",
            "360° lidar",
            "handheld NIR spectrometer",
            "laser interferometer",
            "fiber optic perimeter intrusion detection system",
            "UV-C disinfection module",
        ],
    },
    {
        "key": "robotics",
        "okved": ["28", "62", "72", "33"],
        "name_stems_ru": [
            "Робототехника",
            "РобоСистемы",
            "Манипулятор",
            "АвтоматикаПро",
            "Мехатроника",
            "Сервопривод",
            "Кибертех",
            "РоботЛаб",
            "Промавтоматика",
            "УмныйСклад",
            "ТехноРобот",
            "Кобот",
            "Движение",
            "ИнтеллектМаш",
        ],
        "name_stems_en": [
            "Robototekhnika",
            "RoboSystems",
            "Manipulyator",
            "AvtomatikaPro",
            "Mekhatronika",
            "ServoDrive",
            "CyberTech",
            "RobotLab",
            "PromAvtomatika",
            "SmartSklad",
            "TechnoRobot",
            "Kobot",
            "Dvizhenie",
            "IntellektMash",
        ],
        "descriptions_ru": [
            (
                "Разрабатываем и внедряем роботизированные ячейки сварки, паллетирования и обслуживания "
                "станков с ЧПУ на базе промышленных роботов грузоподъёмностью до 300 кг."
            ),
            (
                "Выпускаем коллаборативные роботы-манипуляторы с шестью степенями свободы для сборочных "
                "операций, упаковки и работы рядом с человеком."
            ),
            (
                "Создаём автономные мобильные роботы и AGV-тележки для внутрискладской логистики с "
                "навигацией по SLAM и интеграцией с WMS-системами."
            ),
            (
                "Производим сервоприводы, волновые редукторы и бесколлекторные двигатели для робототехники и "
                "станкостроения."
            ),
            (
                "Разрабатываем системы технического зрения для роботов: распознавание и захват деталей из "
                "навала, контроль качества и сортировка."
            ),
            (
                "Проектируем сервисных роботов для торговых центров, музеев и банков: автономная навигация, "
                "голосовой интерфейс и удалённое управление через облако."
            ),
            (
                "Внедряем системы автоматизации производственных линий: программирование ПЛК, SCADA, "
                "пусконаладка и обучение персонала заказчика."
            ),
            (
                "Выпускаем роботы для инспекции трубопроводов, резервуаров и кабельных коллекторов с "
                "телеметрией и ультразвуковым контролем толщины стенок."
            ),
            (
                "Разрабатываем экзоскелеты для промышленности и реабилитации, а также дистанционно "
                "управляемые манипуляторы для работы в опасных средах."
            ),
        ],
        "descriptions_en": [
            (
                "We design and integrate robotic welding, palletizing and machine tending cells built on "
                "industrial robots with payloads up to 300 kg."
            ),
            (
                "Manufacturer of six-axis collaborative robot arms for assembly, packaging and other tasks "
                "alongside human workers."
            ),
            (
                "Autonomous mobile robots and AGVs for warehouse intralogistics with SLAM navigation and WMS "
                "integration."
            ),
            (
                "We produce servo drives, strain wave gearboxes and BLDC motors for robotics and machine "
                "tool builders."
            ),
            (
                "Robot vision systems for bin picking of randomly placed parts, quality inspection and "
                "sorting on production lines."
            ),
            (
                "Service robots for shopping malls, museums and banks with autonomous navigation, voice "
                "interface and cloud fleet management."
            ),
            (
                "Factory automation integrator: PLC programming, SCADA development, commissioning and "
                "operator training."
            ),
            (
                "Inspection robots for pipelines, tanks and cable tunnels with telemetry and ultrasonic wall "
                "thickness measurement."
            ),
            (
                "Industrial and medical exoskeletons, plus teleoperated manipulators for nuclear, chemical "
                "and other hazardous environments."
            ),
        ],
        "capabilities_ru": [
            "роботизированная сварка",
            "паллетирование",
            "коллаборативные роботы",
            "роботизированные ячейки",
            "автономные мобильные роботы",
            "навигация SLAM",
            "сервоприводы",
            "волновые редукторы",
            "техническое зрение",
            "захват деталей из навала",
            "программирование ПЛК",
            "SCADA-системы",
            "пусконаладка оборудования",
            "мехатроника",
            "обслуживание станков роботами",
            "экзоскелеты",
            "инспекционные роботы",
            "разработка на ROS",
        ],
        "capabilities_en": [
            "robotic welding",
            "palletizing",
            "collaborative robots",
            "robotic cells",
            "autonomous mobile robots",
            "SLAM navigation",
            "servo drives",
            "strain wave gears",
            "robot vision",
            "bin picking",
            "PLC programming",
            "SCADA",
            "commissioning",
            "mechatronics",
            "machine tending",
            "exoskeletons",
            "inspection robots",
            "ROS development",
        ],
        "products_ru": [
            "коллаборативный робот грузоподъёмностью 10 кг",
            "роботизированный сварочный комплекс",
            "складской AGV-робот",
            "волновой редуктор",
            "сервопривод с абсолютным энкодером",
            "робот-паллетайзер",
            "сервисный робот-консультант",
            "промышленный экзоскелет",
            "робот для инспекции трубопроводов",
        ],
        "products_en": [
            "10 kg payload cobot",
            "robotic welding cell",
            "warehouse AGV",
            "strain wave gearbox",
            "servo drive with absolute encoder",
            "palletizing robot",
            "service reception robot",
            "industrial exoskeleton",
            "pipeline inspection crawler",
        ],
    },
    {
        "key": "medtech",
        "okved": ["32", "26", "72", "21"],
        "name_stems_ru": [
            "МедТех",
            "БиоМед",
            "МедПрибор",
            "Кардиотех",
            "Медицинские Системы",
            "НейроЛаб",
            "ОртоТех",
            "ДиагностикаПро",
            "ХирургИнструмент",
            "ЭндоСкан",
            "ВитаМед",
            "РеабилитацияТех",
            "ИмплантТех",
            "СоноМед",
        ],
        "name_stems_en": [
            "MedTech",
            "BioMed",
            "MedPribor",
            "KardioTech",
            "MedSystems",
            "NeuroLab",
            "OrthoTech",
            "DiagnostikaPro",
            "SurgiTools",
            "EndoScan",
            "VitaMed",
            "RehabTech",
            "ImplantTech",
            "SonoMed",
        ],
        "descriptions_ru": [
            (
                "Разрабатываем и производим портативные ультразвуковые сканеры для экспресс-диагностики в "
                "машинах скорой помощи и сельских фельдшерских пунктах."
            ),
            (
                "Выпускаем кардиомониторы и холтеровские регистраторы ЭКГ с облачной платформой для анализа "
                "записей с помощью нейросетей."
            ),
            (
                "Изготавливаем индивидуальные титановые имплантаты и эндопротезы по данным КТ методом "
                "селективного лазерного сплавления."
            ),
            (
                "Производим хирургические инструменты из нержавеющей стали и титана для лапароскопии, "
                "травматологии и офтальмологии."
            ),
            (
                "Разрабатываем программное обеспечение поддержки врачебных решений: анализ рентгеновских "
                "снимков и КТ лёгких с помощью компьютерного зрения."
            ),
            (
                "Выпускаем реабилитационные тренажёры с биологической обратной связью и роботизированные "
                "комплексы для восстановления ходьбы после инсульта."
            ),
            (
                "Производим одноразовые медицинские изделия из полимеров методом литья под давлением: "
                "шприцы, катетеры, системы для инфузии."
            ),
            (
                "Создаём тест-системы для ПЦР-диагностики и иммунохроматографические экспресс-тесты для "
                "лабораторий и пунктов неотложной помощи."
            ),
            (
                "Разрабатываем носимые устройства для мониторинга пульса, сатурации и артериального давления "
                "с передачей данных в медицинскую информационную систему."
            ),
            (
                "Помогаем производителям с регистрацией медицинских изделий в Росздравнадзоре: технические "
                "испытания, токсикология, клинические исследования."
            ),
        ],
        "descriptions_en": [
            (
                "We develop portable ultrasound scanners for point-of-care diagnostics in ambulances and "
                "rural clinics."
            ),
            (
                "Cardiac monitors and Holter ECG recorders with a cloud platform for AI-based arrhythmia "
                "detection and reporting."
            ),
            (
                "Patient-specific titanium implants and joint prostheses made from CT data by selective "
                "laser melting."
            ),
            (
                "Surgical instruments made of stainless steel and titanium for laparoscopy, traumatology and "
                "ophthalmology."
            ),
            (
                "Clinical decision support software: computer vision analysis of chest X-rays, mammograms "
                "and lung CT scans."
            ),
            (
                "Biofeedback rehabilitation trainers and robotic gait training systems for post-stroke and "
                "spinal injury recovery."
            ),
            (
                "Injection-moulded single-use medical devices: syringes, catheters and infusion sets made in "
                "a cleanroom."
            ),
            (
                "Real-time PCR test kits and lateral flow rapid tests for clinical laboratories and urgent "
                "care centres."
            ),
            (
                "Wearable devices tracking heart rate, SpO2 and blood pressure with integration into "
                "hospital information systems."
            ),
        ],
        "capabilities_ru": [
            "ультразвуковая диагностика",
            "электрокардиография",
            "холтеровское мониторирование",
            "индивидуальные имплантаты",
            "эндопротезирование",
            "хирургические инструменты",
            "анализ медицинских изображений",
            "компьютерное зрение для рентгенологии",
            "реабилитационное оборудование",
            "биологическая обратная связь",
            "литьё медицинских изделий из полимеров",
            "ПЦР-диагностика",
            "экспресс-тесты",
            "носимые медицинские устройства",
            "регистрация медицинских изделий",
            "стерилизация",
            "телемедицина",
        ],
        "capabilities_en": [
            "ultrasound imaging",
            "ECG",
            "Holter monitoring",
            "patient-specific implants",
            "joint replacement",
            "surgical instruments",
            "medical image analysis",
            "AI radiology",
            "rehabilitation equipment",
            "biofeedback",
            "medical injection moulding",
            "PCR diagnostics",
            "rapid tests",
            "wearable health monitors",
            "medical device registration",
            "sterilization",
            "telemedicine",
        ],
        "products_ru": [
            "портативный УЗИ-сканер",
            "холтеровский монитор ЭКГ",
            "титановый эндопротез тазобедренного сустава",
            "набор лапароскопических инструментов",
            "программа анализа КТ лёгких",
            "роботизированный тренажёр для ходьбы",
            "пульсоксиметр",
            "ПЦР-тест-система",
            "инфузионный насос",
            "одноразовый катетер",
        ],
        "products_en": [
            "portable ultrasound scanner",
            "Holter ECG monitor",
            "titanium hip implant",
            "laparoscopic instrument set",
            "lung CT analysis software",
            "robotic gait trainer",
            "pulse oximeter",
            "PCR test kit",
            "infusion pump",
            "single-use catheter",
        ],
    },
    {
        "key": "electric_vehicles",
        "okved": ["29", "27", "30", "72"],
        "name_stems_ru": [
            "Электромобили",
            "ЭлектроДвижение",
            "ЭкоМотор",
            "Зарядные Системы",
            "ЭлектроТранс",
            "Аккумуляторные Технологии",
            "Тяговые Системы",
            "ВольтМоторс",
            "ЭлектроБус",
            "Энергия Движения",
            "ЛитийТех",
            "Электропривод",
            "Городская Мобильность",
            "ЗарядСеть",
        ],
        "name_stems_en": [
            "Elektromobili",
            "ElektroDvizhenie",
            "EcoMotor",
            "ChargeSystems",
            "ElektroTrans",
            "BatteryTech",
            "TyagovyeSistemy",
            "VoltMotors",
            "ElektroBus",
            "EnergyOfMotion",
            "LitiyTech",
            "Elektroprivod",
            "UrbanMobility",
            "ZaryadSet",
        ],
        "descriptions_ru": [
            (
                "Разрабатываем и собираем тяговые литий-ионные аккумуляторные батареи с системой управления "
                "BMS для электробусов, погрузчиков и коммерческого транспорта."
            ),
            (
                "Производим быстрые зарядные станции постоянного тока мощностью до 150 кВт с разъёмами CCS и "
                "GB/T и удалённым мониторингом по протоколу OCPP."
            ),
            (
                "Проектируем синхронные тяговые электродвигатели с постоянными магнитами и инверторы на "
                "SiC-транзисторах для лёгких коммерческих автомобилей."
            ),
            (
                "Переоборудуем серийные автомобили и малотоннажные грузовики в электромобили: установка "
                "тягового привода, батареи и бортового зарядного устройства."
            ),
            (
                "Выпускаем электросамокаты и электровелосипеды для шеринговых сервисов с телематикой, "
                "GPS-трекингом и сменными батареями."
            ),
            (
                "Разрабатываем встроенное ПО электронных блоков управления электромобилей: управление "
                "приводом, рекуперация, диагностика по шине CAN."
            ),
            (
                "Производим системы термостатирования батарей, жидкостные охлаждающие пластины и "
                "теплообменники для электротранспорта."
            ),
            (
                "Восстанавливаем тяговые батареи, перерабатываем отработанные литий-ионные элементы и "
                "собираем из них стационарные накопители энергии."
            ),
            (
                "Создаём малые электрические коммунальные машины и беспилотные электроплатформы для доставки "
                "грузов на закрытых территориях."
            ),
        ],
        "descriptions_en": [
            (
                "We design and assemble lithium-ion traction battery packs with BMS for electric buses, "
                "forklifts and commercial vehicles."
            ),
            (
                "DC fast charging stations up to 150 kW with CCS and GB/T connectors, payment terminals and "
                "remote monitoring via OCPP."
            ),
            (
                "Permanent magnet synchronous traction motors and SiC inverters for light commercial "
                "electric vehicles."
            ),
            (
                "EV conversion of production cars and light trucks: traction drive, battery pack and "
                "on-board charger installation."
            ),
            (
                "E-scooters and e-bikes for micromobility sharing operators with telematics, GPS tracking "
                "and swappable batteries."
            ),
            (
                "Embedded software for EV control units: motor control, regenerative braking and CAN bus "
                "diagnostics."
            ),
            (
                "Battery thermal management systems, liquid cold plates and heat exchangers for electric "
                "buses and trucks."
            ),
            (
                "Traction battery repair, second-life stationary energy storage and recycling of spent "
                "lithium-ion cells."
            ),
            (
                "Small electric utility vehicles and autonomous electric delivery platforms for campuses and "
                "industrial sites."
            ),
        ],
        "capabilities_ru": [
            "тяговые аккумуляторные батареи",
            "системы управления батареями BMS",
            "зарядные станции",
            "быстрая зарядка постоянным током",
            "протокол OCPP",
            "тяговые электродвигатели",
            "инверторы на карбиде кремния",
            "переоборудование в электромобили",
            "бортовые зарядные устройства",
            "шина CAN",
            "рекуперативное торможение",
            "термостатирование батарей",
            "переработка литий-ионных аккумуляторов",
            "накопители энергии",
            "телематика транспорта",
            "электрический коммерческий транспорт",
        ],
        "capabilities_en": [
            "traction battery packs",
            "battery management systems",
            "EV charging stations",
            "DC fast charging",
            "OCPP",
            "traction motors",
            "SiC inverters",
            "EV conversion",
            "on-board chargers",
            "CAN bus",
            "regenerative braking",
            "battery thermal management",
            "lithium-ion battery recycling",
            "energy storage systems",
            "vehicle telematics",
            "electric commercial vehicles",
        ],
        "products_ru": [
            "тяговая батарея 80 кВт·ч",
            "зарядная станция 150 кВт",
            "настенная зарядная станция 22 кВт",
            "тяговый электродвигатель 120 кВт",
            "инвертор тягового привода",
            "электрический фургон",
            "электросамокат для шеринга",
            "контроллер BMS",
            "стационарный накопитель энергии",
        ],
        "products_en": [
            "80 kWh traction battery",
            "150 kW DC charger",
            "22 kW wallbox",
            "120 kW traction motor",
            "traction inverter",
            "electric delivery van",
            "sharing e-scooter",
            "BMS controller",
            "stationary battery storage",
        ],
    },
    {
        "key": "additive",
        "okved": ["25", "22", "28", "72", "71"],
        "name_stems_ru": [
            "Аддитивные Технологии",
            "3Д Принт",
            "ПечатьМеталл",
            "Прототип",
            "АддиТех",
            "ЛазерСинтез",
            "ПолимерПринт",
            "Цифровое Производство",
            "Слоевые Технологии",
            "ПорошокТех",
            "ТриДиЛаб",
            "Быстрое Прототипирование",
            "Моделист",
            "ФормаТех",
        ],
        "name_stems_en": [
            "AdditiveTech",
            "3D Print",
            "PechatMetall",
            "Prototip",
            "AddiTech",
            "LaserSintez",
            "PolymerPrint",
            "DigitalManufacturing",
            "LayerTech",
            "PoroshokTech",
            "TriDiLab",
            "RapidProto",
            "Modelist",
            "FormaTech",
        ],
        "descriptions_ru": [
            (
                "Печатаем детали из титановых, алюминиевых и никелевых сплавов методом селективного "
                "лазерного сплавления SLM с последующей термообработкой и мехобработкой."
            ),
            (
                "Оказываем услуги 3D-печати пластиком по технологиям FDM, SLA и SLS: изготавливаем "
                "прототипы, корпуса приборов и мелкие серии за 1–3 дня."
            ),
            (
                "Разрабатываем и выпускаем промышленные 3D-принтеры для печати инженерными пластиками PEEK, "
                "PEI и композитами с углеволокном."
            ),
            (
                "Производим металлические порошки для аддитивного производства методом газовой атомизации и "
                "плазменной сфероидизации."
            ),
            (
                "Выполняем 3D-сканирование, реверс-инжиниринг и топологическую оптимизацию деталей под "
                "аддитивное производство."
            ),
            (
                "Изготавливаем литейные модели и песчаные формы методом 3D-печати для единичного и "
                "мелкосерийного литья цветных и чёрных металлов."
            ),
            (
                "Печатаем индивидуальные медицинские изделия: хирургические шаблоны, ортезы, "
                "стоматологические каппы и модели органов для планирования операций."
            ),
            (
                "Выращиваем крупногабаритные металлические заготовки методом проволочно-дуговой наплавки "
                "WAAM для судостроения и нефтегазового машиностроения."
            ),
            (
                "Занимаемся строительной 3D-печатью: разрабатываем принтеры и бетонные смеси для печати "
                "малых архитектурных форм и стен зданий."
            ),
        ],
        "descriptions_en": [
            (
                "Selective laser melting of titanium, aluminium and nickel alloy parts, followed by heat "
                "treatment and CNC finishing."
            ),
            (
                "3D printing services with FDM, SLA and SLS: prototypes, device housings and small batches "
                "within 1–3 days."
            ),
            (
                "We build industrial 3D printers for high-performance polymers such as PEEK, PEI and carbon "
                "fibre composites."
            ),
            (
                "Titanium, nickel and steel powders for additive manufacturing produced by gas atomization "
                "and plasma spheroidization."
            ),
            (
                "3D scanning, reverse engineering and topology optimization of brackets and housings for "
                "additive manufacturing."
            ),
            (
                "Binder jetting of sand moulds and casting patterns for one-off and small-batch ferrous and "
                "non-ferrous casting."
            ),
            (
                "Patient-specific printed medical devices: surgical guides, orthoses, dental aligners and "
                "anatomical models."
            ),
            (
                "Wire arc additive manufacturing (WAAM) of large metal blanks for shipbuilding and oil and "
                "gas equipment."
            ),
        ],
        "capabilities_ru": [
            "3D-печать металлом",
            "селективное лазерное сплавление",
            "3D-печать пластиком",
            "FDM-печать",
            "SLA-печать фотополимерами",
            "SLS-спекание полиамида",
            "быстрое прототипирование",
            "3D-сканирование",
            "реверс-инжиниринг",
            "топологическая оптимизация",
            "металлические порошки",
            "газовая атомизация",
            "печать песчаных форм",
            "проволочно-дуговая наплавка",
            "печать композитами",
            "постобработка напечатанных деталей",
            "аддитивное производство",
        ],
        "capabilities_en": [
            "metal 3D printing",
            "selective laser melting",
            "FDM printing",
            "SLA printing",
            "SLS printing",
            "rapid prototyping",
            "3D scanning",
            "reverse engineering",
            "topology optimization",
            "metal powders",
            "gas atomization",
            "binder jetting",
            "wire arc additive manufacturing",
            "composite 3D printing",
            "post-processing of printed parts",
            "additive manufacturing",
        ],
        "products_ru": [
            "промышленный 3D-принтер по металлу",
            "FDM-принтер для инженерных пластиков",
            "титановый порошок для SLM",
            "напечатанный кронштейн из алюминиевого сплава",
            "ручной 3D-сканер",
            "инженерная фотополимерная смола",
            "песчаная литейная форма",
            "строительный 3D-принтер",
            "напечатанный теплообменник",
        ],
        "products_en": [
            "industrial metal 3D printer",
            "high-temperature FDM printer",
            "Ti-6Al-4V powder",
            "printed aluminium bracket",
            "handheld 3D scanner",
            "engineering photopolymer resin",
            "printed sand mould",
            "construction 3D printer",
            "additively manufactured heat exchanger",
        ],
    },
    {
        "key": "space",
        "okved": ["30", "26", "72", "61"],
        "name_stems_ru": [
            "Космические Системы",
            "Орбита",
            "СпутникТех",
            "КосмоЛаб",
            "Звёздные Технологии",
            "Спутниковые Решения",
            "ОрбитальТех",
            "Галактика",
            "Космодинамика",
            "Навигатор",
            "АстроТех",
            "Ракетные Технологии",
            "Малые Спутники",
            "Кубсат",
        ],
        "name_stems_en": [
            "KosmicheskieSistemy",
            "Orbita",
            "SputnikTech",
            "KosmoLab",
            "StarTech",
            "SatSolutions",
            "OrbitalTech",
            "Galaktika",
            "Kosmodinamika",
            "Navigator",
            "AstroTech",
            "RocketTech",
            "SmallSat",
            "CubeSat Lab",
        ],
        "descriptions_ru": [
            (
                "Разрабатываем и производим малые космические аппараты формата CubeSat 3U–16U для "
                "дистанционного зондирования Земли и научных экспериментов."
            ),
            (
                "Выпускаем бортовые системы для спутников: солнечные батареи, системы ориентации на "
                "маховиках, бортовые компьютеры и радиолинии S- и X-диапазона."
            ),
            (
                "Создаём электрореактивные двигательные установки на основе холловских и ионных двигателей "
                "для коррекции орбиты малых спутников."
            ),
            (
                "Обрабатываем данные дистанционного зондирования Земли: мониторинг сельхозугодий, лесов и "
                "строительства по спутниковым снимкам с применением нейросетей."
            ),
            (
                "Разрабатываем наземные станции приёма спутниковой информации и программное обеспечение "
                "управления полётом группировки спутников."
            ),
            (
                "Проектируем лёгкие ракеты-носители и жидкостные ракетные двигатели на метане с камерами "
                "сгорания, изготовленными методом 3D-печати."
            ),
            (
                "Изготавливаем конструкционные элементы космических аппаратов из углепластика и алюминиевых "
                "сплавов, проводим вибро- и термовакуумные испытания."
            ),
            (
                "Разрабатываем высокоточные приёмники и антенны ГЛОНАСС/GPS для геодезии, точного земледелия "
                "и мониторинга деформаций сооружений."
            ),
            (
                "Оказываем услуги спутниковой связи и интернета вещей через низкоорбитальную группировку для "
                "удалённых объектов и транспорта."
            ),
        ],
        "descriptions_en": [
            (
                "We design and build 3U–16U CubeSats for Earth observation, technology demonstration and "
                "scientific missions."
            ),
            (
                "Satellite subsystems: solar panels, reaction wheel attitude control, onboard computers and "
                "S- and X-band radios."
            ),
            (
                "Electric propulsion systems based on Hall-effect and ion thrusters for small satellite "
                "orbit control."
            ),
            (
                "Earth observation analytics: monitoring farmland, forests and construction from satellite "
                "imagery using neural networks."
            ),
            (
                "Ground stations for satellite data reception and mission control software for satellite "
                "constellations."
            ),
            (
                "Small launch vehicles and methane liquid rocket engines with 3D-printed combustion chambers "
                "and injectors."
            ),
            (
                "Carbon fibre and aluminium spacecraft structures, plus vibration and thermal vacuum testing "
                "services."
            ),
            (
                "High-precision GNSS receivers and antennas for surveying, precision agriculture and "
                "deformation monitoring."
            ),
            (
                "Satellite IoT and communication services via a low Earth orbit constellation for remote "
                "sites and transport."
            ),
        ],
        "capabilities_ru": [
            "малые космические аппараты",
            "кубсаты",
            "дистанционное зондирование Земли",
            "системы ориентации и стабилизации",
            "бортовые компьютеры",
            "солнечные батареи для космоса",
            "электрореактивные двигатели",
            "наземные станции приёма",
            "управление полётом",
            "жидкостные ракетные двигатели",
            "термовакуумные испытания",
            "вибрационные испытания",
            "конструкции из углепластика",
            "ГЛОНАСС/GPS-навигация",
            "спутниковая связь",
            "обработка космических снимков",
            "радиолинии X-диапазона",
        ],
        "capabilities_en": [
            "small satellites",
            "CubeSat",
            "Earth observation",
            "attitude determination and control",
            "onboard computers",
            "space solar arrays",
            "electric propulsion",
            "ground stations",
            "mission control software",
            "liquid rocket engines",
            "thermal vacuum testing",
            "vibration testing",
            "carbon fibre structures",
            "GNSS receivers",
            "satellite communications",
            "satellite imagery analytics",
            "X-band transmitters",
        ],
        "products_ru": [
            "спутниковая платформа CubeSat 6U",
            "маховик системы ориентации",
            "звёздный датчик",
            "холловский двигатель",
            "бортовой компьютер спутника",
            "раскрывающаяся солнечная батарея",
            "наземная станция приёма",
            "геодезический ГНСС-приёмник",
            "ракетный двигатель на метане",
            "сервис мониторинга полей по спутниковым снимкам",
        ],
        "products_en": [
            "6U CubeSat platform",
            "reaction wheel",
            "star tracker",
            "Hall-effect thruster",
            "satellite onboard computer",
            "deployable solar array",
            "satellite ground station",
            "survey-grade GNSS receiver",
            "methane rocket engine",
            "satellite crop monitoring service",
        ],
    },
    {
        "key": "drones",
        "okved": ["30", "26", "62", "72"],
        "name_stems_ru": [
            "Беспилотные Системы",
            "Аэродрон",
            "БПЛА-Тех",
            "Небо",
            "Коптер",
            "АэроСкан",
            "Крыло",
            "ДронЛаб",
            "АэроГео",
            "Автопилот",
            "Стриж",
            "Беркут",
            "АэроДоставка",
            "ВертиЛёт",
        ],
        "name_stems_en": [
            "BespilotnyeSistemy",
            "AeroDron",
            "UAV Tech",
            "Nebo",
            "Kopter",
            "AeroScan",
            "Krylo",
            "DronLab",
            "AeroGeo",
            "Avtopilot",
            "Strizh",
            "Berkut",
            "AeroDelivery",
            "VertiLet",
        ],
        "descriptions_ru": [
            (
                "Разрабатываем и производим беспилотные летательные аппараты самолётного типа с вертикальным "
                "взлётом для аэрофотосъёмки и мониторинга протяжённых объектов."
            ),
            (
                "Выпускаем мультикоптеры для инспекции ЛЭП, трубопроводов и вышек связи с тепловизионной и "
                "лидарной полезной нагрузкой."
            ),
            (
                "Выполняем аэрофотосъёмку и лазерное сканирование с БПЛА, строим ортофотопланы, цифровые "
                "модели рельефа и 3D-модели объектов."
            ),
            (
                "Разрабатываем автопилоты, полётные контроллеры и наземные станции управления для "
                "беспилотников с поддержкой навигации без GPS."
            ),
            (
                "Создаём сельскохозяйственные дроны для точечного внесения удобрений и средств защиты "
                "растений, а также для мультиспектральной съёмки полей."
            ),
            (
                "Производим системы обнаружения и противодействия беспилотникам: радиолокационные датчики, "
                "радиопеленгаторы и видеоаналитика для охраны периметра."
            ),
            (
                "Развиваем сервис дрон-доставки грузов до 5 кг с автоматическими станциями зарядки и "
                "системой организации воздушного движения малых БПЛА."
            ),
            (
                "Проектируем и изготавливаем композитные планеры, винтомоторные группы и бесколлекторные "
                "двигатели для беспилотной авиации."
            ),
            (
                "Обучаем операторов БПЛА и помогаем с регистрацией беспилотников и получением разрешений на "
                "полёты в контролируемом воздушном пространстве."
            ),
        ],
        "descriptions_en": [
            (
                "We build VTOL fixed-wing UAVs for aerial mapping and monitoring of pipelines, power lines "
                "and railways."
            ),
            (
                "Multirotor drones for power line, pipeline and telecom tower inspection with thermal and "
                "lidar payloads."
            ),
            (
                "Drone-based aerial photography and laser scanning: orthomosaics, digital elevation models "
                "and 3D models."
            ),
            (
                "Autopilots, flight controllers and ground control stations for UAVs, including GPS-denied "
                "navigation."
            ),
            (
                "Agricultural drones for precision spraying of fertilizers and crop protection, plus "
                "multispectral field surveys."
            ),
            (
                "Counter-drone systems: radar sensors, RF direction finders and video surveillance analytics "
                "for perimeter protection."
            ),
            (
                "Drone delivery service for parcels up to 5 kg with automatic charging stations and unmanned "
                "traffic management software."
            ),
            (
                "Composite airframes, propellers, propulsion units and brushless motors for unmanned "
                "aviation manufacturers."
            ),
        ],
        "capabilities_ru": [
            "беспилотные летательные аппараты",
            "БПЛА вертикального взлёта",
            "мультикоптеры",
            "аэрофотосъёмка",
            "лазерное сканирование с БПЛА",
            "фотограмметрия",
            "ортофотопланы",
            "автопилоты",
            "полётные контроллеры",
            "навигация без GPS",
            "агродроны",
            "мультиспектральная съёмка",
            "антидроновые системы",
            "видеоаналитика",
            "дрон-доставка",
            "композитные планеры",
            "бесколлекторные двигатели",
            "подготовка операторов БПЛА",
        ],
        "capabilities_en": [
            "UAV",
            "VTOL drones",
            "multirotors",
            "aerial photography",
            "drone lidar scanning",
            "photogrammetry",
            "orthomosaic mapping",
            "autopilot",
            "flight controllers",
            "GPS-denied navigation",
            "agricultural drones",
            "multispectral imaging",
            "counter-UAS",
            "video surveillance analytics",
            "drone delivery",
            "composite airframes",
            "brushless motors",
        ],
        "products_ru": [
            "БПЛА самолётного типа с вертикальным взлётом",
            "квадрокоптер для инспекции",
            "агродрон с баком 40 л",
            "полётный контроллер",
            "наземная станция управления",
            "тепловизионная гиростабилизированная камера",
            "станция автоматической зарядки дронов",
            "комплекс обнаружения беспилотников",
            "ПО для фотограмметрии",
        ],
        "products_en": [
            "VTOL fixed-wing drone",
            "inspection quadcopter",
            "40 L spraying drone",
            "flight controller",
            "ground control station",
            "gimbal thermal camera",
            "drone docking station",
            "drone detection system",
            "photogrammetry software",
        ],
    },
    {
        "key": "it",
        "okved": ["62", "63", "72"],
        "name_stems_ru": [
            "Софт",
            "ИнфоСистемы",
            "ДатаЛаб",
            "Цифровые Решения",
            "КодЛаб",
            "ОблакоТех",
            "ИИ Технологии",
            "Аналитика",
            "Программные Системы",
            "СмартСофт",
            "Нейросеть",
            "ВебТех",
            "Инфотех",
            "КиберЩит",
            "БигДата",
        ],
        "name_stems_en": [
            "Soft",
            "InfoSystems",
            "DataLab",
            "DigitalSolutions",
            "CodeLab",
            "OblakoTech",
            "AI Technologies",
            "Analitika",
            "ProgramSystems",
            "SmartSoft",
            "Neuroset",
            "WebTech",
            "Infotech",
            "CyberShield",
            "BigData",
        ],
        "descriptions_ru": [
            (
                "Разрабатываем системы видеоаналитики для городской безопасности и ритейла: распознавание "
                "лиц и номеров, подсчёт посетителей, детекция инцидентов."
            ),
            (
                "Создаём MES- и ERP-системы для промышленных предприятий, интегрированные с 1С и "
                "оборудованием цехов, для планирования и учёта производства."
            ),
            (
                "Разрабатываем мобильные приложения и веб-сервисы под ключ: аналитика, UX-дизайн, разработка "
                "на Kotlin, Swift и React, поддержка и развитие."
            ),
            (
                "Предлагаем средства защиты информации: SIEM, системы обнаружения вторжений и аудит "
                "информационной безопасности по требованиям ФСТЭК."
            ),
            (
                "Разрабатываем платформу промышленного интернета вещей для сбора данных с датчиков, "
                "предиктивной аналитики и удалённого мониторинга оборудования."
            ),
            (
                "Внедряем решения на основе больших языковых моделей: чат-боты поддержки, поиск по "
                "корпоративным документам и автоматизацию документооборота."
            ),
            (
                "Создаём цифровые двойники производственных процессов для моделирования, оптимизации "
                "загрузки оборудования и обучения персонала."
            ),
            (
                "Предоставляем облачную инфраструктуру, переводим заказчиков на российские СУБД и "
                "операционные системы, сопровождаем высоконагруженные сервисы."
            ),
            (
                "Разрабатываем ПО для автоматизации логистики: управление складом WMS, маршрутизация "
                "доставки и трекинг грузов в реальном времени."
            ),
            (
                "Создаём образовательные платформы и тренажёры виртуальной реальности для обучения рабочим "
                "профессиям и охране труда."
            ),
        ],
        "descriptions_en": [
            (
                "We develop video analytics for city security and retail: face and licence plate "
                "recognition, people counting and incident detection."
            ),
            (
                "MES and ERP systems for manufacturers, integrated with 1C and shop floor equipment for "
                "production planning and tracking."
            ),
            (
                "Turnkey mobile apps and web services: business analysis, UX design, Kotlin, Swift and React "
                "development, support."
            ),
            (
                "Information security products: SIEM, intrusion detection systems and security audits to "
                "FSTEC requirements."
            ),
            (
                "Industrial IoT platform for sensor data collection, predictive maintenance analytics and "
                "remote equipment monitoring."
            ),
            (
                "LLM-based solutions: customer support chatbots, enterprise document search and automation "
                "of document workflows."
            ),
            (
                "Digital twins of production processes for simulation, equipment utilization optimization "
                "and staff training."
            ),
            (
                "Cloud infrastructure, migration to domestic DBMS and operating systems, DevOps and support "
                "of high-load services."
            ),
            (
                "Logistics software: warehouse management (WMS), delivery route optimization and real-time "
                "shipment tracking."
            ),
        ],
        "capabilities_ru": [
            "видеоаналитика",
            "распознавание лиц",
            "распознавание автомобильных номеров",
            "компьютерное зрение",
            "машинное обучение",
            "большие языковые модели",
            "MES-системы",
            "ERP-системы",
            "интеграция с 1С",
            "разработка мобильных приложений",
            "веб-разработка",
            "информационная безопасность",
            "SIEM-системы",
            "промышленный интернет вещей",
            "предиктивная аналитика",
            "цифровые двойники",
            "DevOps-практики",
            "импортозамещение ПО",
            "WMS-системы",
            "VR-тренажёры",
        ],
        "capabilities_en": [
            "video surveillance analytics",
            "face recognition",
            "license plate recognition",
            "computer vision",
            "machine learning",
            "large language models",
            "MES",
            "ERP",
            "1C integration",
            "mobile app development",
            "web development",
            "cybersecurity",
            "SIEM",
            "industrial IoT",
            "predictive maintenance",
            "digital twins",
            "DevOps",
            "software import substitution",
            "WMS",
            "VR training simulators",
        ],
        "products_ru": [
            "платформа видеоаналитики",
            "MES-система для дискретного производства",
            "корпоративный чат-бот на базе LLM",
            "SIEM-система",
            "платформа промышленного IoT",
            "система управления складом",
            "мобильное приложение для выездных сотрудников",
            "VR-тренажёр по охране труда",
            "распределённая СУБД",
        ],
        "products_en": [
            "video analytics platform",
            "MES for discrete manufacturing",
            "LLM enterprise assistant",
            "SIEM platform",
            "IIoT platform",
            "warehouse management system",
            "field service mobile app",
            "VR safety training simulator",
            "distributed DBMS",
        ],
    },
    {
        "key": "machining",
        "okved": ["25", "28", "22", "24", "33"],
        "name_stems_ru": [
            "Металлообработка",
            "ТокарьПро",
            "Фрезер",
            "Станкосервис",
            "ПрецизионМаш",
            "МеталлТех",
            "ЛитМаш",
            "ЛазерРез",
            "ЛистМеталл",
            "Механический Завод",
            "ДетальПром",
            "СтальКонструкция",
            "Пресс-Форма",
            "ПластЛит",
            "ЧПУ Сервис",
        ],
        "name_stems_en": [
            "Metalloobrabotka",
            "TokarPro",
            "Frezer",
            "StankoServis",
            "PrecisionMash",
            "MetallTech",
            "LitMash",
            "LaserRez",
            "ListMetall",
            "MechZavod",
            "DetalProm",
            "StalKonstruktsiya",
            "PressForma",
            "PlastLit",
            "CNC Service",
        ],
        "descriptions_ru": [
            (
                "Токарная обработка деталей на станках с ЧПУ диаметром до 500 мм: валы, втулки, фланцы из "
                "стали, нержавейки, алюминия и бронзы, серии от 10 штук."
            ),
            (
                "Фрезерная обработка с ЧПУ на 3- и 5-осевых обрабатывающих центрах, изготовление корпусных "
                "деталей с точностью до 0,01 мм."
            ),
            (
                "Лазерная резка листового металла толщиной до 25 мм, гибка на листогибочных прессах, сварка "
                "и порошковая покраска металлоконструкций."
            ),
            (
                "Проектируем и изготавливаем пресс-формы, выполняем литьё под давлением изделий из ABS, "
                "полиамида и поликарбоната на термопластавтоматах до 500 т."
            ),
            (
                "Литьё алюминиевых и цинковых сплавов под давлением, литьё по выплавляемым моделям и в "
                "кокиль, механическая обработка отливок."
            ),
            (
                "Выполняем электроэрозионную обработку, координатное шлифование и изготовление штампов и "
                "оснастки для холодной листовой штамповки."
            ),
            (
                "Фрезеровка и токарка мелких серий по чертежам заказчика, изготовление запчастей для "
                "импортного оборудования методом реверс-инжиниринга."
            ),
            (
                "Гибка труб, плазменная и гидроабразивная резка, сварка MIG/TIG нержавеющих сталей и "
                "алюминия, изготовление рам и корпусов оборудования."
            ),
            (
                "Термообработка, гальваника и нанесение покрытий: цинкование, анодирование, химическое "
                "никелирование и оксидирование металлических деталей."
            ),
            (
                "Токарно-фрезерная обработка на многофункциональных станках с приводным инструментом, "
                "контроль размеров на координатно-измерительной машине."
            ),
        ],
        "descriptions_en": [
            (
                "CNC turning of parts up to 500 mm in diameter: shafts, bushings and flanges in steel, "
                "stainless, aluminium and bronze, batches from 10 pieces."
            ),
            (
                "CNC milling on 3- and 5-axis machining centers, producing housings and precision parts with "
                "tolerances down to 0.01 mm."
            ),
            (
                "Sheet metal laser cutting up to 25 mm thick, press brake bending, welding and powder "
                "coating of metal structures."
            ),
            (
                "Mould design and manufacturing plus plastic injection moulding in ABS, nylon and "
                "polycarbonate on machines up to 500 t."
            ),
            (
                "High-pressure die casting of aluminium and zinc alloys, investment casting and machining of "
                "castings."
            ),
            (
                "Wire EDM, jig grinding and manufacturing of progressive stamping dies and tooling for cold "
                "sheet metal forming."
            ),
            (
                "Small-batch machining to customer drawings and reverse engineering of spare parts for "
                "imported equipment."
            ),
            (
                "Tube bending, plasma and waterjet cutting, MIG/TIG welding of stainless steel and aluminium "
                "frames and enclosures."
            ),
            (
                "Heat treatment, electroplating and surface finishing: zinc plating, anodizing, electroless "
                "nickel and black oxide."
            ),
        ],
        "capabilities_ru": [
            "токарная обработка",
            "токарная обработка с ЧПУ",
            "фрезерная обработка",
            "фрезерная обработка с ЧПУ",
            "фрезеровка",
            "5-осевая обработка",
            "литьё под давлением",
            "литьё пластмасс под давлением",
            "изготовление пресс-форм",
            "литьё по выплавляемым моделям",
            "лазерная резка листового металла",
            "гибка листового металла",
            "плазменная резка",
            "гидроабразивная резка",
            "электроэрозионная обработка",
            "шлифование",
            "сварка TIG/MIG",
            "порошковая покраска",
            "анодирование",
            "листовая штамповка",
            "изготовление металлоконструкций",
        ],
        "capabilities_en": [
            "CNC turning",
            "CNC milling",
            "5-axis machining",
            "mill-turn machining",
            "injection moulding",
            "mould making",
            "die casting",
            "investment casting",
            "sheet metal laser cutting",
            "press brake bending",
            "plasma cutting",
            "waterjet cutting",
            "wire EDM",
            "grinding",
            "TIG/MIG welding",
            "powder coating",
            "anodizing",
            "metal stamping",
            "metal fabrication",
            "CMM inspection",
        ],
        "products_ru": [
            "валы и втулки по чертежам",
            "корпусные детали из алюминия",
            "пресс-форма для литья пластмасс",
            "пластиковые корпуса приборов",
            "алюминиевые отливки",
            "металлические шкафы и стойки",
            "штамп для листовой штамповки",
            "сварные рамы оборудования",
            "фланцы из нержавеющей стали",
            "зубчатые колёса",
        ],
        "products_en": [
            "machined shafts and bushings",
            "aluminium housings",
            "injection mould",
            "plastic enclosures",
            "aluminium die castings",
            "sheet metal cabinets",
            "stamping die",
            "welded machine frames",
            "stainless steel flanges",
            "spur gears",
        ],
    },
    {
        "key": "instruments",
        "okved": ["26", "27", "33", "72"],
        "name_stems_ru": [
            "Приборостроение",
            "ЭлектронПрибор",
            "Измерительные Системы",
            "Контрактная Электроника",
            "Сборочные Технологии",
            "Метрология",
            "ТехноПрибор",
            "Датчик",
            "ПлатаМонтаж",
            "РадиоТех",
            "Энергоучёт",
            "ИзмерительТех",
            "Сигнал",
            "Точные Приборы",
        ],
        "name_stems_en": [
            "Priborostroenie",
            "ElektronPribor",
            "MeasureSystems",
            "ContractElectronics",
            "AssemblyTech",
            "Metrologiya",
            "TechnoPribor",
            "Datchik",
            "PlataMontazh",
            "RadioTech",
            "EnergoUchet",
            "IzmeritelTech",
            "Signal",
            "PrecisionInstruments",
        ],
        "descriptions_ru": [
            (
                "Контрактное производство электроники: поверхностный монтаж SMD на автоматических линиях, "
                "выводной монтаж, селективная пайка, АОИ и рентген-контроль."
            ),
            (
                "Разрабатываем и выпускаем датчики давления, температуры и расхода для систем промышленной "
                "автоматизации с выходами 4–20 мА, HART и Modbus."
            ),
            (
                "Производим приборы учёта электроэнергии, тепла и воды с удалённой передачей показаний по "
                "NB-IoT и LoRaWAN."
            ),
            (
                "Проектируем печатные платы до 16 слоёв, разрабатываем схемотехнику, встроенное ПО и корпуса "
                "электронных устройств под ключ."
            ),
            (
                "Выпускаем осциллографы, генераторы сигналов и анализаторы спектра отечественной разработки "
                "для лабораторий и производства."
            ),
            (
                "Изготавливаем кабельные сборки и жгуты, выполняем влагозащитное покрытие плат лаком и "
                "функциональное тестирование готовых изделий."
            ),
            (
                "Разрабатываем и производим газоанализаторы и системы экологического мониторинга "
                "атмосферного воздуха и промышленных выбросов."
            ),
            (
                "Оказываем услуги калибровки и поверки средств измерений, аттестации испытательного "
                "оборудования и метрологического обеспечения производства."
            ),
            (
                "Выпускаем средства неразрушающего контроля: ультразвуковые толщиномеры, дефектоскопы и "
                "вихретоковые приборы для машиностроения и энергетики."
            ),
            (
                "Производим источники вторичного электропитания, DC/DC-преобразователи и блоки питания для "
                "телекоммуникационного и промышленного оборудования."
            ),
        ],
        "descriptions_en": [
            (
                "Electronics manufacturing services: automated SMT assembly, through-hole, selective "
                "soldering, AOI and X-ray inspection."
            ),
            (
                "Pressure, temperature and flow transmitters for industrial automation with 4–20 mA, HART "
                "and Modbus outputs."
            ),
            (
                "Smart electricity, heat and water meters with remote reading over NB-IoT and LoRaWAN "
                "networks for utilities."
            ),
            (
                "Turnkey electronics development: PCB design up to 16 layers, circuit design, firmware and "
                "enclosures."
            ),
            (
                "Domestic oscilloscopes, signal generators and spectrum analyzers for laboratories and "
                "production test."
            ),
            (
                "Cable assemblies and wire harnesses, conformal coating of PCBs and functional testing of "
                "finished products."
            ),
            (
                "Stationary and portable gas analyzers and environmental monitoring systems for ambient air "
                "and industrial emissions."
            ),
            (
                "Accredited calibration and verification of measuring instruments and metrology support for "
                "manufacturers."
            ),
            (
                "Non-destructive testing instruments: ultrasonic thickness gauges, flaw detectors and eddy "
                "current testers."
            ),
        ],
        "capabilities_ru": [
            "поверхностный монтаж SMD",
            "выводной монтаж",
            "селективная пайка",
            "автоматическая оптическая инспекция",
            "рентген-контроль паяных соединений",
            "проектирование печатных плат",
            "схемотехника",
            "разработка встроенного ПО",
            "изготовление кабельных сборок",
            "влагозащитное покрытие плат",
            "датчики давления",
            "приборы учёта",
            "измерительное оборудование",
            "поверка средств измерений",
            "калибровка",
            "неразрушающий контроль",
            "газоанализаторы",
            "источники питания",
            "контрактное производство электроники",
        ],
        "capabilities_en": [
            "SMT assembly",
            "through-hole assembly",
            "selective soldering",
            "AOI",
            "X-ray inspection",
            "PCB design",
            "circuit design",
            "embedded firmware",
            "cable harness assembly",
            "conformal coating",
            "pressure transmitters",
            "smart metering",
            "test and measurement equipment",
            "calibration services",
            "non-destructive testing",
            "gas analyzers",
            "power supplies",
            "electronics manufacturing services",
        ],
        "products_ru": [
            "датчик давления с выходом 4–20 мА",
            "счётчик электроэнергии с NB-IoT",
            "цифровой осциллограф",
            "анализатор спектра",
            "ультразвуковой дефектоскоп",
            "газоанализатор",
            "DC/DC-преобразователь",
            "кабельный жгут",
            "печатный узел по документации заказчика",
            "термометр сопротивления",
        ],
        "products_en": [
            "4–20 mA pressure transmitter",
            "NB-IoT smart electricity meter",
            "digital oscilloscope",
            "spectrum analyzer",
            "ultrasonic flaw detector",
            "portable gas detector",
            "DC/DC converter module",
            "wire harness",
            "PCB assembly to customer documentation",
            "RTD temperature sensor",
        ],
    },
    {
        "key": "industrial_design",
        "okved": ["74", "71", "72", "73"],
        "name_stems_ru": [
            "Промдизайн",
            "Форма",
            "Дизайн-Бюро",
            "Конструкторское Бюро",
            "Инжиниринг Плюс",
            "Эргономика",
            "Идея",
            "Объект",
            "ПродуктЛаб",
            "Линия",
            "ДизайнИнжиниринг",
            "Концепт",
            "ПрототипДизайн",
            "Модуль",
        ],
        "name_stems_en": [
            "Promdizain",
            "Forma",
            "DesignBureau",
            "KB Engineering",
            "Inzhiniring Plus",
            "Ergonomika",
            "Ideya",
            "Obekt",
            "ProductLab",
            "Liniya",
            "DesignEngineering",
            "Koncept",
            "ProtoDesign",
            "Modul",
        ],
        "descriptions_ru": [
            (
                "Разрабатываем промышленный дизайн электронных устройств: концепция, эскизы, "
                "3D-моделирование корпуса, фотореалистичная визуализация и макетирование."
            ),
            (
                "Конструкторское бюро полного цикла: от технического задания и дизайна до рабочей "
                "документации, прототипа и запуска серийного производства."
            ),
            (
                "Проектируем корпуса из пластика под литьё под давлением и из листового металла с учётом "
                "технологичности, стоимости оснастки и требований IP67."
            ),
            (
                "Создаём дизайн медицинской техники, станков и транспортных средств с учётом эргономики, "
                "антропометрии и требований к пользовательскому интерфейсу."
            ),
            (
                "Разрабатываем дизайн городской среды и малых архитектурных форм: остановки, корпуса "
                "зарядных станций, информационные стелы и уличная мебель."
            ),
            (
                "Проводим пользовательские исследования, UX-проектирование интерфейсов оборудования и "
                "тестирование прототипов с фокус-группами."
            ),
            (
                "Изготавливаем дизайн-макеты и функциональные прототипы с помощью 3D-печати, фрезеровки и "
                "вакуумного литья в силиконовые формы."
            ),
            (
                "Разрабатываем фирменный стиль и упаковку технологических продуктов, а также экспозиционные "
                "стенды для промышленных выставок."
            ),
            (
                "Выполняем инженерные расчёты методом конечных элементов, тепловое моделирование и анализ "
                "прочности конструкций изделий."
            ),
        ],
        "descriptions_en": [
            (
                "Industrial design of electronic devices: concept, sketches, 3D CAD modelling, "
                "photorealistic rendering and mock-ups."
            ),
            (
                "Full-cycle design and engineering bureau: from specification and design to production "
                "documentation, prototype and launch."
            ),
            (
                "We design plastic enclosures for injection moulding and sheet metal housings optimized for "
                "manufacturability and IP67."
            ),
            (
                "Design of medical equipment, machine tools and vehicles with a focus on ergonomics and "
                "human-machine interfaces."
            ),
            (
                "Urban design and street furniture: bus stops, EV charger housings, wayfinding steles and "
                "public benches."
            ),
            (
                "User research, UX design of equipment control interfaces and usability testing of "
                "prototypes with focus groups."
            ),
            (
                "Appearance models and functional prototypes made with 3D printing, CNC milling and vacuum "
                "casting in silicone moulds."
            ),
            (
                "Finite element analysis, thermal simulation and structural strength analysis of products "
                "and assemblies."
            ),
        ],
        "capabilities_ru": [
            "промышленный дизайн",
            "дизайн корпусов",
            "3D-моделирование",
            "визуализация изделий",
            "макетирование",
            "конструкторская документация по ЕСКД",
            "эргономика",
            "UX-проектирование",
            "дизайн интерфейсов оборудования",
            "дизайн городской среды",
            "прототипирование",
            "вакуумное литьё в силикон",
            "анализ технологичности DFM",
            "расчёт методом конечных элементов",
            "дизайн упаковки",
            "выставочные стенды",
            "CMF-дизайн",
        ],
        "capabilities_en": [
            "industrial design",
            "enclosure design",
            "3D CAD modelling",
            "product rendering",
            "mock-ups",
            "engineering documentation",
            "ergonomics",
            "UX design",
            "HMI design",
            "urban design",
            "prototyping",
            "vacuum casting",
            "design for manufacturing",
            "finite element analysis",
            "packaging design",
            "exhibition stands",
            "CMF design",
        ],
        "products_ru": [
            "дизайн-проект корпуса прибора",
            "комплект конструкторской документации",
            "функциональный прототип",
            "дизайн-макет изделия",
            "концепт-дизайн транспортного средства",
            "дизайн-код линейки оборудования",
            "проект остановочного павильона",
            "эргономичный пульт управления",
            "выставочный стенд",
        ],
        "products_en": [
            "device enclosure design",
            "engineering documentation package",
            "functional prototype",
            "appearance model",
            "vehicle concept design",
            "equipment design code",
            "bus shelter design",
            "ergonomic control panel",
            "exhibition booth",
        ],
    },
]

INDUSTRY_BY_KEY: dict[str, dict] = {item["key"]: item for item in INDUSTRIES}

LEGAL_FORMS: list[str] = ["ООО", "АО", "ПАО", "НПО"]

_MALE_FIRST_NAMES: list[str] = [
    "Александр",
    "Алексей",
    "Андрей",
    "Антон",
    "Артём",
    "Борис",
    "Вадим",
    "Валерий",
    "Василий",
    "Виктор",
    "Владимир",
    "Владислав",
    "Вячеслав",
    "Геннадий",
    "Георгий",
    "Денис",
    "Дмитрий",
    "Евгений",
    "Егор",
    "Иван",
    "Игорь",
    "Илья",
    "Кирилл",
    "Константин",
    "Максим",
    "Михаил",
    "Никита",
    "Николай",
    "Олег",
    "Павел",
    "Роман",
    "Руслан",
    "Сергей",
    "Станислав",
    "Тимур",
    "Фёдор",
    "Юрий",
    "Ярослав",
]

_FEMALE_FIRST_NAMES: list[str] = [
    "Алина",
    "Алла",
    "Анастасия",
    "Анна",
    "Валентина",
    "Вера",
    "Виктория",
    "Галина",
    "Дарья",
    "Екатерина",
    "Елена",
    "Ирина",
    "Ксения",
    "Лариса",
    "Людмила",
    "Марина",
    "Мария",
    "Наталья",
    "Надежда",
    "Нина",
    "Ольга",
    "Полина",
    "Светлана",
    "Софья",
    "Татьяна",
    "Юлия",
]

FIRST_NAMES: list[str] = _MALE_FIRST_NAMES + _FEMALE_FIRST_NAMES
FEMALE_FIRST_NAMES: set[str] = set(_FEMALE_FIRST_NAMES)

# Masculine forms ending in -ов/-ев/-ёв/-ин: the feminine form is the surname + "а".
LAST_NAMES: list[str] = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Миронов",
    "Крылов",
    "Куликов",
    "Карпов",
    "Власов",
    "Мельников",
    "Денисов",
    "Гаврилов",
    "Тихонов",
    "Казаков",
    "Афанасьев",
    "Данилов",
    "Савельев",
    "Тимофеев",
    "Фомин",
    "Чернов",
    "Абрамов",
    "Мартынов",
    "Ефимов",
    "Федотов",
    "Щербаков",
    "Назаров",
    "Калинин",
    "Исаев",
    "Чернышёв",
    "Быков",
    "Маслов",
    "Родионов",
    "Коновалов",
    "Лазарев",
    "Воронин",
    "Климов",
    "Филатов",
    "Пономарёв",
    "Голубев",
    "Кудрявцев",
    "Прохоров",
    "Наумов",
    "Потапов",
    "Журавлёв",
    "Овчинников",
    "Трофимов",
    "Леонов",
    "Соболев",
    "Ермаков",
    "Колесников",
    "Гончаров",
    "Емельянов",
    "Никифоров",
    "Грачёв",
    "Котов",
    "Гришин",
    "Ефремов",
    "Архипов",
    "Громов",
    "Кириллов",
    "Малышев",
    "Панов",
    "Моисеев",
    "Румянцев",
    "Акимов",
    "Кондратьев",
    "Бирюков",
    "Горбунов",
    "Анисимов",
    "Еремин",
    "Тихомиров",
    "Галкин",
    "Лукьянов",
    "Михеев",
    "Скворцов",
    "Юдин",
    "Белоусов",
    "Нестеров",
    "Симонов",
    "Прокофьев",
    "Харитонов",
    "Князев",
    "Цветков",
    "Левин",
    "Митрофанов",
    "Воронов",
    "Аксёнов",
    "Софронов",
    "Мальцев",
    "Логинов",
    "Горшков",
    "Савин",
    "Краснов",
    "Майоров",
    "Демидов",
    "Елисеев",
    "Рыбаков",
    "Сафонов",
    "Плотников",
    "Дёмин",
    "Хохлов",
    "Фадеев",
    "Молчанов",
    "Игнатов",
    "Литвинов",
    "Ершов",
    "Ушаков",
    "Дементьев",
    "Рябов",
    "Мухин",
    "Калашников",
    "Леонтьев",
    "Лобанов",
    "Кузин",
    "Корнилов",
    "Евдокимов",
    "Бородин",
    "Платонов",
    "Некрасов",
    "Балашов",
    "Бобров",
    "Жданов",
    "Блинов",
    "Игнатьев",
    "Коротков",
    "Муравьёв",
    "Крюков",
    "Беляков",
    "Богомолов",
    "Дроздов",
    "Лавров",
    "Зуев",
    "Петухов",
    "Ларин",
    "Никулин",
    "Серов",
    "Терентьев",
    "Зотов",
    "Устинов",
    "Фокин",
    "Самойлов",
    "Константинов",
    "Сахаров",
    "Шишкин",
    "Самсонов",
    "Черкасов",
    "Чистяков",
    "Носов",
    "Третьяков",
    "Мишин",
]

PATRONYMICS_M: list[str] = [
    "Александрович",
    "Алексеевич",
    "Андреевич",
    "Анатольевич",
    "Борисович",
    "Викторович",
    "Владимирович",
    "Вячеславович",
    "Геннадьевич",
    "Георгиевич",
    "Дмитриевич",
    "Евгеньевич",
    "Иванович",
    "Игоревич",
    "Константинович",
    "Максимович",
    "Михайлович",
    "Николаевич",
    "Олегович",
    "Павлович",
    "Петрович",
    "Романович",
    "Сергеевич",
    "Юрьевич",
    "Валерьевич",
    "Васильевич",
]

PATRONYMICS_F: list[str] = [
    "Александровна",
    "Алексеевна",
    "Андреевна",
    "Анатольевна",
    "Борисовна",
    "Викторовна",
    "Владимировна",
    "Вячеславовна",
    "Геннадьевна",
    "Георгиевна",
    "Дмитриевна",
    "Евгеньевна",
    "Ивановна",
    "Игоревна",
    "Константиновна",
    "Максимовна",
    "Михайловна",
    "Николаевна",
    "Олеговна",
    "Павловна",
    "Петровна",
    "Романовна",
    "Сергеевна",
    "Юрьевна",
    "Валерьевна",
    "Васильевна",
]

STREETS_MOSCOW: list[str] = [
    "ул. Тверская",
    "Ленинградский проспект",
    "Ленинский проспект",
    "проспект Мира",
    "Варшавское шоссе",
    "Каширское шоссе",
    "Профсоюзная ул.",
    "ул. Новый Арбат",
    "Кутузовский проспект",
    "Волгоградский проспект",
    "ул. Большая Семёновская",
    "Дмитровское шоссе",
    "Алтуфьевское шоссе",
    "Электролитный проезд",
    "ул. Авиамоторная",
    "шоссе Энтузиастов",
    "ул. Нижняя Красносельская",
    "Рязанский проспект",
    "ул. Бутлерова",
    "ул. Вавилова",
    "Научный проезд",
    "ул. Кржижановского",
    "Нагатинская ул.",
    "Мичуринский проспект",
    "ул. Студенческая",
    "Берёзовая аллея",
    "ул. Лобачевского",
    "Большой Саввинский пер.",
    "Огородный проезд",
    "ул. Кулакова",
    "Хорошёвское шоссе",
    "ул. Орджоникидзе",
    "Рублёвское шоссе",
    "Андроновское шоссе",
    "ул. Годовикова",
    "Зеленоград, Георгиевский проспект",
    "Зеленоград, проезд 4806",
    "Зеленоград, Панфиловский проспект",
    "Зеленоград, ул. Юности",
    "Зеленоград, Савёлкинский проезд",
    "Зеленоград, площадь Шокина",
    "Сколково, Большой бульвар",
    "Сколково, ул. Нобеля",
]

# FNS two-digit region code -> city text used in addresses.
CITY_BY_REGION: dict[str, str] = {
    "77": "Москва",
    "50": "Московская область, Химки",
    "78": "Санкт-Петербург",
    "16": "Казань",
    "54": "Новосибирск",
    "66": "Екатеринбург",
    "52": "Нижний Новгород",
    "63": "Самара",
    "23": "Краснодар",
    "74": "Челябинск",
    "61": "Ростов-на-Дону",
    "59": "Пермь",
    "24": "Красноярск",
    "36": "Воронеж",
    "02": "Уфа",
    "55": "Омск",
    "70": "Томск",
    "73": "Ульяновск",
    "18": "Ижевск",
    "76": "Ярославль",
    "40": "Калужская область, Обнинск",
    "71": "Тула",
    "69": "Тверь",
    "64": "Саратов",
    "38": "Иркутск",
    "72": "Тюмень",
    "39": "Калининград",
    "47": "Ленинградская область, Гатчина",
}
