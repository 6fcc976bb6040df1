"""Coverage-guided fuzzing of the layout reader and extractors with atheris (optional;
not part of the suite). Install with `pip install -e ".[fuzz]"`, then:

    .venv/bin/python tests/fuzz_atheris.py -atheris_runs=20000 [corpus_dir]

Seeds are the sample excerpts of `fuzz.py`. A file that makes extraction end in an
`internal` failure (a bug, not the file's problem) is a crash: atheris saves the input.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from jinzai.pipeline.ingest import Planned, extract_planned

from fuzz import excerpts  # noqa: E402

_WORK = Path(tempfile.mkdtemp(prefix="jinzai-atheris-"))


def test_one_input(data: bytes) -> None:
    path = _WORK / "input.pdf"
    path.write_bytes(data)
    planned = Planned(path, str(path), "fuzz", hashlib.sha256(data).hexdigest(), len(data), "ingest", "new")
    extracted = extract_planned(planned, datetime.now(UTC))
    if extracted.failure is not None and extracted.failure.error_kind == "internal":
        raise RuntimeError(extracted.failure.message)


def main() -> None:
    seeds = _WORK / "seeds"
    seeds.mkdir()
    for index, data in enumerate(excerpts()):
        (seeds / f"sample{index}.pdf").write_bytes(data)
    atheris.Setup([*sys.argv, str(seeds)], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
