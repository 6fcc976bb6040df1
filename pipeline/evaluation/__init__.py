"""Scoring the corpus against hand-made answer keys (../shared/corpus/GOLD.md).

An analyst who annotates a new city's document writes ``<stem>.json`` as GOLD.md
says and measures the extractors on it with ``jinzai eval --gold DIR``. The
figures are those of the independent ``../shared/tools/evaluate.py``:

- records are matched one to one within a document, per table, on a key
  (roles by name or alias, skills by role, targets by role/fiscal year/unit,
  levels by role/rank, cases by kind/number) and a similarity rule; the
  matching is maximal (best pairs first, then augmenting paths);
- training_audience is scored over the matched trainings only;
- field accuracy is measured on matched records, documents by field only;
- F1 = 2*matched / (gold + output), micro-F1 over the matched tables;
- provenance is the share of output records whose name is printed on the page
  they cite (PyMuPDF page texts; a match may run over one page break).

The package, by step: `tables` (what is scored), `compare` (normalization, similarity,
field checks), `inputs` (output tables, answer keys, which documents a key describes),
`matching` (one-to-one record matching), `provenance` (text on the cited page),
`scores` (the figures), `scoring` (one gold file, the corpus) and `report` (the text).
"""

from jinzai.pipeline.evaluation.compare import name_similarity, norm, same_document_field, same_value, similar_keywords
from jinzai.pipeline.evaluation.inputs import table_files
from jinzai.pipeline.evaluation.matching import MatchRule, RoleKeys, match_records, match_rules
from jinzai.pipeline.evaluation.provenance import PageText, file_sha256, found_on_page, page_body, pdf_pages, provenance_text
from jinzai.pipeline.evaluation.report import format_report
from jinzai.pipeline.evaluation.scores import DocumentScore, EvaluationReport, TableScore
from jinzai.pipeline.evaluation.scoring import evaluate
from jinzai.pipeline.evaluation.tables import MATCHED_TABLES, EvaluationError

__all__ = [
    "MATCHED_TABLES", "DocumentScore", "EvaluationError", "EvaluationReport", "MatchRule", "PageText", "RoleKeys",
    "TableScore", "evaluate", "file_sha256", "format_report", "found_on_page", "match_records", "match_rules",
    "name_similarity", "norm", "page_body", "pdf_pages", "provenance_text", "same_document_field", "same_value",
    "similar_keywords", "table_files",
]

