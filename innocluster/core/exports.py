"""Downloads of a table as CSV (UTF-8, optionally with a BOM for Excel) or XLSX with typed cells:
numbers are numbers, dates are dates, money has two places. Every app's "download what is on
screen" goes through here, so the files of one table agree with each other and with the page."""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
MONEY_FORMAT = "#,##0.00"
NUMBER_FORMAT = "General"  # 2026 and 223 as they are, 12.5 with its decimals (no "2,026.")
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # text / number / money / date / bool


def _csv_text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal | int):
        return f"{Decimal(value):.2f}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_bytes(columns: Sequence[Column], rows: Iterable[Sequence], *, bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(c.title) for c in columns])
    for row in rows:
        writer.writerow([_csv_text(v, c.kind) for c, v in zip(columns, row, strict=True)])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(columns: Sequence[Column], rows: Iterable[Sequence], *, sheet: str = "data") -> bytes:
    book = Workbook(write_only=True)
    table = book.create_sheet(title=sheet[:31] or "data")
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(table, value=str(column.title))
        cell.font = bold
        header.append(cell)
    table.append(header)
    for row in rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            if value is None:
                cells.append(None)
                continue
            if column.kind in ("money", "number") and isinstance(value, Decimal | int | float):
                cell = WriteOnlyCell(table, value=value)
                cell.number_format = MONEY_FORMAT if column.kind == "money" else NUMBER_FORMAT
            elif column.kind == "date" and isinstance(value, dt.date):
                cell = WriteOnlyCell(table, value=value)
                cell.number_format = DATE_FORMAT
            elif column.kind == "bool":
                cell = WriteOnlyCell(table, value=bool(value))
            else:
                cell = WriteOnlyCell(table, value=str(value))
                cell.data_type = "s"  # a text that starts with "=" stays a text, never a formula
            cells.append(cell)
        table.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(
    fmt: str, *, filename: str, columns: Sequence[Column], rows: Iterable[Sequence], bom: bool = False
):
    """The table as an attachment `filename.<fmt>`; `fmt` is one of FORMATS."""
    rows = list(rows)
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(columns, rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(columns, rows, bom=bom), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.{fmt}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
