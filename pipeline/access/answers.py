"""`jinzai query` and `jinzai search` answers as a person reads them, or as files.

A table on the terminal shows the columns that were asked for: `SELECT *` leaves out
the provenance columns (`doc_id`, `bbox`, `extractor` …) unless `--provenance` is given,
while a column named in the select list is always shown. Long text is cut with `…`,
NULL prints as `NULL`, and the table fits the terminal (or `COLUMNS`); piped output is
as wide as its content. csv, json and xlsx carry the same columns in full.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinzai.pipeline import duckdb_engine

FORMATS = ("table", "csv", "json", "xlsx")
PROVENANCE_COLUMNS = frozenset({
    "doc_id", "bbox", "extractor", "sha256", "file_size", "producer", "ingested_at", "superseded_by",
    "source_id", "mark_raw", "format_raw",
})
"""Columns that say where a value came from rather than what it is (hidden from `SELECT *`)."""

NULL = "NULL"


class AnswerError(ValueError):
    """A format or output that cannot be written (a usage error)."""


@dataclass(frozen=True)
class Answer:
    columns: list[str]
    rows: list[tuple]


def parse_format(name: str) -> str:
    """`-f CSV` and `-f csv` alike; a clear error for anything else."""
    fmt = name.strip().lower()
    if fmt not in FORMATS:
        raise AnswerError(f"--format must be one of {', '.join(FORMATS)}, not {name!r}")
    return fmt


def starred_columns(con: duckdb_engine.DuckDBPyConnection, sql: str) -> set[str] | None:
    """The output columns a top-level `SELECT *` brought in without naming them.

    None when the statement has no star (every column was asked for) or cannot be parsed."""
    try:
        # fetched to the end, so that the connection takes the next query
        tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [sql]).fetchall()[0][0])
        select_list = tree["statements"][-1]["node"]["select_list"]
    except (duckdb_engine.Error, KeyError, IndexError, TypeError, ValueError):
        return None
    if not any(item["class"] == "STAR" for item in select_list):
        return None
    named = {item.get("alias") or (item.get("column_names") or [""])[-1] for item in select_list
             if item["class"] != "STAR"}
    return {column for column in PROVENANCE_COLUMNS if column not in named}


def run_query(con: duckdb_engine.DuckDBPyConnection, sql: str, *, provenance: bool = False) -> Answer | None:
    """Run `sql`; None for a statement without a result. Provenance columns a star brought in
    are dropped unless `provenance`. Only read-only statements run (`query.run_query`)."""
    from jinzai.pipeline.query import run_query as run_read_only

    result = run_read_only(con, sql)
    if result.description is None:
        return None
    columns, rows = [column[0] for column in result.description], result.fetchall()
    hidden = set() if provenance else (starred_columns(con, sql) or set())
    keep = [i for i, column in enumerate(columns) if column not in hidden]
    if len(keep) == len(columns):
        return Answer(columns, rows)
    return Answer([columns[i] for i in keep], [tuple(row[i] for i in keep) for row in rows])


# ------------------------------------------------------------------ cells


def cell_text(value: Any) -> str:
    """A value as one line of text: NULL visible, whole floats without `.0`, lists joined."""
    if value is None:
        return NULL
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(v) for v in value)
    return " ".join(str(value).split())


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)] + "…"


def output_width() -> int | None:
    """`COLUMNS` if set, else the terminal's width; None (as wide as the content) when piped."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


# ------------------------------------------------------------------ formats


def render_table(answer: Answer, *, limit: int, max_cell: int, width: int | None) -> str:
    """The answer as a table that fits `width` (one `column: value` block per row when even
    the narrowest table would not), and a line counting the rows."""
    from rich.console import Console

    cells = [[cell_text(v) if v is not None else None for v in row] for row in answer.rows[:limit]]
    shown = [[None if c is None else shorten(c, max_cell) for c in row] for row in cells]
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 100_000, soft_wrap=False,
                      force_terminal=sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    if width is None or _narrowest_table(answer.columns, shown) <= width:
        console.print(_rich_table(answer.columns, shown))
    else:
        console.print(_record_blocks(answer.columns, cells, width))
    more = f" (first {limit} shown; --limit or --format csv for all)" if len(answer.rows) > limit else ""
    lines = "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
    return lines + f"{len(answer.rows)} rows{more}\n"


MIN_COLUMN = 8
"""Narrowest a column of the table layout may get (in terminal cells) before rows print as blocks."""


def _narrowest_table(columns: list[str], rows: list[list[str | None]]) -> int:
    from rich.cells import cell_len

    def widest(i: int) -> int:
        return max([cell_len(columns[i])] + [cell_len(row[i] or NULL) for row in rows])

    return sum(min(widest(i), MIN_COLUMN) + 3 for i in range(len(columns))) + 1


def _rich_table(columns: list[str], rows: list[list[str | None]]):
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, overflow="ellipsis", no_wrap=True, min_width=min(len(column), MIN_COLUMN))
    for row in rows:
        table.add_row(*(Text(NULL, style="dim") if c is None else Text(c) for c in row))
    return table


def _record_blocks(columns: list[str], rows: list[list[str | None]], width: int):
    """psql's expanded display: each row as `column │ value` lines, values folded to the width."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    blocks = []
    for n, row in enumerate(rows, 1):
        block = Table.grid(padding=(0, 1))
        block.add_column(style="bold", no_wrap=True)
        block.add_column(overflow="fold")
        for column, c in zip(columns, row):
            block.add_row(column, Text(NULL, style="dim") if c is None else Text(c))
        blocks += [Rule(f"row {n}", align="left"), block]
    return Group(*blocks)


def to_csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(answer.columns)
    writer.writerows([_csv_cell(v) for v in row] for row in answer.rows)
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    """Empty for NULL (what spreadsheets expect), lists joined, everything else as DuckDB gave it."""
    if value is None:
        return ""
    return cell_text(value) if isinstance(value, list | tuple) else value


def to_json(answer: Answer) -> str:
    records = [dict(zip(answer.columns, row)) for row in answer.rows]
    return json.dumps(records, ensure_ascii=False, default=str, indent=1) + "\n"


def write_answer(answer: Answer, fmt: str, output: Path | None, *, limit: int = 100, max_cell: int = 40,
                 encoding: str = "utf-8-sig") -> None:
    """Print the answer, or write it to `output` (CSV files get a BOM so Excel reads them)."""
    if fmt == "xlsx":
        if output is None:
            raise AnswerError("--format xlsx writes a file: give --output FILE.xlsx")
        import pandas as pd

        from jinzai.pipeline.access.export import write_workbook

        write_workbook({"query": pd.DataFrame(answer.rows, columns=answer.columns)}, output)
        return
    if fmt == "table":
        text = render_table(answer, limit=limit, max_cell=max_cell, width=None if output else output_width())
    else:
        text = to_csv(answer) if fmt == "csv" else to_json(answer)
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding=encoding if fmt == "csv" else "utf-8", newline="")

