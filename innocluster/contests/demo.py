"""The demo cluster's city challenges (SPEC C7), after the seed article's "city technological
contests": Moscow's departments (transport, healthcare, nature management, housing, education,
entrepreneurship and innovative development), Mosgortrans, the Metro and city corporations state a
problem; participants submit solutions; a jury of experts declares its conflicts, is assigned
automatically (k = 3, loads balanced) and scores them; the winners get a pilot, a contract or a
grant. Challenges in every state: drafts, open ones with deadlines ahead and the first solutions,
ones being scored (some sheets still missing), finished ones with their ranking and winners, and
one cancelled. The demo expert and nine more expert accounts form the pools; each expert has a
bias of their own, and now and then one disagrees with the others, so the spread flag shows.

Everything goes through the services, as the coordinator, the participants' owners and the
experts would do it. The services check the deadline against the present moment, so a challenge
of the past is run while its deadline is still ahead and its dates are carried over afterwards
(`_backdate_contest`, `_backdate_solutions`, `_backdate_review`): the real deadline is put back
with a queryset `update()` before the experts are assigned and the results published (both need
the deadline passed, as in life), and the submissions, declarations, assignments and score sheets
get moments between the publication and the deadline, or the deadline and the results. Only the
audit log keeps the moment of the seeding."""

import datetime as dt
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from innocluster.accounts.enums import StaffRole
from innocluster.contests import services
from innocluster.contests.enums import ContestStatus
from innocluster.contests.models import Assignment, Contest, PoolExpert, ScoreSheet, Solution
from innocluster.core.demo import DEMO_DOMAIN
from innocluster.membership.selectors import participations_among
from innocluster.organizations.selectors import owners_of

MIN_PARTICIPANTS = 5
EXPERTS_PER_SOLUTION = 3
DEADLINE_TIME = dt.time(18, 0)  # Moscow time, the challenges' usual closing hour

# The demo expert `expert@` and these: expert2@ … expert10@ (the jury of the city challenges).
MORE_EXPERTS = [
    "Соколова Марина Викторовна",
    "Белов Андрей Николаевич",
    "Гусейнова Лейла Рашидовна",
    "Кравченко Дмитрий Олегович",
    "Орлова Екатерина Сергеевна",
    "Ершов Павел Игоревич",
    "Никитина Анна Владимировна",
    "Захаров Илья Михайлович",
    "Тимофеева Ольга Андреевна",
]

# The participants whose main activity fits a topic submit most of its solutions (OKVED classes
# of the demo industries: 26 electronics, 27 electrical, 28 machinery, 29 vehicles, 30 transport
# equipment, 32 medical, 62 software, 72 research, 74 design).
TOPIC_OKVED = {
    "transport": {"29", "30", "62", "26"},
    "healthcare": {"32", "62", "26"},
    "ecology": {"26", "62", "30"},
    "housing": {"62", "26", "28", "25"},
    "education": {"62", "74", "28"},
}

# Dates are days from today: `published` (negative), `deadline`, and `results` or `cancelled`.
CONTESTS = [
    {
        "state": ContestStatus.RESULTS_PUBLISHED,
        "topic": "transport",
        "title": "Умная остановка: точный прогноз прибытия наземного транспорта",
        "organiser": "ГУП «Мосгортранс»",
        "problem": "На остановках без электронных табло пассажиры не знают, когда придёт автобус или "
        "трамвай; на табло, что есть, прогноз ошибается на 3-5 минут в часы пик. Нужны недорогие "
        "табло и сервис прогноза, которые работают на 2 000 остановках без прокладки кабеля.",
        "requirements": "Автономное питание или питание от сети освещения; работа при температуре от −30 °C "
        "до +40 °C; ошибка прогноза не более 1 минуты для 90 % прибытий; данные о движении — из "
        "телематики Мосгортранса по открытому протоколу; антивандальное исполнение.",
        "criteria": [
            ("accuracy", "Точность прогноза и надёжность", "3"),
            ("effect", "Польза для пассажиров", "1.5"),
            ("cost", "Стоимость владения за 5 лет", "0.5"),
        ],
        "reward": "Пилотное внедрение на 20 остановках, затем контракт на тиражирование",
        "winners": 3,
        "blind": True,
        "published": -330,
        "deadline": -270,
        "results": -235,
        "ideas": [
            (
                "Табло на электронных чернилах с солнечной панелью",
                "Табло потребляет энергию только при смене "
                "изображения и работает от солнечной панели и аккумулятора даже зимой.",
            ),
            (
                "Прогноз прибытия на основе машинного обучения",
                "Модель учитывает пробки, погоду и расписание "
                "и пересчитывает прогноз каждые 15 секунд по данным телематики.",
            ),
            (
                "Голосовой информатор для маломобильных пассажиров",
                "По нажатию кнопки остановка объявляет "
                "ближайшие рейсы; для незрячих пассажиров — звуковой маяк.",
            ),
            (
                "Остановочный павильон с датчиком заполненности",
                "Камера без сохранения изображений считает "
                "ожидающих, диспетчер видит, где нужен дополнительный рейс.",
            ),
            (
                "Облачная платформа управления табло",
                "Единая панель для 2 000 табло: мониторинг "
                "исправности, обновление прошивки и сообщения о перекрытиях.",
            ),
            (
                "Модуль связи LoRaWAN для остановок без питания",
                "Табло получает прогнозы по городской сети LoRaWAN и работает без SIM-карты и кабеля.",
            ),
        ],
    },
    {
        "state": ContestStatus.RESULTS_PUBLISHED,
        "topic": "healthcare",
        "title": "ИИ-помощник врача-рентгенолога для флюорографии",
        "organiser": "Департамент здравоохранения города Москвы",
        "problem": "Поликлиники делают миллионы флюорографий в год, и врачи-рентгенологи тратят большую "
        "часть времени на снимки без патологии. Нужен сервис, который сортирует исследования и "
        "отмечает подозрительные, чтобы врач начинал с них.",
        "requirements": "Чувствительность не ниже 95 % на размеченной выборке Центра диагностики и "
        "телемедицины; интеграция с ЕМИАС и PACS по DICOM; регистрационное удостоверение "
        "медицинского изделия или план его получения; обработка данных на серверах города.",
        "criteria": [
            ("accuracy", "Точность (чувствительность и специфичность)", "3"),
            ("integration", "Интеграция с ЕМИАС и PACS", "1.5"),
            ("team", "Команда и опыт внедрений", "0.5"),
        ],
        "reward": "Пилотное внедрение в 10 поликлиниках и грант 2 млн ₽",
        "winners": 2,
        "blind": False,
        "published": -240,
        "deadline": -180,
        "results": -150,
        "ideas": [
            (
                "Нейросеть сортировки флюорограмм «норма / не норма»",
                "Сервис отбирает исследования без патологии и ставит подозрительные в начало очереди врача.",
            ),
            (
                "Поиск очаговых образований лёгких",
                "Модель выделяет очаги и узлы, отмечает их контуром на снимке и оценивает размер.",
            ),
            (
                "Второе мнение для описаний рентгенолога",
                "Система сравнивает описание врача со своими "
                "находками и предупреждает о расхождениях до подписи протокола.",
            ),
            (
                "Модуль контроля качества снимков",
                "Выявляет снимки с неправильной укладкой и "
                "экспозицией, чтобы пациента пригласили повторно сразу.",
            ),
            (
                "Платформа ИИ-сервисов для PACS поликлиник",
                "Подключает несколько алгоритмов к архиву снимков по DICOM без доработки ЕМИАС.",
            ),
            (
                "Поиск туберкулёза и пневмонии на флюорограммах",
                "Отдельные классификаторы для инфекционных поражений с тепловой картой для врача.",
            ),
        ],
    },
    {
        "state": ContestStatus.RESULTS_PUBLISHED,
        "topic": "ecology",
        "title": "Мониторинг качества воздуха у городских магистралей",
        "organiser": "Департамент природопользования и охраны окружающей среды города Москвы",
        "problem": "Стационарные станции контроля атмосферного воздуха стоят дорого и редко, а жители "
        "хотят знать, чем дышат у своего дома. Нужны компактные станции и сервис, которые "
        "измеряют взвешенные частицы и газы у магистралей и показывают данные открыто.",
        "requirements": "Измерение PM2.5, PM10, NO₂, CO; калибровка по эталонной станции "
        "Мосэкомониторинга; передача данных не реже раза в 20 минут; открытые данные в "
        "машиночитаемом виде; работа при −30 °C.",
        "criteria": [
            ("accuracy", "Точность измерений", "3"),
            ("cost", "Стоимость станции и обслуживания", "1.5"),
            ("data", "Открытость и удобство данных", "1"),
        ],
        "reward": "Контракт на поставку 50 станций",
        "winners": 1,
        "blind": True,
        "published": -200,
        "deadline": -140,
        "results": -110,
        "ideas": [
            (
                "Компактная станция на оптических датчиках частиц",
                "Станция размером с обувную коробку крепится на опору освещения и измеряет PM2.5 и PM10.",
            ),
            (
                "Электрохимические сенсоры газов с автокалибровкой",
                "Сенсоры NO₂ и CO подстраиваются по ближайшей эталонной станции каждую ночь.",
            ),
            (
                "Карта загрязнения воздуха в реальном времени",
                "Сервис объединяет данные станций, метеорологии и трафика в карту с прогнозом на 6 часов.",
            ),
            (
                "Мобильные датчики на коммунальной технике",
                "Датчики на уборочных машинах дают измерения по всей улично-дорожной сети.",
            ),
            (
                "Открытый портал данных о воздухе для жителей",
                "Жители видят показатели у дома и подписываются на оповещения о превышениях.",
            ),
            (
                "Станция на солнечной энергии для парков",
                "Автономная станция для особо охраняемых природных территорий без подключения к сети.",
            ),
        ],
    },
    {
        "state": ContestStatus.RESULTS_PUBLISHED,
        "topic": "transport",
        "title": "Выявление дефектов дорожного покрытия по видео с городского транспорта",
        "organiser": "Департамент транспорта и развития дорожно-транспортной инфраструктуры города Москвы",
        "problem": "Ямы и трещины на дорогах находят обходчики и жалобы жителей — с опозданием. Камеры "
        "уже стоят на автобусах и уборочной технике; нужен сервис, который находит дефекты по их "
        "видео и передаёт заявки в дорожные службы.",
        "requirements": "Распознавание ям, трещин, выбоин и разрушенной разметки; привязка к адресу "
        "с точностью до 5 метров; отсутствие персональных данных в сохранённых кадрах (лица и "
        "номера размываются); выгрузка заявок в городскую систему.",
        "criteria": [
            ("detection", "Полнота и точность выявления дефектов", "3"),
            ("integration", "Интеграция с системами дорожных служб", "1.5"),
            ("privacy", "Защита персональных данных", "1"),
            ("cost", "Стоимость обработки", "0.5"),
        ],
        "reward": "Контракт на обработку видео с 500 машин в течение года",
        "winners": 2,
        "blind": False,
        "published": -120,
        "deadline": -75,
        "results": -45,
        "ideas": [
            (
                "Компьютерное зрение для поиска ям на видео с автобусов",
                "Модель работает на кадрах видеорегистраторов и отмечает ямы с оценкой их площади.",
            ),
            (
                "Бортовой модуль анализа видео на уборочной технике",
                "Вычислитель в кабине обрабатывает видео на месте и передаёт только найденные дефекты.",
            ),
            (
                "Цифровой двойник дорожного покрытия",
                "Сервис хранит историю каждого участка и "
                "прогнозирует, где покрытие разрушится следующей весной.",
            ),
            (
                "Автоматическая разметка дефектов для заявок подрядчикам",
                "Заявка формируется с фото, адресом и видом работ и уходит в систему подрядчика.",
            ),
            (
                "Контроль состояния дорожной разметки",
                "Алгоритм оценивает износ разметки и составляет план обновления по районам.",
            ),
            (
                "Обезличивание видео с городского транспорта",
                "Лица и номера размываются на борту до передачи кадров в облако.",
            ),
        ],
    },
    {
        "state": ContestStatus.SCORING,
        "topic": "transport",
        "title": "Подсчёт пассажиропотока в вагонах метро",
        "organiser": "ГУП «Московский метрополитен»",
        "problem": "Пассажиры садятся в первые и последние вагоны, хотя в средних свободно. Нужна "
        "система, которая считает заполненность каждого вагона и показывает её на платформе до "
        "прибытия поезда.",
        "requirements": "Точность оценки заполненности не хуже ±10 %; работа на существующих камерах "
        "вагонов или отдельных датчиках; никаких персональных данных и хранения изображений; "
        "передача данных на платформу за 60 секунд до прибытия.",
        "criteria": [
            ("accuracy", "Точность подсчёта", "3"),
            ("privacy", "Защита персональных данных", "1.5"),
            ("scale", "Масштабируемость на всю сеть", "0.5"),
        ],
        "reward": "Пилотное внедрение на Большой кольцевой линии",
        "winners": 2,
        "blind": True,
        "published": -60,
        "deadline": -12,
        "ideas": [
            (
                "Оценка заполненности вагона по датчикам веса",
                "Датчики в подвеске вагона оценивают нагрузку без камер и персональных данных.",
            ),
            (
                "Подсчёт пассажиров по видео без хранения кадров",
                "Вычислитель в вагоне считает людей и удаляет кадры сразу после обработки.",
            ),
            (
                "Табло заполненности вагонов на платформе",
                "Светодиодная полоса над краем платформы показывает свободные вагоны приближающегося поезда.",
            ),
            (
                "Прогноз пассажиропотока по данным турникетов",
                "Модель предсказывает заполненность по входам через турникеты и пересадкам.",
            ),
            (
                "Wi-Fi-зондирование без идентификации устройств",
                "Система считает устройства в вагоне по обезличенным сигналам и хеширует их на борту.",
            ),
            (
                "Подсказки о свободных вагонах в приложении «Метро Москвы»",
                "Пассажир видит, в какой вагон садиться, ещё на подходе к станции.",
            ),
        ],
    },
    {
        "state": ContestStatus.SCORING,
        "topic": "housing",
        "title": "Предиктивная диагностика лифтового оборудования",
        "organiser": "Фонд капитального ремонта многоквартирных домов города Москвы",
        "problem": "Лифты в жилых домах ломаются внезапно, жители часами ждут аварийную службу. Нужна "
        "система, которая по датчикам заранее предупреждает о неисправности и помогает планировать "
        "ремонт.",
        "requirements": "Установка без остановки лифта дольше чем на 4 часа; совместимость с лифтами "
        "отечественных и зарубежных производителей; прогноз отказа не менее чем за 7 дней; "
        "передача данных в диспетчерскую по защищённому каналу.",
        "criteria": [
            ("tech", "Техническая зрелость", "3"),
            ("econ", "Экономический эффект", "1.5"),
            ("install", "Простота монтажа", "1"),
        ],
        "reward": "Пилотное внедрение в 100 домах, затем контракт",
        "winners": 2,
        "blind": False,
        "published": -45,
        "deadline": -4,
        "ideas": [
            (
                "Вибродиагностика привода лифта",
                "Датчик вибрации на лебёдке распознаёт износ подшипников и редуктора за недели до отказа.",
            ),
            (
                "Мониторинг дверей кабины по току двигателя",
                "Анализ тока привода дверей выявляет перекосы и загрязнение направляющих.",
            ),
            (
                "Цифровой паспорт лифта для управляющих компаний",
                "История ремонтов, осмотров и показаний датчиков в одном сервисе.",
            ),
            (
                "Модель прогноза отказов по данным диспетчерской",
                "Алгоритм обучен на журналах аварийных вызовов и предсказывает следующий отказ.",
            ),
            (
                "Беспроводной блок телеметрии для старых лифтов",
                "Блок ставится за 2 часа и не требует доработки станции управления.",
            ),
            (
                "Планировщик ремонта лифтового парка",
                "Сервис формирует график работ по риску отказа и бюджету капитального ремонта.",
            ),
        ],
    },
    {
        "state": ContestStatus.OPEN,
        "topic": "ecology",
        "title": "Умные контейнерные площадки для раздельного сбора отходов",
        "organiser": "Департамент жилищно-коммунального хозяйства города Москвы",
        "problem": "Контейнеры для вторсырья переполняются в одних дворах и вывозятся полупустыми в "
        "других. Нужны датчики заполненности и сервис, который строит маршруты мусоровозов по "
        "фактическому заполнению.",
        "requirements": "Датчики работают от батареи не менее 3 лет; погрешность заполнения ±10 %; "
        "интеграция с диспетчерской региональных операторов; защита от вандализма.",
        "criteria": [
            ("tech", "Надёжность датчиков", "3"),
            ("logistics", "Экономия на вывозе", "1.5"),
            ("residents", "Вовлечение жителей", "0.5"),
        ],
        "reward": "Пилотное внедрение в двух районах и грант 2 млн ₽",
        "winners": 2,
        "blind": True,
        "published": -21,
        "deadline": 20,
        "ideas": [
            (
                "Ультразвуковой датчик заполненности контейнера",
                "Датчик на крышке измеряет уровень отходов и передаёт его по NB-IoT раз в час.",
            ),
            (
                "Маршрутизация мусоровозов по заполнению",
                "Сервис строит маршрут вывоза на день только по заполненным площадкам.",
            ),
            (
                "Приложение для жителей о раздельном сборе",
                "Жители видят ближайшие площадки, их заполненность и получают баллы за сдачу вторсырья.",
            ),
            (
                "Камера контроля площадки с распознаванием навалов",
                "Алгоритм сообщает о крупногабаритных отходах рядом с контейнерами.",
            ),
        ],
    },
    {
        "state": ContestStatus.OPEN,
        "topic": "healthcare",
        "title": "Дистанционное наблюдение пациентов с артериальной гипертензией",
        "organiser": "Департамент здравоохранения города Москвы",
        "problem": "Пациенты с гипертензией приходят к врачу раз в несколько месяцев, а давление "
        "меняется каждый день. Нужен сервис, который передаёт измерения из дома врачу и "
        "предупреждает о тревожных значениях.",
        "requirements": "Тонометры с автоматической передачей данных; интеграция с ЕМИАС; хранение "
        "данных в России; понятный интерфейс для пациентов старше 65 лет.",
        "criteria": [
            ("clinical", "Клиническая польза", "3"),
            ("integration", "Интеграция с ЕМИАС", "1.5"),
            ("usability", "Удобство для пожилых пациентов", "1.5"),
            ("cost", "Стоимость на одного пациента", "0.5"),
        ],
        "reward": "Пилотное внедрение в 5 поликлиниках и грант 2 млн ₽",
        "winners": 3,
        "blind": False,
        "published": -10,
        "deadline": 45,
        "ideas": [
            (
                "Тонометр с передачей данных в ЕМИАС",
                "Тонометр отправляет измерения по сотовой сети без смартфона и настройки.",
            ),
            (
                "Дашборд врача с тревожными пациентами",
                "Врач видит пациентов с превышениями и связывается с ними в тот же день.",
            ),
            (
                "Голосовой помощник напоминаний об измерениях",
                "Помощник звонит пациенту, напоминает о давлении и лекарствах и записывает ответы.",
            ),
            (
                "Носимый браслет для непрерывного контроля давления",
                "Браслет оценивает давление по пульсовой волне и калибруется тонометром раз в неделю.",
            ),
        ],
    },
    {
        "state": ContestStatus.OPEN,
        "topic": "education",
        "title": "Цифровые лабораторные работы по физике и химии для школ",
        "organiser": "Департамент образования и науки города Москвы",
        "problem": "Во многих школах нет оборудования для части лабораторных работ, а реактивы и "
        "приборы дороги и небезопасны. Нужны цифровые лаборатории и тренажёры, которые работают в "
        "«Московской электронной школе».",
        "requirements": "Соответствие ФГОС и школьной программе 7-11 классов; работа на интерактивных "
        "панелях и планшетах МЭШ; отчёты учителю; без сбора лишних данных об учениках.",
        "criteria": [
            ("pedagogy", "Методическая ценность", "3"),
            ("tech", "Техническое качество", "1.5"),
            ("integration", "Интеграция с МЭШ", "1"),
        ],
        "reward": "Пилотное внедрение в 30 школах",
        "winners": 3,
        "blind": True,
        "published": -2,
        "deadline": 9,
        "ideas": [
            (
                "Виртуальная химическая лаборатория",
                "Ученики проводят опыты с реактивами в симуляторе, учитель видит ход работы.",
            ),
            (
                "Цифровые датчики для лабораторных по физике",
                "Набор датчиков температуры, силы и напряжения передаёт данные на панель МЭШ.",
            ),
            (
                "Тренажёр сборки электрических цепей",
                "Интерактивный конструктор цепей с проверкой закона Ома и техники безопасности.",
            ),
            (
                "Дополненная реальность на уроках химии",
                "Молекулы и реакции в 3D на планшете поверх учебника.",
            ),
        ],
    },
    {
        "state": ContestStatus.DRAFT,
        "topic": "transport",
        "title": "Быстрая зарядка электробусов на конечных станциях",
        "organiser": "ПАО «Россети Московский регион»",
        "problem": "Электробусам нужна подзарядка на конечных, но мощность подстанций рядом с ними "
        "ограничена. Нужны решения, которые сглаживают пиковую нагрузку: накопители, умное "
        "управление зарядкой.",
        "requirements": "Мощность зарядки до 300 кВт; совместимость с пантографами электробусов "
        "Москвы; работа при −30 °C; отечественные силовые модули.",
        "criteria": [
            ("tech", "Техническое решение", "3"),
            ("grid", "Снижение пиковой нагрузки на сеть", "1.5"),
            ("cost", "Стоимость", "0.5"),
        ],
        "reward": "Контракт на оснащение 10 конечных станций",
        "winners": 1,
        "blind": False,
        "published": None,
        "deadline": 60,
    },
    {
        "state": ContestStatus.DRAFT,
        "topic": "housing",
        "title": "Автоматический учёт тепла в многоквартирных домах",
        "organiser": "ПАО «МОЭК»",
        "problem": "Данные общедомовых счётчиков тепла собирают вручную, утечки и перетопы находят "
        "поздно. Нужна система дистанционного сбора показаний и поиска аномалий.",
        "requirements": "Совместимость с приборами учёта, внесёнными в госреестр; передача данных не "
        "реже раза в сутки; выявление аномалий потребления.",
        "criteria": [
            ("tech", "Надёжность сбора данных", "3"),
            ("econ", "Экономия тепла", "1.5"),
        ],
        "reward": "Пилотное внедрение в 200 домах",
        "winners": 2,
        "blind": True,
        "published": None,
        "deadline": 75,
    },
    {
        "state": ContestStatus.CANCELLED,
        "topic": "healthcare",
        "title": "Беспилотная доставка биоматериалов между больницами",
        "organiser": "Департамент предпринимательства и инновационного развития города Москвы",
        "problem": "Пробирки с анализами возят между больницами и лабораториями автомобилями, часто в "
        "пробках. Предлагается доставка беспилотниками с испытаниями в лаборатории беспилотных "
        "систем Зеленограда.",
        "requirements": "Температурный режим +2…+8 °C в контейнере; грузоподъёмность не менее 3 кг; "
        "полёт по маршрутам, согласованным в единой диспетчерской городской аэромобильности.",
        "criteria": [
            ("safety", "Безопасность полётов", "3"),
            ("logistics", "Скорость и надёжность доставки", "1.5"),
            ("cost", "Стоимость рейса", "0.5"),
        ],
        "reward": "Пилотное внедрение в Зеленограде и грант 2 млн ₽",
        "winners": 1,
        "blind": True,
        "published": -100,
        "deadline": -40,
        "cancelled": -70,
        "cancel_comment": "Экспериментальный правовой режим для полётов над жилой застройкой не установлен "
        "к сроку конкурса. Конкурс будет объявлен заново после его установления; поданные "
        "решения участники смогут подать повторно.",
        "ideas": [
            (
                "Дрон с термоконтейнером для пробирок",
                "Квадрокоптер с активным охлаждением контейнера и журналом температуры в полёте.",
            ),
            (
                "Дронопорт на крыше больницы",
                "Автоматическая площадка приёма груза с заменой аккумулятора за 90 секунд.",
            ),
            (
                "Система планирования маршрутов беспилотников",
                "Маршруты строятся с учётом запретных зон и передаются в единую диспетчерскую.",
            ),
            (
                "Самолётный беспилотник вертикального взлёта",
                "Дальность 60 км для доставки между округами города.",
            ),
        ],
    },
]

# Another company's take on the same idea: the second and later solutions of an idea say how.
APPROACHES = [
    "на отечественной элементной базе",
    "с открытым API",
    "по подписке для городских служб",
    "с обработкой данных на борту",
    "на базе облака города",
    "с модульной архитектурой",
    "для быстрого тиражирования",
]
DETAILS = [
    "Прототип испытан на площадке технопарка; есть отзыв заказчика.",
    "Решение уже работает у двух коммерческих заказчиков в Московской области.",
    "Команда из 12 инженеров, собственное производство в Москве.",
    "Программное обеспечение включено в реестр российского ПО.",
    "Готовы начать пилот через месяц после подведения итогов.",
    "Стоимость внедрения рассчитана на 5 лет, с обслуживанием.",
    "Есть патент на полезную модель и заявка на изобретение.",
    "Решение разработано вместе с НИУ; испытания прошли зимой при −25 °C.",
]
COMMENTS = {
    "high": [
        "Зрелое решение: есть работающий прототип и подтверждённые результаты испытаний.",
        "Сильная команда и реалистичный план внедрения.",
        "Экономический эффект рассчитан убедительно, риски описаны.",
        "Требования заказчика выполнены полностью, есть запас по ключевым показателям.",
    ],
    "middle": [
        "Идея перспективная, но техническая часть проработана не полностью.",
        "Не хватает данных о стоимости владения на горизонте пяти лет.",
        "Нужны результаты испытаний в городских условиях, а не только в лаборатории.",
        "Интеграция с городскими системами описана в общих словах.",
    ],
    "low": [
        "Решение не отвечает ключевым требованиям заказчика.",
        "Прототипа нет, сроки внедрения нереалистичны.",
        "Не раскрыто, как будут защищены данные жителей.",
        "Заявленные показатели ничем не подтверждены.",
    ],
}
# How often one expert's sheet is far from the others' (so the coordinator's spread flag shows).
OUTLIER_SHARE = 0.06


def _moscow(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _between(rng: random.Random, first: dt.datetime, last: dt.datetime, n: int) -> list[dt.datetime]:
    """n moments between `first` and `last`, in order, to the second; none in the small hours
    (a moment before 08:00 Moscow time moves to the same day's working hours)."""
    span = max((last - first).total_seconds(), 1)
    moments = []
    for _ in range(n):
        moment = first + dt.timedelta(seconds=rng.uniform(0, span))
        if timezone.localtime(moment).hour < 8:
            moment += dt.timedelta(hours=9)
        moments.append(min(moment, last).replace(microsecond=0))
    return sorted(moments)


def _experts(template) -> list:
    """The demo expert and nine more: staff with the `expert` role, the same password as every
    demo account (the demo expert's hash is copied: hashing again costs a second)."""
    User = get_user_model()
    group = Group.objects.get(name=StaffRole.EXPERT)
    experts = [template]
    for number, name in enumerate(MORE_EXPERTS, start=2):
        user, created = User.objects.get_or_create(
            email=f"expert{number}@{DEMO_DOMAIN}",
            defaults={
                "full_name": name,
                "password": template.password,
                "is_staff": True,
                "email_confirmed_at": timezone.now(),
            },
        )
        if created:
            user.groups.add(group)
        experts.append(user)
    return experts


@transaction.atomic
def seed(*, rng: random.Random, organization_ids: list[int]) -> str:
    User = get_user_model()
    coordinator = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
    expert = User.objects.filter(email=f"expert@{DEMO_DOMAIN}").first()
    if coordinator is None or expert is None:
        return "no demo coordinator or expert"
    participants = [p.organization for p in participations_among(organization_ids, order_by="pk")]
    owners = owners_of(o.pk for o in participants)
    participants = [o for o in participants if o.pk in owners]
    if len(participants) < MIN_PARTICIPANTS:
        return "too few participants for contests"
    experts = _experts(expert)
    # each expert is strict or lenient in their own way, the same in every contest
    bias = {e.pk: rng.uniform(-1.0, 1.0) for e in experts}
    made: Counter = Counter()
    ids = [_contest(rng, plan, coordinator, experts, bias, participants, owners, made) for plan in CONTESTS]
    # the hourly task's work: the challenges whose deadline has passed are being scored
    services.close_due_contests()
    states = Counter(Contest.objects.filter(pk__in=ids).values_list("status", flat=True))
    summary = ", ".join(f"{ContestStatus(s).value} {n}" for s, n in sorted(states.items()))
    return (
        f"{len(CONTESTS)} contests ({summary}), {made['solutions']} solutions, {len(experts)} experts, "
        f"{made['assignments']} assignments, {made['sheets']} score sheets, {made['winners']} winners"
    )


def _contest(rng, plan, coordinator, experts, bias, participants, owners, made) -> int:
    """One challenge taken to its state as the coordinator, the participants and the experts
    would; the dates of the past carried over afterwards. Returns its id."""
    state = plan["state"]
    now = timezone.now()
    today = timezone.localdate()
    deadline = _moscow(today + dt.timedelta(days=plan["deadline"]), DEADLINE_TIME)
    contest = services.create_contest(
        actor=coordinator,
        title=plan["title"],
        organiser=plan["organiser"],
        problem=plan["problem"],
        requirements=plan["requirements"],
        criteria=[{"code": c, "name": n, "weight": w} for c, n, w in plan["criteria"]],
        # a challenge of the past is run while its deadline is ahead, then the deadline goes back
        deadline=max(deadline, now + dt.timedelta(days=30)),
        winners=plan["winners"],
        reward=plan["reward"],
        blind=plan["blind"],
        experts_per_solution=EXPERTS_PER_SOLUTION,
    )
    if state == ContestStatus.DRAFT:
        _backdate_contest(contest, created=now - dt.timedelta(days=rng.randint(1, 6)))
        return contest.pk
    published = _moscow(today + dt.timedelta(days=plan["published"]), dt.time(rng.randint(10, 16)))
    contest = services.publish(actor=coordinator, contest=contest)

    # the solutions: most from participants of the topic's industries
    fitting = [o for o in participants if o.okved_main_id in TOPIC_OKVED[plan["topic"]]]
    others = [o for o in participants if o.okved_main_id not in TOPIC_OKVED[plan["topic"]]]
    rng.shuffle(fitting)
    rng.shuffle(others)
    few = state in (ContestStatus.OPEN, ContestStatus.CANCELLED)
    wanted = min(rng.randint(5, 12) if few else rng.randint(8, 22), len(participants))
    take = min(len(fitting), round(wanted * 0.7))
    chosen = fitting[:take] + others[: wanted - take]
    chosen += fitting[take : take + wanted - len(chosen)]
    solutions = []
    for index, organization in enumerate(chosen):
        title, description = _solution_text(rng, plan["ideas"], index)
        solutions.append(
            services.submit_solution(
                actor=owners[organization.pk],
                contest=contest,
                organization=organization,
                title=title,
                description=description,
            )
        )
    made["solutions"] += len(solutions)
    closes = min(deadline, now) if state != ContestStatus.CANCELLED else _past(today, plan["cancelled"])
    _backdate_solutions(rng, solutions, published + dt.timedelta(hours=2), closes - dt.timedelta(hours=1))
    _backdate_contest(contest, created=published - dt.timedelta(days=rng.randint(2, 10)), published=published)

    if state == ContestStatus.CANCELLED:
        services.cancel(actor=coordinator, contest=contest, comment=plan["cancel_comment"])
        Contest.objects.filter(pk=contest.pk).update(deadline=deadline, updated_at=closes)
        return contest.pk

    # the jury: 4-8 experts, the demo expert (`experts[0]`) in every one; in an open challenge
    # some, the demo expert among them, have not declared their conflicts yet
    pool = [experts[0], *rng.sample(experts[1:], rng.randint(3, min(7, len(experts) - 1)))]
    for member in pool:
        services.add_expert(actor=coordinator, contest=contest, expert=member)
    submitters = [s.organization_id for s in solutions]
    declaring = pool if state != ContestStatus.OPEN else pool[1 : 1 + len(pool) // 2]
    conflicted = set(rng.sample(range(len(declaring)), max(0, min(2, len(declaring) - 3))))
    for index, member in enumerate(declaring):
        # a couple of experts know some of the submitting companies (a former employer, a client)
        conflicts = (
            rng.sample(submitters, min(len(submitters), rng.randint(1, 2))) if index in conflicted else []
        )
        services.declare(actor=member, contest=contest, conflicts=conflicts)
    if state == ContestStatus.OPEN:
        _backdate_pool(rng, contest, published, now)
        return contest.pk

    # the deadline passes; the coordinator assigns the jury automatically and the experts score
    Contest.objects.filter(pk=contest.pk).update(deadline=deadline)
    result = services.auto_assign(
        actor=coordinator, contest=contest, experts_per_solution=EXPERTS_PER_SOLUTION
    )
    made["assignments"] += len(result["assignments"])
    finished = state == ContestStatus.RESULTS_PUBLISHED
    results_at = _moscow(today + dt.timedelta(days=plan["results"]), dt.time(12)) if finished else now
    _backdate_pool(rng, contest, published, deadline)
    share = 1.0 if finished else rng.uniform(0.4, 0.7)
    by_pk = {e.pk: e for e in experts}
    quality = {s.pk: rng.gauss(5.8, 1.4) for s in solutions}
    codes = [c for c, _n, _w in plan["criteria"]]
    for item in result["assignments"]:
        if rng.random() >= share:
            continue
        solution = next(s for s in solutions if s.pk == item["solution_id"])
        points = _points(rng, quality[solution.pk], bias[item["expert_id"]], codes)
        services.score(
            actor=by_pk[item["expert_id"]],
            solution=solution,
            scores=points,
            comment=_comment(rng, points),
        )
        made["sheets"] += 1
    _backdate_review(rng, contest, deadline, results_at)
    if finished:
        services.publish_results(actor=coordinator, contest=contest)
        Contest.objects.filter(pk=contest.pk).update(results_published_at=results_at, updated_at=results_at)
        made["winners"] += Solution.objects.filter(contest=contest, is_winner=True).count()
    return contest.pk


def _past(today: dt.date, days: int) -> dt.datetime:
    return _moscow(today + dt.timedelta(days=days), dt.time(15))


def _solution_text(rng: random.Random, ideas: list[tuple[str, str]], index: int) -> tuple[str, str]:
    """The idea's title for its first solution; later ones say how theirs differs."""
    title, description = ideas[index % len(ideas)]
    if index >= len(ideas):
        title = f"{title} {APPROACHES[(index // len(ideas) - 1 + index) % len(APPROACHES)]}"
    return title, f"{description} {rng.choice(DETAILS)}"


def _points(rng: random.Random, quality: float, bias: float, codes: list[str]) -> dict[str, int]:
    """An expert's whole points 0-10 per criterion: the solution's quality, the expert's own bias,
    some noise; now and then a sheet far from the others."""
    outlier = rng.choice([-5, 5]) if rng.random() < OUTLIER_SHARE else 0
    return {code: max(0, min(10, round(quality + bias + outlier + rng.gauss(0, 0.8)))) for code in codes}


def _comment(rng: random.Random, points: dict[str, int]) -> str:
    mean = sum(points.values()) / len(points)
    level = "high" if mean >= 7.5 else "middle" if mean >= 4.5 else "low"
    return " ".join(rng.sample(COMMENTS[level], k=rng.randint(1, 2)))


def _backdate_contest(
    contest: Contest, *, created: dt.datetime, published: dt.datetime | None = None
) -> None:
    fields = {"created_at": created, "updated_at": published or created}
    if published is not None:
        fields["published_at"] = published
    Contest.objects.filter(pk=contest.pk).update(**fields)


def _backdate_solutions(rng, solutions: list[Solution], first: dt.datetime, last: dt.datetime) -> None:
    """The submissions were made now, in this order: they get moments of the submission period,
    in the same order (ties in the ranking go to the earlier submission)."""
    for solution, moment in zip(solutions, _between(rng, first, last, len(solutions)), strict=True):
        solution.submitted_at = solution.created_at = solution.updated_at = moment
    Solution.objects.bulk_update(solutions, ["submitted_at", "created_at", "updated_at"])


def _backdate_pool(rng, contest: Contest, published: dt.datetime, declared_by: dt.datetime) -> None:
    """The experts joined the pool in the first days after the publication and declared their
    conflicts before the deadline (or now, for an open challenge)."""
    added = published + dt.timedelta(days=rng.randint(1, 3))
    PoolExpert.objects.filter(contest=contest).update(added_at=added)
    declared = min(added + dt.timedelta(days=rng.randint(1, 5)), declared_by)
    PoolExpert.objects.filter(contest=contest, declared_at__isnull=False).update(declared_at=declared)


def _backdate_review(rng, contest: Contest, deadline: dt.datetime, until: dt.datetime) -> None:
    """Assigned the working day after the deadline; the sheets scored in the weeks after."""
    assigned = deadline + dt.timedelta(hours=16)
    Assignment.objects.filter(solution__contest=contest).update(assigned_at=assigned)
    sheets = list(ScoreSheet.objects.filter(solution__contest=contest).order_by("pk"))
    last = min(until - dt.timedelta(hours=2), timezone.now())
    for sheet, moment in zip(
        sheets, _between(rng, assigned + dt.timedelta(hours=1), last, len(sheets)), strict=True
    ):
        sheet.created_at = sheet.updated_at = moment
    ScoreSheet.objects.bulk_update(sheets, ["created_at", "updated_at"])
