"""Roles, skills and levels of policy documents unlike the samples (built by `unseen_roles_docs`).

Each document changes what the sample corpus keeps fixed — the PDF producer,
ruling, header words, table orientation, prose instead of tables — and the
tests assert what a reader of the printed page would record.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pymupdf
import pytest

import unseen_roles_docs as docs
from jinzai.extractors import extract, open_layout
from jinzai.extractors.policy.read import policy_tables, read_policy_document
from jinzai.extractors.result import Extraction
from jinzai.extractors.policy.roles import kind_of
from jinzai.extractors.layout import Line
from jinzai.extractors.model.cell_lines import _pieces, cut_at_gutters
from jinzai.extractors.model.tables import TABLE_SETTINGS
from jinzai.extractors.model.tables.header import with_wrapped_labels
from jinzai.extractors.policy.vocabulary import TableKind
from jinzai.normalizers.roles import canonical_role
from jinzai.normalizers.text import normalize_text
from jinzai.pipeline.ingest import ingest_paths


def _extracted(tmp_path_factory: pytest.TempPathFactory, build: Callable[[Path], Path]) -> Extraction:
    path = build(tmp_path_factory.mktemp("unseen") / f"{build.__name__}.pdf")
    with open_layout(path) as layout:
        return extract(layout, build.__name__)


@pytest.fixture(scope="module")
def sakuragawa(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.sakuragawa)


@pytest.fixture(scope="module")
def nanto(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.nanto)


@pytest.fixture(scope="module")
def furano(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.furano)


@pytest.fixture(scope="module")
def toon(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.toon)


@pytest.fixture(scope="module")
def ina(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.ina)


@pytest.fixture(scope="module")
def komagane(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.komagane)


@pytest.fixture(scope="module")
def takahashi(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.takahashi)


@pytest.fixture(scope="module")
def tomi(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.tomi)


@pytest.fixture(scope="module")
def nikaho(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.nikaho)


@pytest.fixture(scope="module")
def kaminokawa(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.kaminokawa)


@pytest.fixture(scope="module")
def sabae(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    return _extracted(tmp_path_factory, docs.sabae)


def roles_of(ex: Extraction) -> list[tuple[str, str | None]]:
    return [(r.name, r.canonical) for r in ex.roles]


def skills_of(ex: Extraction) -> set[tuple[str, str | None, str]]:
    return {(s.role, s.category, s.name) for s in ex.skills}


def levels_of(ex: Extraction) -> list[tuple[str | None, int, str]]:
    return [(lv.role, lv.rank, lv.label) for lv in ex.levels]


# ---------------------------------------------------------------- 1. unruled role table

def test_unruled_role_table_with_other_header_words(sakuragawa):
    # 区分 | 人材像 | 主な役割, no rulings, MuPDF prints a short role name and the
    # description beside it as one line: the gutter between them splits the cells.
    assert roles_of(sakuragawa) == [
        ("DX推進責任者", "manager"), ("DX推進リーダー", "leader"),
        ("DX推進サポーター", "promoter"),  # assists the DX推進リーダー of the same document
        ("業務改革エバンジェリスト", None), ("全職員", "all_staff"),
    ]
    assert all(r.extractor == "table:roles" and r.page == 1 for r in sakuragawa.roles)


def test_descriptions_wrapping_over_two_lines_are_joined(sakuragawa):
    described = {r.name: r.description for r in sakuragawa.roles}
    assert described == {name: text for _, name, text in docs.SAKURAGAWA_ROLES}


def test_unknown_role_in_a_table_is_kept_flagged_with_a_warning(sakuragawa):
    evangelist = next(r for r in sakuragawa.roles if r.name == "業務改革エバンジェリスト")
    assert evangelist.flagged and evangelist.canonical is None
    assert [w.kind for w in sakuragawa.warnings if "業務改革エバンジェリスト" in w.message] == ["unknown_role"]
    assert not any(r.flagged for r in sakuragawa.roles if r is not evangelist)


def test_merged_cell_line_is_cut_at_the_gutter(tmp_path):
    path = docs.sakuragawa(tmp_path / "sakuragawa.pdf")
    with open_layout(path) as layout:
        assert any(ln.text.startswith("DX推進リーダー所属") for ln in layout.pages[0].lines)  # as MuPDF groups it
        [table] = policy_tables(read_policy_document(layout))
    assert not table.ruled and table.columns == ["区分", "人材像", "主な役割"]
    assert [row[1].normalized for row in table.rows] == [name for _, name, _ in docs.SAKURAGAWA_ROLES]
    assert table.rows[0][0].normalized == "推進体制"  # a group cell wrapping over two lines


def test_unruled_table_over_three_pages_keeps_every_row(tmp_path):
    with open_layout(docs.long_role_table(tmp_path / "long.pdf", 60)) as layout:
        [table] = policy_tables(read_policy_document(layout))
    assert table.pages == [1, 2, 3]
    assert [row[0].normalized for row in table.rows] == [f"第{n}班DX推進リーダー" for n in range(1, 61)]
    assert {row[1].normalized for row in table.rows} == {"業務の見直しを進め、デジタル技術を活用して市民サービスを向上させる。" * 2}


def test_unruled_rows_of_html_lists_and_the_note_after_them(tmp_path):
    with open_layout(docs.kitaakita(tmp_path / "kitaakita.pdf")) as layout:
        ex = extract(layout, "kitaakita")
    assert roles_of(ex) == [("DX推進リーダー", "leader"), ("一般職員", "all_staff")]
    assert skills_of(ex) == {(role, None, skill) for role, skills in docs.KITAAKITA_SKILLS for skill in skills}


def test_role_table_of_shaded_boxes_without_lines(tmp_path):
    with open_layout(docs.yurihonjo(tmp_path / "yurihonjo.pdf")) as layout:
        ex = extract(layout, "yurihonjo")
    assert [(r.name, r.description) for r in ex.roles] == docs.YURIHONJO_ROLES
    assert {r.extractor for r in ex.roles} == {"table:roles"}


def test_lines_cut_at_runs_of_spaces_but_not_at_word_gaps(tmp_path):
    path = tmp_path / "spaces.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 80), "区分\u3000\u3000\u3000人材像\u3000\u3000\u3000主な役割", fontname="japan", fontsize=10)
    page.insert_text((50, 100), "Power BI と D X の活用\u3000を学ぶ", fontname="japan", fontsize=10)
    doc.save(path)
    with open_layout(path) as layout:
        pieces = cut_at_gutters(layout, layout.pages[0], layout.pages[0].lines)
    assert [p.text for p in pieces] == ["区分", "人材像", "主な役割", "Power BI と D X の活用\u3000を学ぶ"]


def test_two_marks_printed_as_one_line_are_two_cells():
    # a line of two marks in neighbouring columns: its only gap is a gutter
    chars = [{"c": "○", "bbox": (100.0, 90.0, 110.0, 103.0)}, {"c": "○", "bbox": (140.0, 90.0, 150.0, 103.0)}]
    assert [p.text for p in _pieces(chars, [{"size": 10.0}], 1)] == ["○", "○"]


def test_unruled_table_without_cell_padding(tmp_path):
    # cells 0.2 em apart, the first body row right under the header
    with open_layout(docs.oga(tmp_path / "oga.pdf")) as layout:
        ex = extract(layout, "oga")
    assert levels_of(ex) == [("一般職員", 1, "初級"), ("一般職員", 2, "中級")]


def _line(text: str, x0: float, top: float) -> Line:
    return Line(text=text, bbox=(x0, top, x0 + 10 * len(text), top + 13), size=10.0, page=1)


def test_a_label_wraps_onto_the_line_under_it_but_a_body_row_is_no_wrap():
    labels = [_line("人材", 60, 100), _line("Step1", 120, 100), _line("Step2", 200, 100), _line("Step3", 280, 100)]
    wrapped = with_wrapped_labels(labels, [*labels, _line("像", 60, 112)], TABLE_SETTINGS)
    assert [normalize_text(label.text) for label in wrapped] == ["人材像", "Step1", "Step2", "Step3"]
    first_row = [_line("係長", 60, 112), _line("できる", 120, 112), _line("できる", 200, 112)]
    assert with_wrapped_labels(labels, [*labels, *first_row], TABLE_SETTINGS) == labels


# ---------------------------------------------------------------- 2. ruled skill matrix

def test_role_table_headed_yakushoku_with_target_group(nanto):
    assert roles_of(nanto) == [("DX推進責任者", "manager"), ("DX推進リーダー", "leader"), ("一般職員", "all_staff")]
    assert [r.target_group for r in nanto.roles] == ["管理職", "係長級", "全職員"]
    assert nanto.roles[0].description == "所管する業務のデジタル化を指揮し、業務改革の方向性を示す。"


def test_skill_matrix_assigns_each_skill_to_the_marked_roles_only(nanto):
    # columns 管理職 (a target group) | リーダー (an abbreviation) | 一般職員; `－` is no mark
    roles = ["DX推進責任者", "DX推進リーダー", "一般職員"]
    expected = {(role, category, skill) for category, skill, marks in docs.NANTO_SKILLS
                for role, mark in zip(roles, marks) if mark != "－"}
    assert skills_of(nanto) == expected
    assert ("一般職員", "業務改革", "プロジェクトマネジメント") not in skills_of(nanto)
    assert {s.page for s in nanto.skills} == {3} and {s.extractor for s in nanto.skills} == {"table:skills"}


def test_category_cell_spanning_rows_gives_each_row_its_category(nanto):
    categories = {s.name: s.category for s in nanto.skills}
    assert categories["利用者目線での業務見直し"] == "マインド"
    assert categories["データ分析・活用"] == "業務改革"
    assert categories["ノーコードツール活用"] == "技術"


def test_job_grades_as_roles_and_two_unruled_tables_on_one_page(ina):
    # 役職 | 求められる役割, then 知識・スキル | 部長級 | 課長級 | 係長級 | 主事級, both without rulings
    assert roles_of(ina) == [("部長級", "manager"), ("課長級", "manager"), ("係長級", "supervisor"),
                             ("主事級", "all_staff")]
    assert {r.name: r.description for r in ina.roles} == dict(docs.INA_ROLES)


def test_unruled_matrix_marks_printed_on_one_line_go_to_their_columns(ina):
    grades = [name for name, _ in docs.INA_ROLES]
    expected = {(grade, None, skill) for skill, marks in docs.INA_SKILLS
                for grade, mark in zip(grades, marks) if mark}
    assert skills_of(ina) == expected
    assert not any(s.name.startswith("○") for s in ina.skills)  # the legend below is not a row


def test_matrix_column_headers_are_the_roles_where_nothing_else_defines_them(komagane):
    assert roles_of(komagane) == [("管理職", "manager"), ("監督職", "supervisor"), ("一般職員", "all_staff")]
    assert {r.page for r in komagane.roles} == {2}
    expected = {(role, category, skill) for category, skill, marks in docs.KOMAGANE_SKILLS
                for role, mark in zip(["管理職", "監督職", "一般職員"], marks) if mark}
    assert skills_of(komagane) == expected


def test_one_table_defines_roles_and_their_skills(kaminokawa):
    # 人材像 | 役割 | 必要なスキル: the role's description is its 役割 cell, the bullets its skills
    assert roles_of(kaminokawa) == [("DX推進リーダー", "leader"), ("DX推進員", "promoter"), ("全職員", "all_staff")]
    assert [r.description for r in kaminokawa.roles] == [duty.replace("\n", "") for _, duty, _ in docs.KAMINOKAWA_ROWS]
    assert skills_of(kaminokawa) == {(role, None, skill.lstrip("・")) for role, _, skills in docs.KAMINOKAWA_ROWS
                                     for skill in skills}


def test_role_column_headed_kubun(tmp_path):
    # `区分 | 役割` alone on its page, then `区分 | 必要なスキル`: 区分 names a role per row
    with open_layout(docs.katagami(tmp_path / "katagami.pdf")) as layout:
        ex = extract(layout, "katagami")
    assert [(r.name, r.description, r.page) for r in ex.roles] == [(n, d, 2) for n, d in docs.KATAGAMI_ROLES]
    assert [r.name for r in ex.roles if r.flagged] == ["業務改革エバンジェリスト"]
    assert skills_of(ex) == {(role, None, item.lstrip("・")) for role, items in docs.KATAGAMI_SKILLS
                             for item in items.split("\n")}


def test_role_name_with_a_note_is_one_role_that_tables_name_without_it(tmp_path):
    with open_layout(docs.semboku(tmp_path / "semboku.pdf")) as layout:
        ex = extract(layout, "semboku")
    assert [(r.name, r.canonical, r.aliases) for r in ex.roles] == [
        ("DX推進責任者(課長級)", "manager", ["DX推進責任者"]),
        ("DX推進リーダー(各課1名)", "leader", ["DX推進リーダー"]),
        ("一般職員", "all_staff", []),
    ]
    assert {(s.role, s.name) for s in ex.skills} == {
        ("DX推進責任者(課長級)", "DX戦略の理解"), ("DX推進リーダー(各課1名)", "業務分析"),
        ("DX推進リーダー(各課1名)", "データ活用"), ("一般職員", "情報セキュリティ"),
    }


# ---------------------------------------------------------------- 3. levels as columns

def test_levels_as_columns_under_a_two_level_header(furano):
    assert roles_of(furano) == [("DXマネージャー", "manager"), ("DXリーダー", "leader"), ("DX推進員", "promoter")]
    expected = [(role, rank, f"レベル{rank}") for role, definitions in docs.FURANO_LEVELS
                for rank, definition in enumerate(definitions, start=1) if definition != "－"]
    assert levels_of(furano) == expected
    assert ("DX推進員", 4, "レベル4") not in levels_of(furano)  # `－`: the role has no fourth level


def test_level_definitions_wrapped_in_narrow_cells_are_joined(furano):
    definitions = {(lv.role, lv.rank): lv.definition for lv in furano.levels}
    assert definitions[("DXマネージャー", 1)] == "DXの必要性を理解している"
    assert definitions[("DXリーダー", 3)] == "改善策を企画し実行できる"


def test_level_words_rank_by_meaning_not_by_row_order(toon):
    # 人材像 | 段階 | 目指す姿 without rulings, 上級 printed first, the role only on its first row
    assert roles_of(toon) == [("DX推進リーダー", "leader"), ("一般職員", "all_staff")]
    assert levels_of(toon) == [
        ("DX推進リーダー", 3, "上級"), ("DX推進リーダー", 2, "中級"), ("DX推進リーダー", 1, "初級"),
        ("一般職員", 2, "中級"), ("一般職員", 1, "初級"),
    ]
    assert toon.levels[0].definition == "所属を越えた業務改革を企画し、他の職員を指導できる。"


def test_unruled_levels_as_columns_with_a_wrapped_header_label(nikaho):
    # 人材像 | Step1 | Step2 | Step3 without rulings; `人材像` wraps in its narrow column
    assert levels_of(nikaho) == [(role, rank, f"Step{rank}") for role, defs in docs.NIKAHO_STEPS
                                 for rank in range(1, len(defs) + 1)]
    assert nikaho.levels[-1].definition == "同僚に教えられる"


def test_role_table_printed_sideways_is_read_per_column(nikaho):
    # 人材像 | DX推進リーダー | DX推進員 | 一般職員, rows 対象 and 役割
    assert roles_of(nikaho) == [("DX推進リーダー", "leader"), ("DX推進員", "promoter"), ("一般職員", "all_staff")]
    assert [(r.target_group, r.description) for r in nikaho.roles] == [(t, d) for _, t, d in docs.NIKAHO_ROLES]
    assert {r.extractor for r in nikaho.roles} == {"table:roles"}


def test_group_rows_of_a_level_table_name_the_role_of_the_rows_below(tmp_path):
    with open_layout(docs.daisen(tmp_path / "daisen.pdf")) as layout:
        ex = extract(layout, "daisen")
    # the table holds more characters than the prose; the prose's type is still the body's
    assert [(r.name, r.description) for r in ex.roles] == [
        ("DX推進リーダー", "所属のデジタル化を企画し、実行する。"), ("一般職員", "デジタルツールを活用する。")]
    assert [(lv.role, lv.rank, lv.label, lv.definition) for lv in ex.levels] == [
        (role, rank, label, goal) for role, steps in docs.DAISEN_LEVELS
        for rank, (label, goal) in enumerate(steps, start=1)]


@pytest.mark.parametrize("role_table", [True, False])
def test_levels_as_rows_with_a_role_per_column(tmp_path, role_table):
    with open_layout(docs.yuzawa(tmp_path / "yuzawa.pdf", role_table=role_table)) as layout:
        ex = extract(layout, "yuzawa")
    assert roles_of(ex) == [("管理職", "manager"), ("一般職員", "all_staff")]
    assert [(lv.role, lv.rank, lv.label, lv.definition, lv.page) for lv in ex.levels] == [
        (role, rank, label, definition, 3) for rank, (label, definitions) in enumerate(docs.YUZAWA_LEVELS, start=1)
        for role, definition in zip(["管理職", "一般職員"], definitions, strict=True) if definition != "－"]


# ---------------------------------------------------------------- 4. prose only

def test_roles_from_enumerated_headings_in_body_type(sabae):
    assert roles_of(sabae) == [
        ("DX推進責任者", "manager"), ("デジタル推進リーダー", "leader"),
        ("業務改革エバンジェリスト", None), ("全職員", "all_staff"),
    ]
    assert {r.name: r.description for r in sabae.roles} == dict(docs.SABAE_ROLES)
    assert {r.extractor for r in sabae.roles} == {"heading:roles"}


@pytest.mark.parametrize("enumerators", [("(ア)", "(イ)", "(ウ)", "(エ)"), ("(一)", "(二)", "(三)", "(四)")])
def test_role_headings_numbered_with_kana_or_kanji(tmp_path, enumerators):
    with open_layout(docs.sabae(tmp_path / "sabae.pdf", enumerators)) as layout:
        ex = extract(layout, "sabae")
    assert [r.name for r in ex.roles] == [name for name, _ in docs.SABAE_ROLES]
    assert ex.roles[2].flagged  # 業務改革エバンジェリスト, between two known roles of the same style


def test_unknown_role_heading_between_known_ones_is_kept_flagged(sabae):
    evangelist = next(r for r in sabae.roles if r.name == "業務改革エバンジェリスト")
    assert evangelist.flagged and evangelist.page == 2
    assert any(w.kind == "unknown_role" and "業務改革エバンジェリスト" in w.message for w in sabae.warnings)


def test_skill_sentences_split_at_middle_dots_and_conjunctions(sabae):
    assert skills_of(sabae) == {
        ("DX推進責任者", None, "デジタル戦略"), ("DX推進責任者", None, "業務改革"),
        ("DX推進責任者", None, "情報セキュリティ"),
        ("デジタル推進リーダー", None, "業務分析"), ("デジタル推進リーダー", None, "データ活用"),
        ("デジタル推進リーダー", None, "ノーコードツール"),
        ("全職員", None, "情報セキュリティ"), ("全職員", None, "個人情報保護"),
    }
    assert {s.page for s in sabae.skills} == {2}


def test_labelled_skill_lists_under_role_headings(takahashi):
    # ① DX推進リーダー / paragraph / 【求められる知識・スキル】 / ・item …
    assert roles_of(takahashi) == [("DX推進リーダー", "leader"), ("一般職員", "all_staff")]
    # the label names the skills' category, as a skill table's column header does
    assert skills_of(takahashi) == {(role, "求められる知識・スキル", skill)
                                    for role, _, items in docs.TAKAHASHI_ROLES for skill in items}
    assert not any(s.name == "育成の取組" for s in takahashi.skills)  # the next heading ends the list


# ---------------------------------------------------------------- 5. a long unruled table, 対象者 column

def test_role_column_headed_digital_jinzai_and_an_external_advisor(tomi):
    assert roles_of(tomi) == [("CDO補佐官", "external"), ("DX推進マネージャー", "manager"),
                              ("DX推進リーダー", "leader"), ("DX推進員", "promoter"), ("一般職員", "all_staff")]
    assert {r.name: r.description for r in tomi.roles} == dict(docs.TOMI_ROLES)


def test_target_column_names_the_roles_of_a_skill_table_continued_over_a_page_break(tomi):
    # 対象者 | 求められる知識・スキル, unruled, cut by the page break with no header repeated;
    # MuPDF prints the bullet before Latin text as an unmapped glyph (U+0000)
    assert skills_of(tomi) == {(role, None, skill) for role, items in docs.TOMI_SKILLS for skill in items}
    pages = {s.name: s.page for s in tomi.skills}
    assert pages["組織のマネジメント"] == 1 and pages["ITリテラシー"] == 2


def test_unruled_table_continuation_is_merged_with_its_columns(tmp_path):
    with open_layout(docs.tomi(tmp_path / "tomi.pdf")) as layout:
        tables = policy_tables(read_policy_document(layout))
    skills = tables[-1]
    assert skills.pages == [1, 2] and skills.columns == ["対象者", "求められる知識・スキル"]
    assert [row[0].normalized for row in skills.rows] == [role for role, _ in docs.TOMI_SKILLS]
    assert skills.rows[0][1].items()[1] == ["DX戦略の立案", "組織のマネジメント"]


# ---------------------------------------------------------------- vocabulary of other cities

@pytest.mark.parametrize(("name", "others", "canonical"), [
    ("DX推進サポーター", ["DX推進リーダー"], "promoter"),  # assists a leader of the document
    ("DX推進サポーター", [], "leader"),  # the departmental lead where none is named above
    ("DX推進委員", ["デジタル推進リーダー"], "promoter"),
    ("CDO補佐官", [], "external"),
    ("外部デジタル人材", [], "external"),
    ("主任級", [], "all_staff"),
    ("全庁職員", [], "all_staff"),
])
def test_role_names_of_other_cities(name, others, canonical):
    assert canonical_role(name, [name, *others]) == (canonical, True)


def test_a_committee_is_no_role():
    assert canonical_role("DX推進委員会", ["DX推進委員会"]) == (None, False)


# ---------------------------------------------------------------- the whole pipeline

def test_ingest_writes_the_unseen_documents_roles_skills_and_levels(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for build in (docs.sakuragawa, docs.nanto, docs.furano):
        build(folder / f"{build.__name__}.pdf")
    out = tmp_path / "out"

    report = ingest_paths([folder], out, workers=1)

    assert report.exit_code == 0

    def count(table: str) -> int:
        pattern = str(out / table / "**" / "*.parquet")
        return duckdb.sql(f"SELECT count(*) FROM read_parquet('{pattern}', union_by_name=true)").fetchall()[0][0]

    assert count("roles") == 5 + 3 + 3
    assert count("skills") == sum(m != "－" for _, _, marks in docs.NANTO_SKILLS for m in marks)
    assert count("levels") == 11
    flagged = duckdb.sql(
        f"SELECT name, canonical FROM read_parquet('{out}/roles/**/*.parquet', union_by_name=true) "
        "WHERE canonical IS NULL").fetchall()
    assert flagged == [("業務改革エバンジェリスト", None)]


def test_every_unseen_table_is_classified_by_its_header_words(tmp_path):
    kinds = {}
    for build in (docs.sakuragawa, docs.nanto, docs.furano, docs.toon, docs.ina):
        with open_layout(build(tmp_path / f"{build.__name__}.pdf")) as layout:
            tables = policy_tables(read_policy_document(layout))
            kinds[build.__name__] = [kind_of(t) for t in tables]
    assert kinds == {
        "sakuragawa": [TableKind.ROLES],
        "nanto": [TableKind.ROLES, TableKind.SKILLS],
        "furano": [TableKind.ROLES, TableKind.LEVELS],
        "toon": [TableKind.LEVELS],
        "ina": [TableKind.ROLES, TableKind.SKILLS],
    }


def test_a_column_headed_by_a_power_holds_skills(tmp_path):
    """`人材タイプ | 期待される役割 | 身につける力`, no rulings: a label naming a power
    (a verb or adjective before 力) heads the skill column; role types unknown to the
    synonyms are kept with their skills."""
    from pdfs import table_pdf

    rows = [["人材タイプ", "期待される役割", "身につける力"],
            ["変革推進型", "組織の変革を構想し推進する", "構想力"],
            ["現場改善型", "現場で業務の改善を実践する", "業務分析力"]]
    path = table_pdf(tmp_path / "power.pdf", rows, [110, 200, 150], rules=False)
    with open_layout(path) as layout:
        extraction = extract(layout, "power")
    assert {(s.role, s.name) for s in extraction.skills} == {("変革推進型", "構想力"), ("現場改善型", "業務分析力")}
