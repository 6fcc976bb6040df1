"""Revision diffs: a revised edition of tarumizu built with PyMuPDF, and the matching rules on small record lists."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from revised import REMOVED_TRAINING, RETARGETED_TRAINING, build_revision
from jinzai.models import Document, Role, Skill, Target, Training, TrainingAudience, to_arrow
from jinzai.pipeline.diff import (
    DIFFED_TABLES,
    AudienceChange,
    DiffError,
    FieldChange,
    Mark,
    TargetChange,
    TrainingChange,
    diff_contents,
    diff_revisions,
    diff_roles,
    diff_skills,
    diff_targets,
    diff_trainings,
    format_diff,
    revised_sources,
)
from jinzai.pipeline.ingest import ingest_paths
from jinzai.pipeline.store import Store

SAMPLE = "tarumizu.pdf"
SOURCE = "462144-tarumizu"  # the municipality code and the first edition's file name
ADVISER = "DX推進アドバイザー"
@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> tuple[Path, dict[str, object]]:
    """One corpus holding tarumizu (revision 1) and its revised edition (revision 2)."""
    root = tmp_path_factory.mktemp("diff")
    (root / "edition1").mkdir()
    original = Path(shutil.copy(raw_dir / SAMPLE, root / "edition1" / SAMPLE))
    found = build_revision(original, root / "edition2" / SAMPLE)
    out = root / "out"
    for edition in (original, root / "edition2" / SAMPLE):
        report = ingest_paths([edition], out, workers=1)
        assert report.exit_code == 0, report.outcomes
    return out, found


# ------------------------------------------------------------------ the revised edition


def test_the_edits_found_the_printed_cells_and_row(corpus: tuple[Path, dict[str, object]]) -> None:
    _, found = corpus
    assert found["text"][0] == "令和8年3月改定"
    assert found["text"][1].startswith("本方針の対象期間は、令和8年度から令和11年度までの4年間とします。")
    assert found["goals"] == ["3", "6", "16", "58"]
    assert found["removed row"] == ["J-LIS", REMOVED_TRAINING, "ICTの基礎知識", "D", "○", "●", "●", "●", "●"]
    assert found["mark"] == "○"


def test_revised_edition_is_revision_2_of_the_same_source(corpus: tuple[Path, dict[str, object]]) -> None:
    out, _ = corpus
    documents = sorted(Store(out).documents(), key=lambda d: d.revision)
    assert [(d.source_id, d.revision, d.is_current) for d in documents] == [(SOURCE, 1, False), (SOURCE, 2, True)]
    assert documents[0].superseded_by == documents[1].doc_id
    assert revised_sources(out) == [SOURCE]


def test_diff_reports_exactly_the_edits(corpus: tuple[Path, dict[str, object]]) -> None:
    out, _ = corpus
    diff = diff_revisions(out, SOURCE)

    assert (diff.old.revision, diff.new.revision) == (1, 2)
    assert [(t.kind, t.role, t.metric, t.fiscal_year, t.unit, t.old_value, t.new_value) for t in diff.targets] == [
        ("changed", ADVISER, "育成人数", 2025, "人", 3.0, 5.0)]
    assert diff.targets[0].changes == (FieldChange("value", 3.0, 5.0),)
    assert [(t.kind, t.name, t.summary) for t in diff.trainings] == [("removed", REMOVED_TRAINING, "ICTの基礎知識")]
    assert diff.trainings[0].audience == (
        Mark("DX推進マネージャー", "recommended"), Mark(ADVISER, "required"), Mark("DX推進リーダー", "required"),
        Mark("DX推進員", "required"), Mark("一般職員", "required"))
    assert [(a.kind, a.training, a.role, a.old_requirement, a.new_requirement) for a in diff.audience] == [
        ("changed", RETARGETED_TRAINING, "一般職員", "recommended", "required")]
    assert diff.document == (FieldChange("issued", "2025-03", "2026-03"), FieldChange("period_start_fy", 2025, 2026),
                             FieldChange("period_end_fy", 2028, 2029))
    # nothing else: roles, skills and levels did not change, nor did the other goals and trainings
    assert (diff.roles, diff.skills, diff.levels) == ((), (), ())
    assert diff.counts() == {"documents": {"changed": 3}, "targets": {"changed": 1}, "trainings": {"removed": 1},
                             "training_audience": {"changed": 1}}


def test_diff_the_other_way_round_adds_the_training(corpus: tuple[Path, dict[str, object]]) -> None:
    out, _ = corpus
    diff = diff_revisions(out, SOURCE, old=2, new=1)
    assert [(t.kind, t.name) for t in diff.trainings] == [("added", REMOVED_TRAINING)]
    assert [(t.old_value, t.new_value) for t in diff.targets] == [(5.0, 3.0)]


def test_format_diff_groups_changes_by_table(corpus: tuple[Path, dict[str, object]]) -> None:
    out, _ = corpus
    text = format_diff(diff_revisions(out, SOURCE))
    lines = text.splitlines()
    assert lines[0] == f"{SOURCE}: revision 1 → revision 2"
    assert "  ~ DX推進アドバイザー · 育成人数 · FY2025: 3人 → 5人  (p.7)" in lines
    assert any(line.startswith(f"  - {REMOVED_TRAINING} — ICTの基礎知識 [audience: ") for line in lines)
    assert "  ~ LoGo Chat — ビジネスチャットの利用方法及び注意事項 › 一般職員: recommended → required  (p.10)" in lines
    headings = [line for line in lines if line and not line.startswith((" ", SOURCE, "changes:"))]
    assert headings == ["documents", "targets", "trainings", "training_audience"]
    assert "  ~ issued: 2025-03 → 2026-03" in lines


def test_to_json_is_plain_json(corpus: tuple[Path, dict[str, object]]) -> None:
    out, _ = corpus
    data = json.loads(json.dumps(diff_revisions(out, SOURCE).to_json(), ensure_ascii=False))
    assert data["source_id"] == SOURCE and data["new"]["revision"] == 2
    assert data["changes"]["targets"][0]["new_value"] == 5.0
    assert data["changes"]["trainings"][0]["audience"][0] == {"role": "DX推進マネージャー", "requirement": "recommended"}
    assert data["changes"]["roles"] == [] and data["counts"]["trainings"] == {"removed": 1}


def test_reordered_rows_of_a_real_revision_give_no_change(corpus: tuple[Path, dict[str, object]]) -> None:
    """The same records in another order, under another doc_id and training ids, are no change."""
    out, _ = corpus
    store = Store(out)
    first = next(d for d in store.documents() if d.revision == 1)
    rows = {table: store.records(table, first.doc_id) for table in DIFFED_TABLES}
    assert len(rows["trainings"]) == 19 and len(rows["training_audience"]) == 62
    other = "0123456789abcdef"
    moved = {table: [{**r, "doc_id": other, "page": r["page"] + 1,
                      **({"training_id": r["training_id"].replace(first.doc_id, other)} if "training_id" in r else {})}
                     for r in reversed(records)]
             for table, records in rows.items()}
    diff = diff_contents(SOURCE, first, rows, first.model_copy(update={"doc_id": other}), moved)
    assert diff.is_empty
    assert format_diff(diff).endswith("no changes in the extracted records")


# ------------------------------------------------------------------ choosing revisions


def _document(source_id: str, revision: int, current: bool) -> Document:
    sha = hashlib.sha256(f"{source_id} {revision}".encode()).hexdigest()
    return Document(doc_id=sha[:16], source_id=source_id, title="垂水市デジタル人材育成方針", doc_kind="policy",
                    pages=10, sha256=sha, source=f"/in/{revision}/{source_id}.pdf", file_size=1, revision=revision,
                    is_current=current, ingested_at=datetime(2025, 4, revision, tzinfo=UTC))


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A corpus with documents rows only: kunisaki once, tarumizu three times."""
    Store(tmp_path).ensure()
    documents = [_document("kunisaki", 1, True), _document(SOURCE, 1, False), _document(SOURCE, 2, False),
                 _document(SOURCE, 3, True)]
    pq.write_table(to_arrow(Document, documents), tmp_path / "documents" / "documents.parquet")
    return tmp_path


def test_default_is_the_current_revision_against_the_one_before(registry: Path) -> None:
    diff = diff_revisions(registry, SOURCE)
    assert (diff.old.revision, diff.new.revision) == (2, 3)
    assert diff.is_empty
    assert (diff_revisions(registry, SOURCE, new=2).old.revision, diff_revisions(registry, SOURCE, old=1).new.revision) \
        == (1, 3)


@pytest.mark.parametrize(("source", "old", "new", "message"), [
    ("kakamigahara", None, None, "unknown source 'kakamigahara'"),
    ("kunisaki", None, None, "kunisaki has only revision 1"),
    (SOURCE, 4, None, f"{SOURCE} has no revision 4; its revisions are 1, 2, 3"),
    (SOURCE, None, 1, f"revision 1 is the first of {SOURCE}"),
    (SOURCE, 2, 2, f"revision 2 of {SOURCE} compared with itself"),
])
def test_revisions_that_cannot_be_compared_say_why(registry: Path, source: str, old: int | None, new: int | None,
                                                    message: str) -> None:
    with pytest.raises(DiffError, match=message) as error:
        diff_revisions(registry, source, old, new)
    if source == "kakamigahara":
        assert f"known sources: {SOURCE} (3 revisions), kunisaki (1 revision)" in str(error.value)


def test_an_empty_corpus_says_to_ingest_first(tmp_path: Path) -> None:
    with pytest.raises(DiffError, match="jinzai ingest"):
        diff_revisions(tmp_path, SOURCE)


# ------------------------------------------------------------------ matching rules on small record lists

ADVISER_DESCRIPTION = ("デジタル全般の高度な知識を有し、DX推進リーダー等から提案されるDX関連施策に関する助言、"
                       "情報提供及び伴奏支援等を行う(DX推進係職員は必須)。")
PROMOTER_DESCRIPTION = ("現行業務の課題を可視化及び分析し、デジタル技術を活用した業務改善策を立案する。"
                        "また、DX推進リーダーの活動を支援する。")


def _role(doc: str, name: str, canonical: str, description: str | None, aliases: list[str] | None = None) -> Role:
    return Role(doc_id=doc, page=5, name=name, canonical=canonical, description=description, aliases=aliases or [])


def test_a_role_renamed_with_the_same_description_is_renamed_and_its_records_follow() -> None:
    old_roles = [_role("a", ADVISER, "specialist", ADVISER_DESCRIPTION)]
    # the revision calls the adviser "DXアドバイザー" and drops the bracketed note
    new_roles = [_role("b", "DXアドバイザー", "specialist", ADVISER_DESCRIPTION.replace("(DX推進係職員は必須)", ""))]
    roles, renames = diff_roles(old_roles, new_roles)
    assert [(r.kind, r.old_name, r.name) for r in roles] == [("renamed", ADVISER, "DXアドバイザー")]
    assert [c.field for c in roles[0].changes] == ["description"]
    assert renames == {ADVISER: "DXアドバイザー"}

    skill = dict(page=6, category="必要な能力", name="プロジェクトマネジメント")
    assert diff_skills([Skill(doc_id="a", role=ADVISER, **skill)], [Skill(doc_id="b", role="DXアドバイザー", **skill)],
                       renames) == []
    goal = dict(page=7, metric="育成人数", unit="人", fiscal_year=2025, text_raw="D X推進アドバイザー 3 1 1 1 6")
    changes = diff_targets([Target(doc_id="a", role=ADVISER, value=3, **goal)],
                           [Target(doc_id="b", role="DXアドバイザー", value=5, **goal)], renames)
    assert [(t.kind, t.role, t.old_value, t.new_value) for t in changes] == [("changed", "DXアドバイザー", 3, 5)]


def test_a_new_name_among_the_old_aliases_is_a_rename() -> None:
    old_roles = [_role("a", "管理職", "manager", "DXに向けた意識の醸成やリーダーシップをもった変革の推進")]
    new_roles = [_role("b", "DX推進マネージャー", "manager",
                       "各所属の責任者として、デジタル技術を活用した業務変革を推進するとともに、職員を指導・監督する。",
                       aliases=["管理職"])]
    roles, renames = diff_roles(old_roles, new_roles)
    assert [(r.kind, r.old_name, r.name) for r in roles] == [("renamed", "管理職", "DX推進マネージャー")]
    assert renames == {"管理職": "DX推進マネージャー"}


def test_a_different_role_is_removed_and_added_not_renamed() -> None:
    old_roles = [_role("a", "DX推進員", "promoter", PROMOTER_DESCRIPTION)]
    new_roles = [_role("b", "デジタル推進員", "leader",
                       "係内・課内という幅広い視野で課題解決を行うためにデジタル技術を効果的に活用できるスキル")]
    roles, renames = diff_roles(old_roles, new_roles)
    assert [(r.kind, r.name) for r in roles] == [("removed", "DX推進員"), ("added", "デジタル推進員")]
    assert renames == {}


def test_roles_without_descriptions_are_renamed_by_position() -> None:
    old_roles = [_role("a", "管理職", "manager", None), _role("a", "係員", "all_staff", None)]
    new_roles = [_role("b", "管理職", "manager", None), _role("b", "一般職員", "all_staff", None)]
    roles, _ = diff_roles(old_roles, new_roles)
    assert [(r.kind, r.old_name, r.name) for r in roles] == [("renamed", "係員", "一般職員")]


def test_width_and_spacing_differences_are_no_change() -> None:
    old_roles = [_role("a", "DX推進員", "promoter", PROMOTER_DESCRIPTION)]
    new_roles = [_role("b", "ＤＸ推進員", "promoter", PROMOTER_DESCRIPTION.replace("DX", "ＤＸ"))]
    assert diff_roles(old_roles, new_roles) == ([], {})


def _training(doc: str, n: int, name: str, summary: str, organizer: str = "J-LIS", fmt: str = "eラーニング") -> Training:
    return Training(doc_id=doc, page=9, training_id=f"{doc}-t{n:03d}", name=name, organizer=organizer,
                    category="セキュリティ", summary=summary, format=fmt)


def test_a_spelling_variant_between_editions_is_no_change() -> None:
    old = [_training("a", 1, "業務改善の取組研修", "各所属の取組事例を共有する")]
    new = [_training("b", 1, "業務改善の取り組み研修", "各所属の取組事例を共有する")]
    trainings, audience = diff_trainings(old, [], new, [])
    assert trainings == [] and audience == []


def _mark(doc: str, n: int, role: str, requirement: str) -> TrainingAudience:
    return TrainingAudience(doc_id=doc, page=9, training_id=f"{doc}-t{n:03d}", role=role, requirement=requirement)


SERIES = "デジタル人材育成のための基礎研修"
COURSES = ["情報セキュリティコース(基本的・実践的なセキュリティ対策)",
           "個人情報保護コース(個人情報の取扱い方法や職場での具体策)",
           "デジタルリテラシーコース(情報機器の把握・ITの基礎知識)※ITパスポート対応"]


def test_audience_marks_are_compared_per_matched_training() -> None:
    old = [_training("a", 1, "情報セキュリティ研修", "情報セキュリティの基礎研修(個人情報保護・脅威対策)", "RICHO", "動画")]
    new = [_training("b", 7, "情報セキュリティ研修", "情報セキュリティの基礎研修(個人情報保護・脅威対策)", "RICHO", "動画")]
    old_marks = [_mark("a", 1, "DX推進マネージャー", "required"), _mark("a", 1, "DX推進員", "required"),
                 _mark("a", 1, "一般職員", "required")]
    new_marks = [_mark("b", 7, "一般職員", "required"), _mark("b", 7, "DX推進マネージャー", "recommended"),
                 _mark("b", 7, ADVISER, "required")]
    trainings, audience = diff_trainings(old, old_marks, new, new_marks)
    assert trainings == []
    assert [(a.kind, a.role, a.old_requirement, a.new_requirement) for a in audience] == [
        ("changed", "DX推進マネージャー", "required", "recommended"),
        ("added", ADVISER, None, "required"),
        ("removed", "DX推進員", "required", None)]
    assert all(isinstance(a, AudienceChange) and a.training == "情報セキュリティ研修" for a in audience)


def test_a_course_series_is_matched_by_summary() -> None:
    old = [_training("a", i, SERIES, summary) for i, summary in enumerate(COURSES, 1)]
    # the revision reorders the series, drops the privacy course and edits one summary slightly
    new = [_training("b", 1, SERIES, COURSES[2].replace("※ITパスポート対応", "※ITパスポート試験対応")),
           _training("b", 2, SERIES, COURSES[0], fmt="動画")]
    trainings, audience = diff_trainings(old, [], new, [])
    assert [(t.kind, t.summary) for t in trainings] == [
        ("changed", COURSES[0]), ("changed", new[0].summary), ("removed", COURSES[1])]
    assert isinstance(trainings[0], TrainingChange)
    assert trainings[0].changes == (FieldChange("format", "eラーニング", "動画"),)
    assert [c.field for c in trainings[1].changes] == ["summary"]
    assert audience == []


def test_a_training_renamed_with_the_same_summary_is_renamed() -> None:
    old = [_training("a", 1, "パソコン研修(Word・Excel基礎)", "Word・Excelの基本操作及び総合演習", "垂水市", "座学")]
    new = [_training("b", 1, "パソコン研修(Word・Excel基礎編)", "Word・Excelの基本操作及び総合演習", "垂水市", "座学")]
    trainings, _ = diff_trainings(old, [], new, [])
    assert [(t.kind, t.old_name, t.name) for t in trainings] == [
        ("renamed", "パソコン研修(Word・Excel基礎)", "パソコン研修(Word・Excel基礎編)")]


def test_a_placeholder_filled_in_is_a_value_change() -> None:
    text = "・ 5年以内に 庁内で○名程度 を確保し、Step2（案件リード経験）までの到達を基本と\nする。"
    goal = dict(page=13, role="全庁DX推進担当", metric="確保人数", unit="人", qualifier="程度", within_years=5)
    old = [Target(doc_id="a", value=None, placeholder="○名", text_raw=text, **goal)]
    new = [Target(doc_id="b", value=3, text_raw=text.replace("○名", "3名"), **goal)]
    changes = diff_targets(old, new)
    assert [(t.kind, t.old_value, t.old_placeholder, t.new_value) for t in changes] == [("changed", None, "○名", 3)]
    assert isinstance(changes[0], TargetChange)
    assert [c.field for c in changes[0].changes] == ["value", "placeholder"]
