"""A pilot's protocol as a PDF, in the look of the measures' agreements (`measures.pdf`: the same
bundled font, styles and page) and in Russian like them: the pilot, the criteria with their
measured values, the users' feedback (`selectors.protocol_summary`), the conclusion; a version
that a later one replaced says so."""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.db.models import Max
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from innocluster.core.formats import format_number, human_date, human_datetime
from innocluster.measures.pdf import document, styles, table_style
from innocluster.pilots.selectors import protocol_summary

BETTER_RU = {"higher": "чем больше, тем лучше", "lower": "чем меньше, тем лучше"}
CONCLUSION_RU = {
    "recommended": "рекомендовано",
    "needs_work": "требует доработки",
    "not_recommended": "не рекомендовано",
}


def measure_ru(value: Decimal) -> str:
    """A target or a measured value as typed, in Russian: "95,5", "15", "1 200"."""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, places, "ru")


def _text(value) -> str:
    """User's text inside a reportlab paragraph (its markup is XML): escaped, lines kept."""
    return escape(str(value)).replace("\n", "<br/>")


def protocol_pdf(protocol) -> bytes:
    body, heading = styles()
    pilot = protocol.pilot
    company, site = pilot.organization, pilot.site
    summary = protocol_summary(protocol)
    latest = pilot.protocols.aggregate(last=Max("version"))["last"] or protocol.version
    buffer = io.BytesIO()
    pdf = document(buffer, title=f"Протокол пилотного тестирования № {pilot.pk}, версия {protocol.version}")
    story = [
        Paragraph(
            f"Протокол пилотного тестирования № {pilot.pk}, версия {protocol.version}",
            heading,
        )
    ]
    if latest > protocol.version:
        story.append(
            Paragraph(
                f"<b>Эта версия заменена версией {latest}.</b> Действует версия {latest}.",
                body,
            )
        )
    if protocol.version > 1:
        story.append(Paragraph(f"Исправление: эта версия исправляет версию {protocol.version - 1}.", body))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(f"Продукт: {_text(pilot.product)}", body),
        Paragraph(f"Компания: {_text(company.short_name)}, ИНН {_text(company.inn)}", body),
        Paragraph(f"Площадка: {_text(site.name)}, {_text(site.address)}", body),
        Paragraph(
            f"Период: с {human_date(pilot.starts_on, 'ru')} по {human_date(pilot.ends_on, 'ru')}",
            body,
        ),
        Spacer(1, 4 * mm),
        Paragraph("Критерии успеха", heading),
    ]
    rows = [["Критерий", "Ед.", "Лучше", "Цель", "Измерено", "Итог"]]
    for criterion in summary["criteria"]:
        rows.append(
            [
                Paragraph(_text(criterion["name"]), body),
                Paragraph(_text(criterion["unit"]), body),
                Paragraph(BETTER_RU.get(criterion["better"], criterion["better"]), body),
                measure_ru(criterion["target"]),
                measure_ru(criterion["value"]),
                "достигнут" if criterion["met"] else "не достигнут",
            ]
        )
    table = Table(rows, colWidths=[50 * mm, 14 * mm, 32 * mm, 22 * mm, 22 * mm, 30 * mm], repeatRows=1)
    table.setStyle(table_style(("ALIGN", (3, 1), (4, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP")))
    story += [table, Spacer(1, 4 * mm), Paragraph("Отзывы пользователей", heading)]
    average = summary["average_rating"]
    story += [
        Paragraph(f"Число отзывов: {summary['feedback_count']}", body),
        Paragraph(
            f"Средняя оценка: {format_number(average, 2, 'ru') if average is not None else 'нет отзывов'}",
            body,
        ),
    ]
    distribution = Table(
        [
            ["Оценка", "1", "2", "3", "4", "5"],
            ["Отзывов", *(str(summary["distribution"][str(n)]) for n in range(1, 6))],
        ],
        colWidths=[30 * mm] + [16 * mm] * 5,
    )
    distribution.setStyle(table_style(("ALIGN", (1, 0), (-1, -1), "CENTER")))
    story += [
        Spacer(1, 2 * mm),
        distribution,
        Spacer(1, 4 * mm),
        Paragraph(
            f"Заключение: <b>{CONCLUSION_RU.get(protocol.conclusion, protocol.conclusion)}</b>",
            body,
        ),
    ]
    if protocol.comment:
        story.append(Paragraph(f"Комментарий: {_text(protocol.comment)}", body))
    story += [
        Spacer(1, 6 * mm),
        Paragraph(
            f"Протокол представлен {human_datetime(protocol.submitted_at, 'ru')}, "
            f"{_text(protocol.submitted_by.full_name)} ({_text(site.name)})",
            body,
        ),
    ]
    pdf.build(story)
    return buffer.getvalue()
