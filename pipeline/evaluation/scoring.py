"""Scoring: one gold file against its output documents, and the whole corpus."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from jinzai.pipeline.evaluation.compare import FIELD_CHECKS, norm, same_document_field
from jinzai.pipeline.evaluation.inputs import Output, current_documents, load_gold, load_output, local_pdf, source_stem
from jinzai.pipeline.evaluation.matching import MatchRule, RoleKeys, describe, match_records, match_rules
from jinzai.pipeline.evaluation.provenance import PageText, found_on_page, pdf_pages, provenance_text
from jinzai.pipeline.evaluation.scores import DocumentScore, EvaluationReport, ProvenanceScore, TableScore
from jinzai.pipeline.evaluation.tables import MATCHED_TABLES, RECORD_TABLES, EvaluationError, Row


def score_audience(pairs: list[tuple[int, int]], gold_trainings: Sequence[Row],
                   out_trainings: Sequence[Row], audience: Iterable[Row],
                   roles: RoleKeys) -> TableScore:
    """training_audience: the (role, requirement) pairs of each matched training."""
    rows_by_training: dict[object, list[Row]] = defaultdict(list)
    for row in audience:
        rows_by_training[row.get("training_id")].append(row)
    score = TableScore()
    for gi, oi in pairs:
        g, o = gold_trainings[gi], out_trainings[oi]
        g_set = {(roles.key(role), norm(req)) for role, req in (g.get("audience") or {}).items()}
        o_rows = rows_by_training[o["training_id"]] if o.get("training_id") else []
        o_set = {(roles.key(r.get("role")), norm(r.get("requirement"))) for r in o_rows}
        score.gold += len(g_set)
        score.output += len(o_set)
        score.matched += len(g_set & o_set)
        score.missed += [f"{g.get('name')}: {role}={req}" for role, req in sorted(g_set - o_set, key=str)]
        score.unmatched += [f"{o.get('name')}: {role}={req}"
                            for role, req in sorted(o_set - g_set, key=str)]
    return score


def _score_table(result: DocumentScore, table: str, gold: list[Row], out: list[Row],
                 rule: MatchRule) -> list[tuple[int, int]]:
    pairs = match_records(gold, out, rule)
    hit_gold = {gi for gi, _ in pairs}
    hit_out = {oi for _, oi in pairs}
    result.tables[table] = TableScore(
        gold=len(gold), output=len(out), matched=len(pairs),
        missed=[describe(table, g) for i, g in enumerate(gold) if i not in hit_gold],
        unmatched=[describe(table, o) for i, o in enumerate(out) if i not in hit_out])
    for gi, oi in pairs:
        for check in FIELD_CHECKS.get(table, ()):
            g, o = gold[gi], out[oi]
            result.check_field(f"{table}.{check.name}", describe(table, g), g.get(check.name),
                               o.get(check.name), check.compare(g, o.get(check.name)))
    return pairs


def _score_provenance(result: DocumentScore, records: dict[str, list[Row]],
                      pages: Sequence[PageText]) -> None:
    for table in RECORD_TABLES:
        cited = [r for r in records[table] if r.get("page") is not None]
        missing = [f"{table} p.{r['page']}: {describe(table, r)}" for r in cited
                   if not found_on_page(provenance_text(table, r), pages, r["page"])]
        result.provenance[table] = ProvenanceScore(len(cited) - len(missing), len(cited))
        result.not_on_page += missing


def score_document(stem: str, gold: Row, output: Output, pdf_dir: Path | None) -> DocumentScore:
    """Counts, misses, field checks and provenance for one gold file."""
    candidates = [d for d in output.tables["documents"] if source_stem(d.get("source")) == stem]
    pdf = local_pdf(stem, candidates, pdf_dir)
    docs = current_documents(candidates, pdf)
    doc_ids = {d.get("doc_id") for d in docs} - {None}
    records = {table: [r for r in output.tables[table] if r.get("doc_id") in doc_ids]
               for table in RECORD_TABLES}
    roles = RoleKeys(gold["roles"])
    result = DocumentScore(stem, sorted(doc_ids))

    pairs_by_table = {table: _score_table(result, table, gold[table], records[table], rule)
                      for table, rule in match_rules(roles).items()}
    result.tables["training_audience"] = score_audience(
        pairs_by_table["trainings"], gold["trainings"], records["trainings"],
        output.tables["training_audience"], roles)
    result.tables = {table: result.tables[table] for table in MATCHED_TABLES}  # report order

    for doc in docs:
        for name, value in gold["document"].items():
            result.check_field(f"documents.{name}", str(doc.get("doc_id")), value, doc.get(name),
                               same_document_field(value, doc.get(name)))

    if any(records.values()):
        pages = pdf_pages(pdf) if pdf is not None else None
        result.pdf_missing = pages is None
        if pages is not None:
            _score_provenance(result, records, pages)
    return result


def evaluate(out_dir: Path, gold_dir: Path, pdf_dir: Path | None = None) -> EvaluationReport:
    """Score the corpus in out_dir against the answer keys gold_dir/<stem>.json.

    Provenance reads pdf_dir/<stem>.pdf, or without pdf_dir the file each
    document was read from (documents.source). Raises EvaluationError when a
    directory cannot be read or holds no answer key.
    """
    out_dir, gold_dir = Path(out_dir), Path(gold_dir)
    gold, skipped = load_gold(gold_dir)
    if not gold:
        raise EvaluationError(f"no readable answer keys (*.json) in {gold_dir}")
    if pdf_dir is not None and not Path(pdf_dir).is_dir():
        raise EvaluationError(f"PDF directory {pdf_dir} does not exist")
    output = load_output(out_dir)
    documents = {stem: score_document(stem, key, output, Path(pdf_dir) if pdf_dir else None)
                 for stem, key in gold.items()}
    return EvaluationReport(out_dir, gold_dir, documents, output.missing, skipped)
