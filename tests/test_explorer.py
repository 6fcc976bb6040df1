"""`jinzai explore` in a real headless Chromium (Playwright driving Debian's chromium package):
a search, a city page, a comparison, and an evidence page whose highlight lies on the record's text.
The read-only SQL page is checked over HTTP."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

import jinzai
from jinzai.normalizers.text import normalize_text

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CITY, OTHER_CITY = "垂水市", "各務原市"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def explorer(sample_corpus: Path) -> Iterator[str]:
    """The explorer app served by uvicorn on a loopback port, in this process."""
    import uvicorn

    from jinzai.pipeline.access.explorer import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(sample_corpus)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the explorer did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium; skipped only where it is truly absent outside CI (CI must run these)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run installs the chromium package")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium): browser tests need it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, explorer: str):
    context = browser.new_context(base_url=explorer, viewport={"width": 1280, "height": 1000})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def corpus(sample_corpus: Path) -> jinzai.Corpus:
    return jinzai.open_corpus(sample_corpus)


def test_search_box_finds_full_width_text_in_records_and_case_sections(page, corpus) -> None:
    page.goto("/")
    page.get_by_role("searchbox", name="search").fill("ＩＴパスポート")
    page.get_by_role("button", name="検索").click()
    page.wait_for_url("**/search?q=*")
    hits = page.locator("tr.hit")
    assert hits.count() > 0
    texts = hits.locator("td:nth-child(3)").all_inner_texts()
    assert all("ITパスポート" in text for text in texts)
    tables = {t.split(".")[0] for t in hits.locator("td:nth-child(2)").all_inner_texts()}
    assert {"trainings", "case_sections"} <= tables


def test_city_page_shows_roles_matrix_and_target_chart_as_stored(page, corpus) -> None:
    page.goto("/")
    page.get_by_role("link", name=CITY, exact=True).first.click()
    page.wait_for_url("**/doc/*")
    doc_id = page.url.rsplit("/", 1)[-1]
    roles = corpus.sql(f"SELECT name FROM current_roles WHERE doc_id = '{doc_id}'").fetchall()
    shown = page.locator("table.roles tr td:first-child").all_inner_texts()
    assert sorted(shown) == sorted(name for (name,) in roles)
    required = corpus.sql(f"SELECT count(*) FROM current_training_audience WHERE doc_id = '{doc_id}' "
                          "AND requirement = 'required'").fetchall()[0][0]
    assert required > 0
    assert page.locator("table.matrix td.mark", has_text="●").count() == required
    points = corpus.sql(f"SELECT count(*) FROM (SELECT DISTINCT role, metric, unit, fiscal_year FROM current_targets "
                        f"WHERE doc_id = '{doc_id}' AND fiscal_year IS NOT NULL AND value IS NOT NULL)").fetchall()[0][0]
    assert points > 0
    assert page.locator("svg.chart circle").count() == points  # one point per series and fiscal year


def test_comparison_puts_two_cities_side_by_side(page) -> None:
    page.goto("/")
    page.get_by_label(CITY, exact=True).check()
    page.get_by_label(OTHER_CITY, exact=True).check()
    page.get_by_role("button", name="compare side by side").click()
    page.wait_for_url("**/compare?*")
    sections = page.locator("section.compared")
    assert sections.count() == 2
    assert sorted(h.strip() for h in sections.locator("h2").all_inner_texts()) == sorted([CITY, OTHER_CITY])
    header = page.locator("table.crosswalk tr").first.inner_text()
    assert CITY in header and OTHER_CITY in header
    leader_row = page.locator("table.crosswalk tr", has=page.locator("a[href='/role/leader']"))
    assert leader_row.locator("td a").count() >= 2  # both cities name a departmental leader
    assert sections.locator("table.matrix").count() == 2


def test_evidence_page_highlights_the_records_text_on_its_pdf_page(page, corpus) -> None:
    page.goto("/")
    page.get_by_role("link", name=CITY, exact=True).first.click()
    first_role = page.locator("table.roles tr").nth(1)
    name = first_role.locator("td").first.inner_text().strip()
    first_role.locator("a.evidence").click()
    page.wait_for_url("**/evidence/**")
    page.wait_for_function("document.getElementById('page-image').complete && "
                           "document.getElementById('page-image').naturalWidth > 0")
    image = page.locator("#page-image").bounding_box()
    box = page.locator("#highlight").bounding_box()
    assert image and box and box["width"] > 0 and box["height"] > 0

    doc_id, number = page.url.split("/evidence/")[1].split("?")[0].split("/")
    source = corpus.sql(f"SELECT source FROM documents WHERE doc_id = '{doc_id}'").fetchall()[0][0]
    with pymupdf.open(source) as pdf:
        pdf_page = pdf[int(number) - 1]
        scale = pdf_page.rect.width / image["width"]
        on_screen = pymupdf.Rect((box["x"] - image["x"]) * scale, (box["y"] - image["y"]) * scale,
                                 (box["x"] + box["width"] - image["x"]) * scale,
                                 (box["y"] + box["height"] - image["y"]) * scale)
        text = normalize_text(pdf_page.get_text("text", clip=on_screen + (-2, -2, 2, 2)))
    assert name.replace(" ", "") in text.replace(" ", "")


def test_sql_page_runs_a_select_and_refuses_writes_and_outside_files(explorer: str, sample_corpus: Path,
                                                                      tmp_path: Path) -> None:
    import httpx

    outside = tmp_path / "outside.csv"
    outside.write_text("secret\n42\n", encoding="utf-8")
    ok = httpx.get(f"{explorer}/sql", params={"q": "SELECT count(*) AS n FROM current_roles"})
    assert ok.status_code == 200 and "<th>n</th>" in ok.text
    copy = httpx.get(f"{explorer}/sql", params={"q": f"COPY (SELECT 1) TO '{sample_corpus}/x.csv'"})
    assert "read-only" in copy.text and not (sample_corpus / "x.csv").exists()
    read = httpx.get(f"{explorer}/sql", params={"q": f"SELECT * FROM read_csv('{outside}')"})
    assert "Permission" in read.text and "42" not in read.text.split("</form>")[1]
