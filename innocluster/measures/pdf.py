"""The agreement as a PDF the applicant downloads: drawn from the application's data with a
bundled font (DejaVu Sans), so that Cyrillic prints on any machine."""

import io
from decimal import Decimal
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from innocluster.core.formats import format_money, format_rate, human_date
from innocluster.measures import quote as engine

FONTS = Path(__file__).resolve().parent / "fonts"
CATEGORY_RU = {
    "logistics": "логистика",
    "insurance": "страхование",
    "certification": "сертификация",
    "consumables": "расходные материалы и комплектующие",
    "labor": "оплата труда",
    "maintenance": "ремонт и обслуживание",
    "equipment_rental": "аренда оборудования",
    "patent": "заявка на патент",
    "invention": "изобретение",
    "utility_model": "полезная модель",
    "industrial_design": "промышленный образец",
    "purchase": "покупка оборудования",
    "leasing": "лизинг",
    "loan_interest": "проценты по кредиту",
    "investment": "инвестиция",
    "real_estate": "недвижимость",
    "utility_connection": "подключение к сетям",
    "ip_rights": "права на РИД",
    "equipment": "оборудование",
    "software": "программное обеспечение",
    "salaries": "оплата труда",
}


@cache
def fonts() -> tuple[str, str]:
    """The bundled DejaVu Sans, regular and bold, registered once: their names for reportlab (the
    pilots' protocol uses them too)."""
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    """The body text and the heading of the platform's documents."""
    regular, bold = fonts()
    return (
        ParagraphStyle("body", fontName=regular, fontSize=10, leading=14),
        ParagraphStyle("heading", fontName=bold, fontSize=14, leading=18, spaceAfter=6),
    )


def document(buffer, *, title: str) -> SimpleDocTemplate:
    """An A4 document with the platform's margins."""
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author="InnoCluster",
    )


def table_style(*commands) -> TableStyle:
    """A table's look: small text, the header row in bold, a thin grey grid; then `commands`."""
    regular, bold = fonts()
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), regular, 9),
            ("FONT", (0, 0), (-1, 0), bold, 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            *commands,
        ]
    )


def rubles(value) -> str:
    """The agreement is in Russian: "60 000,00 ₽", as on the pages (core.formats)."""
    return format_money(value, "ru")


def agreement_pdf(application) -> bytes:
    body, heading = styles()
    agreement = application.agreement
    recipient = (
        application.organization.full_name if application.organization else application.person.full_name
    )
    identifiers = (
        f"ИНН {application.organization.inn}, ОГРН {application.organization.ogrn}"
        if application.organization
        else ""
    )
    buffer = io.BytesIO()
    pdf = document(buffer, title=f"Соглашение {agreement.number}")
    story = [
        Paragraph(f"Соглашение о предоставлении меры поддержки № {agreement.number}", heading),
        Paragraph(f"Дата: {human_date(agreement.created_at, 'ru')}", body),
        Spacer(1, 4 * mm),
        Paragraph(f"Мера поддержки: {application.measure.title_ru}", body),
        Paragraph(f"Получатель: {recipient}{', ' + identifiers if identifiers else ''}", body),
        Paragraph(
            f"Заявка № {application.number}; правила в редакции от {human_date(application.version.effective_from, 'ru')}.",
            body,
        ),
        Spacer(1, 4 * mm),
        Paragraph(f"Сумма предоставляемых средств: <b>{rubles(agreement.amount)}</b>", body),
        Spacer(1, 4 * mm),
    ]
    rows = [["№", "Статья затрат", "Сумма", "Ставка", "К возмещению"]]
    for index, item in enumerate((application.approval_quote or application.quote).get("items", []), start=1):
        rows.append(
            [
                str(index),
                CATEGORY_RU.get(item["category"], item["category"]),
                rubles(Decimal(item["amount"])),
                format_rate(item["rate"], "ru"),
                rubles(Decimal(item["compensable"])),
            ]
        )
    table = Table(rows, colWidths=[10 * mm, 62 * mm, 34 * mm, 18 * mm, 36 * mm], repeatRows=1)
    table.setStyle(table_style(("ALIGN", (2, 1), (-1, -1), "RIGHT")))
    story.append(table)
    schedule = engine.planned_schedule(application.version.rules, agreement.amount)
    if schedule:
        story += [Spacer(1, 4 * mm), Paragraph("График выплат (плановый):", body)]
        labels = {
            "advance": "аванс после подписания соглашения",
            "annual": "ежегодная выплата по подтверждённым затратам",
        }
        for n, (kind, amount) in enumerate(schedule):
            story.append(Paragraph(f"{n + 1}. {labels[kind]}: {rubles(amount)}", body))
        story.append(
            Paragraph(
                "Выплата года y = max(0, min(грант, Σ подтверждённых затрат к возмещению за годы 1..y) − выплачено ранее).",
                body,
            )
        )
    story += [
        Spacer(1, 10 * mm),
        Paragraph("Оператор кластера: ____________________", body),
        Spacer(1, 6 * mm),
        Paragraph("Получатель: ____________________", body),
    ]
    pdf.build(story)
    return buffer.getvalue()
