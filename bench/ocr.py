"""OCR benchmark: `python bench/ocr.py [--pdf-dir DIR] [--gold-dir DIR] [--compare-pages N] [--json PATH]`.

Scans the sample PDFs as a copier would (tests/scans.py: grey, paper tone, noise,
skew, image-only PDF at --scan-dpi), then measures

* `routes`: on --compare-pages pages of each document (spread from first to last), character accuracy
  (share of the true text's characters, as a multiset, that the OCR text has; order
  free, since every route orders table cells its own way) and seconds per page of
  - `jinzai`: extractors/ocr/ (straighten, binarise, rules and marks out, Tesseract TSV, re-reads);
  - `tesseract`: the Tesseract program alone on the rendered page (its default layout);
  - `pymupdf`: PyMuPDF's own Tesseract OCR, `page.get_textpage_ocr(language="jpn", full=True)`;
  - `ocrmypdf`: OCRmyPDF (`--deskew`), when the `ocrmypdf` program is on PATH or given;
  each on one core (OMP_THREAD_LIMIT=1);
* `pipeline`: `ingest_paths` of the scans (pages read in parallel on every core), its
  wall seconds per scanned page, and micro-F1 against the answer keys with
  jinzai.pipeline.evaluation, per document and over all.

Results print as tables and are written as JSON (default bench/results/ocr-<UTC time>.json).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pymupdf  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the scan maker the tests use

from scans import scan_pdf  # noqa: E402

from jinzai.extractors import ocr  # noqa: E402
from jinzai.pipeline.evaluation import DocumentScore, TableScore, evaluate  # noqa: E402
from jinzai.pipeline.ingest import ingest_paths  # noqa: E402

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def character_accuracy(truth: str, read: str) -> float:
    """Matched characters (multiset, spaces ignored, NFKC) over the longer of the two texts."""
    def chars(text: str) -> Counter[str]:
        return Counter(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))

    want, got = chars(truth), chars(read)
    return sum((want & got).values()) / max(1, sum(want.values()), sum(got.values()))


def read_jinzai(page: pymupdf.Page, _: Path) -> str:
    grey = ocr.render_page(page, ocr.SETTINGS.dpi)
    return "\n".join(line.text for line in ocr.read_image(grey, page.number + 1).lines)


def read_tesseract(page: pymupdf.Page, _: Path) -> str:
    png = page.get_pixmap(dpi=ocr.SETTINGS.dpi, colorspace=pymupdf.csGRAY).tobytes("png")
    done = subprocess.run(["tesseract", "stdin", "stdout", "-l", "jpn"], input=png, capture_output=True, check=True)
    return done.stdout.decode("utf-8", errors="replace")


def read_pymupdf(page: pymupdf.Page, _: Path) -> str:
    return page.get_textpage_ocr(language="jpn", dpi=ocr.SETTINGS.dpi, full=True).extractText()


def ocrmypdf_reader(program: str) -> Callable[[pymupdf.Page, Path], str]:
    def read(page: pymupdf.Page, work: Path) -> str:
        single, done = work / "page.pdf", work / "page-ocr.pdf"
        with pymupdf.open() as one:
            one.insert_pdf(page.parent, from_page=page.number, to_page=page.number)
            one.save(single)
        subprocess.run([program, "-q", "-l", "jpn", "--deskew", "--output-type", "pdf", "--jobs", "1",
                        str(single), str(done)], check=True, capture_output=True)
        with pymupdf.open(done) as result:
            return result[0].get_text()
    return read


def spread(count: int, total: int) -> list[int]:
    """`count` page indices spread evenly from the first page to the last."""
    if count >= total:
        return list(range(total))
    if count == 1:
        return [total // 2]
    return sorted({round(i * (total - 1) / (count - 1)) for i in range(count)})


def compare_routes(scans: dict[str, Path], pdf_dir: Path, pages: int, routes: dict[str, Callable],
                   work: Path) -> dict[str, dict]:
    figures: dict[str, dict] = {}
    for name, read in routes.items():
        accuracies, seconds = [], []
        for stem, scan in scans.items():
            with pymupdf.open(pdf_dir / f"{stem}.pdf") as original, pymupdf.open(scan) as scanned:
                for index in spread(pages, scanned.page_count):
                    started = time.perf_counter()
                    text = read(scanned[index], work)
                    seconds.append(time.perf_counter() - started)
                    accuracies.append(character_accuracy(original[index].get_text(), text))
        figures[name] = {"pages": len(seconds), "char_accuracy": round(sum(accuracies) / len(accuracies), 3),
                         "seconds_per_page": round(sum(seconds) / len(seconds), 2)}
        print(f"  {name:<10} {figures[name]['pages']:>5} pages  accuracy {figures[name]['char_accuracy']:.3f}  "
              f"{figures[name]['seconds_per_page']:.2f} s/page", flush=True)
    return figures


def run_pipeline(scan_dir: Path, gold_dir: Path, pdf_dir: Path, work: Path) -> dict:
    gold = work / "gold"
    gold.mkdir()
    for scan in scan_dir.glob("*.pdf"):
        if (gold_dir / f"{scan.stem}.json").is_file():
            shutil.copy(gold_dir / f"{scan.stem}.json", gold)
    started, cpu = time.perf_counter(), os.times()
    report = ingest_paths([scan_dir], work / "out")
    wall = time.perf_counter() - started
    after = os.times()
    cpu_seconds = (after.user + after.system + after.children_user + after.children_system
                   - cpu.user - cpu.system - cpu.children_user - cpu.children_system)
    scores = evaluate(work / "out", gold, pdf_dir)
    figures = {
        "pages": report.pages, "wall_seconds": round(wall, 1), "seconds_per_page": round(wall / max(1, report.pages), 2),
        "cpu_seconds_in_process_and_tesseract": round(cpu_seconds, 1),
        "micro_f1": scores.micro_f1,
        "documents": {stem: _micro_f1(doc) for stem, doc in scores.documents.items()},
        "tables": {name: table.f1 for name, table in scores.tables.items()},
        "failed": [o.source for o in report.of_status("failed")],
    }
    print(f"  {report.pages} scanned pages in {wall:.1f} s wall ({figures['seconds_per_page']:.2f} s/page on "
          f"{os.cpu_count()} cores), micro-F1 {scores.micro_f1}")
    for name, f1 in {**figures["tables"], **figures["documents"]}.items():
        print(f"    {name:<18} F1 {f1}")
    return figures


def _micro_f1(document: DocumentScore) -> float | None:
    total = TableScore()
    for score in document.tables.values():
        total.add(score)
    return total.f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf-dir", type=Path, default=REPO / "data" / "raw")
    parser.add_argument("--gold-dir", type=Path, default=REPO / "tests" / "gold")
    parser.add_argument("--stems", help="comma-separated document names (default: every PDF in --pdf-dir)")
    parser.add_argument("--scan-dpi", type=int, default=200)
    parser.add_argument("--compare-pages", type=int, default=3,
                        help="pages per document for the route comparison, spread from first to last")
    parser.add_argument("--ocrmypdf", default=shutil.which("ocrmypdf"), help="the ocrmypdf program, if installed")
    parser.add_argument("--skip-pipeline", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not ocr.tesseract_ready():
        sys.exit(f"bench/ocr.py: {ocr.INSTALL_HINT}")
    stems = args.stems.split(",") if args.stems else sorted(p.stem for p in args.pdf_dir.glob("*.pdf"))
    results: dict = {"machine": {"cpus": os.cpu_count(), "load_at_start": os.getloadavg()},
                     "scan_dpi": args.scan_dpi, "ocr_dpi": ocr.SETTINGS.dpi}
    with tempfile.TemporaryDirectory(prefix="jinzai-ocr-bench-") as tmp:
        work = Path(tmp)
        (work / "scans").mkdir()
        scans = {stem: scan_pdf(args.pdf_dir / f"{stem}.pdf", work / "scans" / f"{stem}.pdf", dpi=args.scan_dpi)
                 for stem in stems}
        routes: dict[str, Callable] = {"jinzai": read_jinzai, "tesseract": read_tesseract, "pymupdf": read_pymupdf}
        if args.ocrmypdf:
            routes["ocrmypdf"] = ocrmypdf_reader(args.ocrmypdf)
        print(f"routes ({args.compare_pages} pages spread over each of {', '.join(stems)}; one core each):")
        results["routes"] = compare_routes(scans, args.pdf_dir, args.compare_pages, routes, work)
        if not args.skip_pipeline:
            print("pipeline (jinzai ingest of the scans, scored against the answer keys):")
            results["pipeline"] = run_pipeline(work / "scans", args.gold_dir, args.pdf_dir, work)
    results["machine"]["load_at_end"] = os.getloadavg()
    path = args.json or RESULTS_DIR / f"ocr-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"written {path}")


if __name__ == "__main__":
    main()
