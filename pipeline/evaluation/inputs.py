"""Reading what is scored: the output tables, the answer keys, and which output documents
a gold file describes."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from jinzai.pipeline.evaluation.provenance import file_sha256
from jinzai.pipeline.evaluation.tables import OUTPUT_TABLES, RECORD_TABLES, EvaluationError, Row


log = logging.getLogger(__name__)


def table_files(out_dir: Path, table: str) -> list[Path] | None:
    """Parquet files of a table, DIR/<table>.parquet or DIR/<table>/**/*.parquet; None if absent.

    Files and folders whose names start with "." or "_" (temporary or marker
    files of an unfinished write) are skipped.
    """
    single = out_dir / f"{table}.parquet"
    if single.is_file():
        return [single]
    folder = out_dir / table
    if not folder.is_dir():
        return None
    return sorted(p for p in folder.rglob("*.parquet")
                  if p.is_file() and not any(part.startswith((".", "_"))
                                             for part in p.relative_to(folder).parts))


def read_table(out_dir: Path, table: str) -> list[Row] | None:
    """Rows of an output table, or None when the table is missing."""
    files = table_files(out_dir, table)
    if files is None:
        return None
    if not files:
        return []
    paths = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    query = (f"SELECT * FROM read_parquet([{paths}], hive_partitioning=true, "
             "union_by_name=true, hive_types_autocast=false)")
    try:
        return duckdb.connect().sql(query).to_arrow_table().to_pylist()
    except duckdb.Error as e:
        raise EvaluationError(f"cannot read table {table} in {out_dir}: {e}") from e


@dataclass
class Output:
    """The output tables (a missing one as empty) and the names of the missing ones."""

    tables: dict[str, list[Row]]
    missing: list[str]


def load_output(out_dir: Path) -> Output:
    if not out_dir.is_dir():
        raise EvaluationError(f"output directory {out_dir} does not exist or is not a directory")
    tables: dict[str, list[Row]] = {}
    missing: list[str] = []
    for table in OUTPUT_TABLES:
        rows = read_table(out_dir, table)
        if rows is None:
            missing.append(table)
        tables[table] = rows or []
    for rows in tables.values():  # ids compare as text: hive partition values and ints alike
        for row in rows:
            for key in ("doc_id", "training_id"):
                if row.get(key) is not None:
                    row[key] = str(row[key])
    return Output(tables, missing)


# ---------------------------------------------------------------- reading the gold

def load_gold(gold_dir: Path) -> tuple[dict[str, Row], list[str]]:
    """{stem: answer key} for every readable DIR/*.json, and why the others were skipped."""
    if not gold_dir.is_dir():
        raise EvaluationError(f"gold directory {gold_dir} does not exist or is not a directory")
    gold: dict[str, Row] = {}
    skipped: list[str] = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as e:
            skipped.append(f"{path.name}: {e}")
            continue
        gold[unicodedata.normalize("NFC", path.stem)] = _clean_gold(data, path.name)
    return gold, skipped


def _clean_gold(data: Row, name: str) -> Row:
    """Tolerate an answer key still being written: absent lists as [], odd entries dropped."""
    for table in RECORD_TABLES:
        data[table] = [r for r in (data.get(table) or []) if isinstance(r, dict)]
    if not isinstance(data.get("document"), dict):
        data["document"] = {}
    for role in data["roles"]:
        if isinstance(role.get("aliases"), str):
            role["aliases"] = [role["aliases"]]
    for training in data["trainings"]:
        if not isinstance(training.get("audience") or {}, dict):
            log.warning("%s: audience of %s is not an object; ignored", name, training.get("name"))
            training["audience"] = {}
    return data


# ---------------------------------------------------------------- choosing documents

def source_stem(source: object) -> str:
    """The file-name stem of documents.source, a path or a URL."""
    if not source:
        return ""
    source = str(source)
    if "://" in source:
        source = urllib.parse.unquote(urllib.parse.urlsplit(source).path)
    name = re.split(r"[/\\]", source)[-1]
    return unicodedata.normalize("NFC", Path(name).stem)


def _is_true(value: object) -> bool:
    return value is True or str(value).lower() == "true"


def local_pdf(stem: str, docs: Iterable[Row], pdf_dir: Path | None) -> Path | None:
    """The PDF a gold file describes: PDIR/<stem>.pdf, or else the file a document was read from."""
    if pdf_dir is not None:
        return pdf_dir / f"{stem}.pdf"
    for doc in docs:
        source = str(doc.get("source") or "")
        if source and "://" not in source and Path(source).is_file():
            return Path(source)
    return None


def current_documents(docs: list[Row], pdf: Path | None) -> list[Row]:
    """Of several output documents for one gold file, the current revision.

    documents.is_current where the column is filled, else those whose sha256 is
    the PDF's; when neither singles any out, all of them (scored together).
    """
    if len(docs) <= 1:
        return docs
    if any(d.get("is_current") is not None for d in docs):
        current = [d for d in docs if _is_true(d.get("is_current"))]
        if current:
            return current
    sha = file_sha256(pdf) if pdf is not None else None
    same_bytes = [d for d in docs if sha and d.get("sha256") == sha]
    if same_bytes:
        return same_bytes
    log.warning("%d output documents for one gold file; their records are scored together",
                len(docs))
    return docs
