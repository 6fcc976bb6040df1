"""`jinzai export`: tables as files analysts open directly — one Excel workbook with a sheet
per table, or a folder with one CSV per table (UTF-8 with BOM so Excel reads Japanese;
cp932 on request).

Each table is exported as its current revisions with what a reader needs around it: the
`city` a record belongs to first, then the table's columns, then the provenance a person
checks — the PDF `file` and `page` (machine provenance such as `doc_id` and `bbox` is
left out). Fiscal years are repeated in wareki (`2025` → `令和7年度`), and `--labels ja`
turns column and sheet names into Japanese (`data/labels_ja.yaml`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from jinzai.models import TABLES
from jinzai.normalizers.dates import fiscal_year_label
from jinzai.pipeline.access.answers import PROVENANCE_COLUMNS
from jinzai.pipeline.access.corpus import CITY_OF_DOCUMENT, Corpus

if TYPE_CHECKING:
    import pandas as pd

EXPORT_FORMATS = ("xlsx", "csv")
CSV_ENCODINGS = ("utf-8-sig", "utf-8", "cp932")
FISCAL_YEAR_COLUMNS = ("fiscal_year", "period_start_fy", "period_end_fy")
WAREKI_SUFFIX = "_wareki"
EXCEL_SHEET_NAME_LIMIT = 31
EXCEL_COLUMN_WIDTH_LIMIT = 60


class ExportError(ValueError):
    """A usage error: an unknown table, format or encoding."""


@dataclass(frozen=True)
class ExportOptions:
    tables: tuple[str, ...] = tuple(TABLES)
    labels: str | None = None  # "ja" for Japanese column and sheet names
    encoding: str = "utf-8-sig"
    all_revisions: bool = False


@cache
def japanese_labels() -> dict[str, Any]:
    text = resources.files("jinzai.pipeline.access").joinpath("data", "labels_ja.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def column_label(table: str, column: str) -> str:
    labels = japanese_labels()
    return labels["table_columns"].get(table, {}).get(column) or labels["columns"].get(column, column)


def check_options(fmt: str, options: ExportOptions) -> None:
    unknown = [t for t in options.tables if t not in TABLES]
    if unknown:
        raise ExportError(f"unknown table {', '.join(unknown)}; tables: {', '.join(TABLES)}")
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"--format must be xlsx or csv, not {fmt!r}")
    if options.labels not in (None, "ja"):
        raise ExportError(f"--labels takes ja, not {options.labels!r}")
    if options.encoding.lower() not in CSV_ENCODINGS:
        raise ExportError(f"--encoding must be one of {', '.join(CSV_ENCODINGS)}, not {options.encoding!r}")


def table_frame(corpus: Corpus, table: str, *, all_revisions: bool = False) -> pd.DataFrame:
    """One table for people: city first, its columns, then file and page; wareki beside fiscal years."""
    fields = TABLES[table].model_fields
    columns = [c for c in fields if c not in PROVENANCE_COLUMNS and c not in ("page", "source")]
    relation = corpus.table(table, all_revisions=all_revisions)
    if "doc_id" in fields:
        city = f"coalesce(t.municipality, {CITY_OF_DOCUMENT})" if "municipality" in fields else CITY_OF_DOCUMENT
        page = ", t.page" if "page" in fields else ""
        select = (f"SELECT {city} AS city, {_column_list(columns, 't.')}, "
                  f"regexp_extract(d.source, '[^/\\\\]+$') AS file{page} "
                  "FROM rel t JOIN documents d USING (doc_id) ORDER BY city, file" + page)
    else:  # failures: the source is its provenance
        select = f"SELECT {_column_list(columns)}, source FROM rel"
    return _with_wareki(_cells_for_spreadsheets(relation.query("rel", select).df()))


def _column_list(columns: list[str], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{column}"' for column in columns)  # quoted: `at` is an SQL keyword


def _with_wareki(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    for column in FISCAL_YEAR_COLUMNS:
        if column in frame.columns:
            wareki = frame[column].map(lambda y: None if pd.isna(y) else fiscal_year_label(int(y)))
            frame.insert(frame.columns.get_loc(column) + 1, column + WAREKI_SUFFIX, wareki)
    return frame


def _cells_for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with 、 and timestamps without a zone: what a spreadsheet cell can hold."""
    import numpy as np

    def is_list(value: Any) -> bool:
        return isinstance(value, list | tuple | np.ndarray)

    for column in frame.columns:
        if frame[column].dtype == object and frame[column].map(is_list).any():
            frame[column] = frame[column].map(lambda v: "、".join(map(str, v)) if is_list(v) else v)
        elif getattr(frame[column].dtype, "tz", None) is not None:
            frame[column] = frame[column].dt.tz_convert("UTC").dt.tz_localize(None)
    return frame


def labelled(frame: pd.DataFrame, table: str, labels: str | None) -> pd.DataFrame:
    if labels != "ja":
        return frame
    return frame.rename(columns={c: column_label(table, c) for c in frame.columns})


def sheet_name(table: str, labels: str | None) -> str:
    name = japanese_labels()["tables"][table] if labels == "ja" else table
    return name[:EXCEL_SHEET_NAME_LIMIT]


def write_workbook(sheets: dict[str, pd.DataFrame], path: Path) -> None:
    """One sheet per frame: a bold, frozen header row and columns as wide as their content."""
    import pandas as pd
    from openpyxl.styles import Font

    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for column, header in zip(sheet.columns, frame.columns):
                widest = max([len(str(header))] + [len(str(v)) for v in frame[header].head(200) if v is not None])
                sheet.column_dimensions[column[0].column_letter].width = min(widest + 2, EXCEL_COLUMN_WIDTH_LIMIT)


def write_csv_folder(frames: dict[str, pd.DataFrame], folder: Path, encoding: str) -> list[Path]:
    """One `<table>.csv` per frame; characters cp932 lacks become `?` rather than failing the export."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, encoding=encoding, errors="replace")
        written.append(path)
    return written


def export_corpus(corpus: Corpus, fmt: str, output: Path, options: ExportOptions) -> list[Path]:
    """Write the chosen tables; returns the files written."""
    check_options(fmt, options)
    frames = {sheet_name(table, options.labels) if fmt == "xlsx" else table:
              labelled(table_frame(corpus, table, all_revisions=options.all_revisions), table, options.labels)
              for table in options.tables}
    if fmt == "xlsx":
        write_workbook(frames, output)
        return [output]
    return write_csv_folder(frames, output, options.encoding.lower())


def parse_tables(names: Iterable[str] | None) -> tuple[str, ...]:
    """`--tables roles,targets` or repeated `--tables`; all tables when none are named."""
    chosen = [n.strip() for name in names or () for n in name.split(",") if n.strip()]
    return tuple(chosen) or tuple(TABLES)
