"""The source registry: parsing, path resolution and every error it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinzai.pipeline.sources import RegistryError, Source, load_registry

REPO = Path(__file__).resolve().parents[1]


def write_registry(folder: Path, text: str, name: str = "sources.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def registry_error(path: Path) -> str:
    with pytest.raises(RegistryError) as info:
        load_registry(path)
    return str(info.value)


def test_entries_are_read_with_optional_fields(tmp_path: Path) -> None:
    path = write_registry(tmp_path, """\
sources:
  - id: tarumizu
    municipality: 垂水市
    url: https://www.city.tarumizu.lg.jp/files/houshin.pdf
    title: 垂水市デジタル人材育成方針
    notes: revised every spring
  - id: casebook
    url: pdfs/casebook.pdf
""")
    first, second = load_registry(path)
    assert first == Source(id="tarumizu", municipality="垂水市",
                           url="https://www.city.tarumizu.lg.jp/files/houshin.pdf",
                           title="垂水市デジタル人材育成方針", notes="revised every spring")
    assert first.is_remote and first.local_path is None
    assert (second.municipality, second.title, second.notes) == (None, None, None)
    assert not second.is_remote


def test_relative_path_is_resolved_against_the_registry_folder(tmp_path: Path, monkeypatch) -> None:
    registry_dir = tmp_path / "config"
    registry_dir.mkdir()
    path = write_registry(registry_dir, "sources:\n  - id: a\n    url: ../pdfs/a.pdf\n")
    monkeypatch.chdir(REPO)  # the working directory must not matter
    (source,) = load_registry(path)
    assert source.local_path == (tmp_path / "pdfs" / "a.pdf").resolve()
    assert Path(source.url).is_absolute()


def test_absolute_path_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "doc.pdf"
    path = write_registry(tmp_path, f"sources:\n  - id: a\n    url: {target}\n")
    assert load_registry(path)[0].local_path == target.resolve()


def test_numeric_id_such_as_a_municipality_code_is_accepted(tmp_path: Path) -> None:
    path = write_registry(tmp_path, "sources:\n  - id: 462144\n    url: https://example.org/a.pdf\n")
    assert load_registry(path)[0].id == "462144"


def test_empty_source_list_is_an_empty_registry(tmp_path: Path) -> None:
    assert load_registry(write_registry(tmp_path, "sources: []\n")) == []


def test_the_example_registry_points_at_the_bundled_samples() -> None:
    sources = load_registry(REPO / "sources.example.yaml")
    assert len(sources) == len(list((REPO / "data" / "raw").glob("*.pdf")))
    for source in sources:
        assert source.local_path is not None and source.local_path.is_file(), source.id
        assert source.local_path.parent == REPO / "data" / "raw"
    assert {s.id: s.municipality for s in sources}["tarumizu"] == "垂水市"


def test_missing_file(tmp_path: Path) -> None:
    message = registry_error(tmp_path / "nope.yaml")
    assert "nope.yaml" in message and "not found" in message


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write_registry(tmp_path, "sources:\n  - id: a\n    url: [unclosed\n  - id: b\n")
    message = registry_error(path)
    assert str(path) in message and "invalid YAML" in message
    assert "line 4" in message


@pytest.mark.parametrize(("text", "expected"), [
    ("", "expected a mapping with a 'sources' list"),
    ("- id: a\n  url: a.pdf\n", "expected a mapping with a 'sources' list"),
    ("documents:\n  - id: a\n", "unknown top-level key(s) documents"),
    ("defaults: {}\nsources: []\n", "unknown top-level key(s) defaults"),
    ("sources:\n  id: a\n", "'sources' must be a list"),
    ("sources:\n", "'sources' must be a list"),
])
def test_bad_top_level(tmp_path: Path, text: str, expected: str) -> None:
    message = registry_error(write_registry(tmp_path, text))
    assert expected in message and "sources.yaml" in message


@pytest.mark.parametrize(("entry", "expected"), [
    ("just-a-string", "expected a mapping with id and url"),
    ("{id: a}", "url: required field is missing"),
    ("{url: a.pdf}", "id: required field is missing"),
    ("{id: Tarumizu, url: a.pdf}", "'Tarumizu' is not a slug"),
    ("{id: 'two words', url: a.pdf}", "'two words' is not a slug"),
    ("{id: -leading, url: a.pdf}", "'-leading' is not a slug"),
    ("{id: ../escape, url: a.pdf}", "'../escape' is not a slug"),
    (f"{{id: {'x' * 65}, url: a.pdf}}", "is not a slug"),
    ("{id: a, url: a.pdf, ulr: b.pdf}", "ulr: unknown field"),
    ("{id: a, url: 'ftp://example.org/a.pdf'}", "uses ftp://; only http(s) URLs or local paths"),
    ("{id: a, url: 'https:///a.pdf'}", "has no host name"),
    ("{id: a, url: '  '}", "url: empty"),
    ("{id: a, url: a.pdf, municipality: [垂水市]}", "municipality: Input should be a valid string"),
])
def test_bad_entry_names_file_line_and_entry(tmp_path: Path, entry: str, expected: str) -> None:
    path = write_registry(tmp_path, f"sources:\n  - id: ok\n    url: ok.pdf\n  - {entry}\n")
    message = registry_error(path)
    assert expected in message
    assert message.startswith(f"{path}, line 4, entry 2")


def test_bad_entry_message_names_its_id(tmp_path: Path) -> None:
    path = write_registry(tmp_path, "sources:\n  - id: tarumizu\n    url: 'gopher://x/a.pdf'\n")
    assert "entry 1 (id 'tarumizu'): url: 'gopher://x/a.pdf' uses gopher://" in registry_error(path)


def test_duplicate_ids_name_both_lines(tmp_path: Path) -> None:
    path = write_registry(tmp_path, """\
sources:
  - id: tarumizu
    url: a.pdf
  - id: other
    url: b.pdf
  - id: tarumizu
    url: c.pdf
""")
    message = registry_error(path)
    assert message.startswith(f"{path}, line 6, entry 3")
    assert "duplicate id 'tarumizu' (first used on line 2)" in message


def test_a_key_repeated_within_one_entry_is_reported(tmp_path: Path) -> None:
    path = write_registry(tmp_path, "sources:\n  - id: a\n    url: a.pdf\n    url: b.pdf\n")
    assert "key 'url' appears twice in one entry" in registry_error(path)


def test_source_built_directly_keeps_a_relative_path_relative_to_the_working_directory(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Source(id="a", url="a.pdf").local_path == (tmp_path / "a.pdf").resolve()
