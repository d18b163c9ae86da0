"""Version 1 of the consent to the processing of personal data (152-FZ art. 9): published when the
platform is installed (or upgraded to it), so that every person is asked for it once. An operator
that wants its own name and address in the text publishes version 2 in the admin; a published
version is never edited.

The text is written out here, not imported: what people consented to must not change with the code."""

from django.db import migrations
from django.utils import timezone

PURPOSES = ["membership_and_support", "notifications", "public_profiles", "statistics"]

TITLE_RU = "Согласие на обработку персональных данных"
TITLE_EN = "Consent to the processing of personal data"

TEXT_RU = """\
Настоящим я, действуя свободно, своей волей и в своём интересе, даю оператору инновационного кластера — \
организации, управляющей платформой «Единое электронное окно инновационного кластера» (далее — Оператор \
и Платформа), конкретное, предметное, информированное, сознательное и однозначное согласие на обработку \
моих персональных данных в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ \
«О персональных данных» на следующих условиях.

1. Цели обработки
1.1. Участие в инновационном кластере и получение мер поддержки: регистрация и ведение учётной записи; \
рассмотрение заявок на вступление в кластер, на меры поддержки, пилотное тестирование, участие в конкурсах \
и межотраслевых кластерах; заключение и исполнение соглашений с организациями, от имени которых я действую.
1.2. Направление мне уведомлений о ходе рассмотрения заявок, о сроках и решениях — на Платформе и по \
электронной почте.
1.3. Ведение публичных реестров и профилей организаций для поиска партнёров. Публикуются сведения об \
организациях, а не о людях: мои фамилия, имя, отчество, адрес электронной почты и телефон в открытые \
реестры и профили не включаются.
1.4. Статистика и аналитика — только в обезличенном и агрегированном виде, не позволяющем определить меня.

2. Перечень персональных данных
Фамилия, имя, отчество; адрес электронной почты; мои роли в организациях на Платформе (владелец, \
руководитель, сотрудник), а также должность и контактный телефон, если я их укажу; документы, которые я \
загружаю на Платформу, и содержащиеся в них сведения; дата и время моих действий на Платформе и IP-адрес, \
с которого они совершены, — для защиты учётной записи и ведения журнала событий.

3. Действия с персональными данными
Сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, \
использование, передача (предоставление, доступ), обезличивание, блокирование, удаление и уничтожение — \
с использованием средств автоматизации и без них. Доступ к моим персональным данным получают работники \
Оператора и привлекаемые им эксперты — в объёме, необходимом для рассмотрения заявок, и с записью в журнале \
доступа, — а также организации, от имени которых я действую на Платформе. Персональные данные хранятся в \
базе данных на территории Российской Федерации; трансграничная передача не осуществляется.

4. Срок действия согласия
Согласие действует со дня его предоставления до дня его отзыва.

5. Отзыв согласия
Я могу отозвать согласие в любое время в личном кабинете, в разделе «Мои данные», или письменным заявлением \
Оператору. После отзыва обработка прекращается сразу, а мои персональные данные уничтожаются в срок, не \
превышающий 30 дней, кроме сведений, которые Оператор обязан хранить в силу закона (подписанные соглашения, \
сведения о выплатах): они хранятся в течение установленного законом срока и используются только для его \
исполнения. Уничтожение подтверждается записью, которая хранится 3 года. Отзыв согласия не затрагивает \
законность обработки, осуществлённой до отзыва.

6. Мои права
Я вправе получать сведения об обработке моих персональных данных и выгружать их в разделе «Мои данные», \
требовать их уточнения, блокирования или уничтожения (статьи 14, 20 и 21 Федерального закона № 152-ФЗ).

7. Форма согласия
Согласие даётся в форме электронного документа — отметкой в отдельном поле на Платформе. Оператор хранит \
версию текста, на которую дано согласие, дату и время согласия и IP-адрес, с которого оно дано. Если текст \
согласия изменится, Платформа попросит меня дать согласие на новую версию."""

TEXT_EN = """\
I hereby, freely, of my own will and in my own interest, give the operator of the innovation cluster — \
the organisation that runs the platform "Single electronic window of the innovation cluster" (the Operator \
and the Platform) — my specific, informed, conscious and unambiguous consent to the processing of my \
personal data under Article 9 of Federal Law No. 152-FZ of 27 July 2006 "On Personal Data", on the \
following terms. (This is a translation; the Russian text is the one that applies.)

1. Purposes of the processing
1.1. Membership in the innovation cluster and its support measures: signing up and keeping the account; \
reviewing applications to join the cluster, for support measures, pilot testing, contests and \
intersectoral clusters; concluding and performing agreements with the organisations I act for.
1.2. Notifications about the progress of applications, deadlines and decisions — on the Platform and by \
e-mail.
1.3. Public registers and partner search profiles of organisations. What is published is about \
organisations, not about people: my full name, e-mail address and phone number are not included in \
public registers and profiles.
1.4. Statistics and analytics — only anonymised and in aggregated form that does not identify me.

2. Personal data processed
Full name; e-mail address; my roles in organisations on the Platform (owner, manager, member), and my \
position and contact phone number if I give them; the documents I upload to the Platform and what they \
contain; the date and time of my actions on the Platform and the IP address they came from — to protect \
the account and keep the event log.

3. Actions with the personal data
Collection, recording, systematisation, accumulation, storage, clarification (updating, changing), \
retrieval, use, transfer (provision, access), anonymisation, blocking, deletion and destruction — with and \
without automation. My personal data are accessed by the Operator's staff and the experts it engages — as \
far as reviewing applications requires, and recorded in the access log — and by the organisations I act \
for on the Platform. The personal data are stored in a database in the Russian Federation; they are not \
transferred across borders.

4. Term of the consent
The consent is valid from the day it is given until the day it is withdrawn.

5. Withdrawal of the consent
I may withdraw the consent at any time in my cabinet, under "My data", or by a written notice to the \
Operator. Once it is withdrawn, the processing stops at once and my personal data are destroyed within 30 \
days, except what the Operator must keep by law (signed agreements, payments): that is kept for the term \
the law sets and used only to comply with it. The destruction is confirmed by a record kept for 3 years. \
Withdrawing the consent does not affect the lawfulness of the processing before it.

6. My rights
I may obtain information about the processing of my personal data and download them under "My data", and \
demand that they be corrected, blocked or destroyed (Articles 14, 20 and 21 of Federal Law No. 152-FZ).

7. Form of the consent
The consent is given as an electronic document — by ticking a separate box on the Platform. The Operator \
keeps the version of the text consented to, the date and time of the consent and the IP address it was \
given from. If the text of the consent changes, the Platform will ask me to consent to the new version."""


def create_first_document(apps, schema_editor):
    """Idempotent: a database that has version 1 keeps it as it is."""
    ConsentDocument = apps.get_model("accounts", "ConsentDocument")
    ConsentDocument.objects.get_or_create(
        version=1,
        defaults={
            "title_ru": TITLE_RU,
            "title_en": TITLE_EN,
            "text_ru": TEXT_RU,
            "text_en": TEXT_EN,
            "purposes": PURPOSES,
            "published_at": timezone.now(),
        },
    )


def remove_first_document(apps, schema_editor):
    ConsentDocument = apps.get_model("accounts", "ConsentDocument")
    ConsentDocument.objects.filter(version=1, consents__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_personal_data_consent")]
    operations = [migrations.RunPython(create_first_document, remove_first_document)]
