"""Corpus locations — a local folder or an fsspec URL, told apart without importing fsspec —
and the names of the files in a corpus folder, shared by its writer (`jinzai.pipeline.store`,
which describes the layout) and its readers (`jinzai.pipeline.snapshot`)."""

from __future__ import annotations

import re
from pathlib import Path

Location = str | Path
"""A corpus folder: a local path or an fsspec URL."""

DOCUMENTS = "documents"  # the table of document revisions, the commit point
FAILURES = "failures"  # the latest failure of each input; keyed by source, not doc_id
SCHEMA_FILE = "_schema.parquet"
DOCUMENTS_FILE = "documents.parquet"
COMPACTED = re.compile(r"^compacted-(\d+)\.parquet$")
DOC_IDS_KEY = b"jinzai.doc_ids"  # footer key of a compacted file: the doc_ids it holds


def local_path(location: Location) -> Path | None:
    """The folder of a local location (a path or a file:// URL); None for any other URL."""
    text = str(location)
    if text.startswith("file://"):
        return Path(text.removeprefix("file://"))
    return None if "://" in text else Path(text)
