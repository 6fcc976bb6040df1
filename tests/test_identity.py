"""Source identity on documents rows: what a new revision belongs to, and when the summary must warn."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from jinzai.models import Document
from jinzai.pipeline.identity import identity_of, resolve

WHEN = datetime(2025, 4, 1, tzinfo=UTC)


def document(source: str, *, code: str | None = "462144", municipality: str | None = "垂水市",
             title: str | None = "垂水市デジタル人材育成方針", source_id: str = "", revision: int = 1,
             when: datetime = WHEN) -> Document:
    sha = hashlib.sha256(f"{source} {title} {code} {when}".encode()).hexdigest()
    return Document(doc_id=sha[:16], source_id=source_id, title=title, doc_kind="policy", municipality=municipality,
                    municipality_code=code, pages=1, sha256=sha, source=source, file_size=1, revision=revision,
                    ingested_at=when)


def stored(new: Document) -> Document:
    """`new` as the store keeps it after resolving it against an empty corpus."""
    resolution = resolve(new, None, [])
    return new.model_copy(update={"source_id": resolution.source_id, "identity": resolution.identity})


def test_a_registry_id_is_the_identity() -> None:
    assert identity_of(document("/a/x.pdf"), "tarumizu") == "registry:tarumizu"
    assert resolve(document("/a/x.pdf"), "tarumizu", []).source_id == "tarumizu"


def test_the_same_city_kind_and_title_under_another_name_is_the_next_revision() -> None:
    first = stored(document("/2024/houshin.pdf"))
    later = document("/2025/dx_houshin_r7.pdf", when=datetime(2025, 5, 1, tzinfo=UTC))
    resolution = resolve(later, None, [first])
    assert (resolution.source_id, resolution.revision, resolution.previous) == (first.source_id, 2, first)
    assert resolution.warnings == ()


def test_another_city_under_the_same_file_name_is_another_source() -> None:
    first = stored(document("/a/houshin.pdf"))
    other = document("/b/houshin.pdf", code="272141", municipality="富田林市", title="富田林市DX人材育成方針")
    resolution = resolve(other, None, [first])
    assert (resolution.source_id, resolution.revision, resolution.previous) == ("272141-houshin", 1, None)
    assert resolution.warnings == ()


def test_the_same_city_and_kind_under_another_title_is_a_new_source_with_a_warning() -> None:
    first = stored(document("/a/houshin.pdf"))
    retitled = document("/b/keikaku.pdf", title="垂水市DX推進計画")
    resolution = resolve(retitled, None, [first])
    assert resolution.previous is None
    [warning] = resolution.warnings
    assert first.source_id in warning and "sources.yaml" in warning


def test_two_files_of_one_run_that_read_as_one_document_are_a_warning() -> None:
    first = stored(document("/a/houshin.pdf"))
    twin = document("/a/houshin (1).pdf")
    resolution = resolve(twin, None, [first])
    assert resolution.revision == 2
    assert any("read as the same document" in w for w in resolution.warnings)


def test_a_document_with_no_title_or_body_is_identified_by_its_file_name_and_says_so() -> None:
    anonymous = document("/a/scan 3.pdf", code=None, municipality=None, title=None)
    resolution = resolve(anonymous, None, [])
    assert (resolution.identity, resolution.source_id) == ("file:scan_3", "scan_3")
    assert any("file name identifies it" in w for w in resolution.warnings)


def test_a_source_id_already_taken_gets_a_suffix() -> None:
    first = stored(document("/a/houshin.pdf"))
    second = document("/b/houshin.pdf", title="垂水市DX推進計画")
    assert resolve(second, None, [first]).source_id.startswith("462144-houshin-")
