"""jinzai benchmark: `python bench/run.py [--quick] [--sizes 1,4,16] [--json PATH]`.

What it measures, on this machine, in one run:

* cli       — `jinzai ingest DATA` exactly as a user runs it (the console script next to
              sys.executable, in a subprocess: process start, Prefect start-up, every PDF):
              cold with a fresh Prefect home and cache (first start on a fresh machine),
              cold with that now-warm home (a user's second day), and unchanged (a second
              run on the same --out, which must skip everything).
* stages    — the plain in-process pipeline (`ingest_paths(workers=1)`: plan → extract →
              commit, one process, no Prefect) timed without a profiler, then again under cProfile with
              the exclusive time of every function attributed to a stage (see STAGE_METHOD).
* scaling   — `jinzai ingest` of the corpus replicated ×N (copies with distinct bytes, so
              nothing is skipped) into a fresh --out: pages/s, CPU use and peak RSS.
* reference — the floor (PyMuPDF `page.get_text()` of every page) and a peer baseline
              (pdfplumber `page.extract_tables()` of every page), against which jinzai's
              per-page cost is stated as a ratio.

Every in-process measurement runs in a freshly spawned interpreter, so none of them
pays for or profits from another's imports, models or caches. Results are printed as
tables and written as JSON (default bench/results/<UTC timestamp>.json).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import multiprocessing
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / "data" / "raw"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
SECTIONS = ("cli", "stages", "scaling", "reference", "refresh")
DEFAULT_SIZES = (1, 4, 16)
SAMPLE_SECONDS = 0.2  # sampling period of a measured process tree
RUN_TIMEOUT_SECONDS = 3600
FLOOR_REPEATS = 3
MB = 1024 * 1024

# Figures the project aims for; the report states each one as met or missed.
TARGETS = {
    "cold_ingest_s": 15.0,
    "unchanged_s": 3.0,
    "throughput_pages_per_s": 15.0,
    "peak_rss_mb": 1536.0,
    "ratio_to_peer": 3.0,
    "refresh_rerun_share": 0.1,
}

STAGE_METHOD = (
    "cProfile of the single-process pipeline (ingest_paths with workers=1: plan, extract_planned, commit) "
    "on the corpus. "
    "Each function's exclusive time (tottime) goes to the stage of its module: "
    "jinzai.extractors.layout -> PDF open/layout; pdfplumber, pdfminer, jinzai.extractors.tables "
    "-> table extraction; other jinzai.extractors -> text/prose extraction; jinzai.normalizers, "
    "sudachipy, spacy/GiNZA -> normalization; pydantic, jinzai.models.records -> validation; "
    "pyarrow, jinzai.models.arrow, jinzai.pipeline.store, pydantic model_dump -> Parquet write; "
    "jinzai.pipeline -> pipeline (plan: sha256, store reads); module top-level code and importlib -> "
    "imports on first use (lazy imports inside the run, e.g. spaCy, pandas via pyarrow). "
    "Time in functions of no stage (stdlib, builtins, numpy, PyMuPDF itself) goes up the call graph to the stages of "
    "their callers, split by the callers' share of calls' time; so PyMuPDF calls count for layout "
    "when the layout module makes them and for tables when the table reader does. cProfile "
    "inflates Python-heavy code, so shares are indicative; seconds are the shares applied to the "
    "unprofiled run."
)

# (stage, module prefixes whose functions anchor time to it); first match wins.
STAGE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PDF open/layout", ("jinzai.extractors.layout",)),
    ("table extraction", ("jinzai.extractors.tables", "pdfplumber", "pdfminer")),
    ("Parquet write", ("jinzai.pipeline.store", "jinzai.models.arrow", "pyarrow")),
    ("validation", ("jinzai.models", "pydantic", "pydantic_core", "annotated_types")),
    ("normalization", ("jinzai.normalizers", "sudachipy", "sudachidict_core", "spacy", "ginza", "ja_ginza",
                       "thinc", "srsly", "cymem", "preshed", "murmurhash", "blis", "confection", "catalogue",
                       "wasabi", "weasel")),
    ("text/prose extraction", ("jinzai.extractors",)),
    ("pipeline (plan, fingerprint, commit)", ("jinzai.pipeline",)),
)
IMPORTS = "imports on first use"
STAGES = (*(stage for stage, _ in STAGE_RULES), IMPORTS, "other")
# Builtins are named, not filed: these name fragments anchor them like a module would.
BUILTIN_RULES = (("sudachipy", "normalization"), ("pyarrow", "Parquet write"),
                 ("SchemaSerializer", "Parquet write"), ("pydantic_core", "validation"))
# pydantic serialization feeds the Parquet writer: it counts where it is called from.
PASS_THROUGH_FUNCTIONS = {"model_dump", "model_dump_json"}

console = Console(width=None if sys.stdout.isatty() else 170)


# ---------------------------------------------------------------- measured subprocesses


@dataclass
class ProcessRun:
    """A measured subprocess: wall and CPU time, memory of its process tree."""

    wall_s: float
    cpu_s: float  # user + system of the process and all its descendants
    peak_tree_rss_mb: float  # max over samples of the summed RSS of the whole process tree
    max_process_rss_mb: float  # largest single process
    processes: int  # how many processes the tree had over the run
    cpu_by_role: dict[str, float]  # sampled CPU seconds: main, Prefect API, forkserver, workers, other
    exit_code: int
    load_at_start: float
    stdout: str
    stderr: str

    @property
    def cores_busy(self) -> float:
        return self.cpu_s / self.wall_s if self.wall_s else 0.0


class TreeSampler:
    """Samples a process tree: summed and largest RSS, and CPU seconds of every process seen.

    Sampling sees the workers of a forkserver, which the measured process never reaps (so
    its rusage leaves them out); it misses at most one period at the end of each process.
    """

    def __init__(self, pid: int):
        self.root = psutil.Process(pid)
        self.peak_tree_rss = 0
        self.peak_process_rss = 0
        self.cpu: dict[int, float] = {}  # pid → user + system seconds when last seen
        self.roles: dict[int, str] = {}  # pid → what the process is (see `role`)

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for process in processes:
            try:
                with process.oneshot():
                    rss = process.memory_info().rss
                    times = process.cpu_times()
            except psutil.Error:
                continue  # exited between listing and reading
            total += rss  # shared pages count once per process: an upper bound
            self.peak_process_rss = max(self.peak_process_rss, rss)
            self.cpu[process.pid] = times.user + times.system
            if process.pid not in self.roles:
                self.roles[process.pid] = self.role(process)
        self.peak_tree_rss = max(self.peak_tree_rss, total)

    def role(self, process: psutil.Process) -> str:
        """main, Prefect API (its uvicorn server), forkserver, workers (forked by it) or other."""
        if process.pid == self.root.pid:
            return "main"
        try:
            command = " ".join(process.cmdline())
            parent = process.ppid()
        except psutil.Error:
            return "other"
        if "uvicorn" in command and "prefect" in command:
            return "Prefect API"
        if "multiprocessing.forkserver" in command:  # workers are forks: same command line
            return "forkserver" if parent == self.root.pid else "workers"
        return "other"

    def cpu_by_role(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            role = self.roles.get(pid, "other")
            totals[role] = totals.get(role, 0.0) + seconds
        return totals

    def kill(self) -> None:
        for process in [*self.root.children(recursive=True), self.root]:
            process.kill()


def run_measured(argv: Sequence[str], env: dict[str, str]) -> ProcessRun:
    """Run a command to completion, sampling its process tree's memory and CPU."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(argv), stdout=out, stderr=err, env=env, cwd=REPO)
        sampler = TreeSampler(process.pid)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            sampler.sample()
            if time.perf_counter() - started > RUN_TIMEOUT_SECONDS:
                sampler.kill()
                raise TimeoutError(f"{' '.join(argv)} ran over {RUN_TIMEOUT_SECONDS} s")
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # rusage is exact for the process and what it reaped; sampling also sees the rest
        cpu = max(usage.ru_utime + usage.ru_stime, sum(sampler.cpu.values()))
        return ProcessRun(
            wall_s=wall, cpu_s=cpu, peak_tree_rss_mb=sampler.peak_tree_rss / MB,
            max_process_rss_mb=max(usage.ru_maxrss * 1024, sampler.peak_process_rss) / MB,
            processes=len(sampler.cpu), cpu_by_role=sampler.cpu_by_role(), exit_code=process.returncode,
            load_at_start=load,
            stdout=out.read().decode("utf-8", "replace"), stderr=err.read().decode("utf-8", "replace"))


def jinzai_command() -> Path:
    """The installed console script of the interpreter running the benchmark."""
    script = Path(sys.executable).parent / "jinzai"
    if not script.exists():
        raise SystemExit(f"no jinzai console script at {script}: install the project (pip install -e .)")
    return script


def cli_env(home: Path) -> dict[str, str]:
    """The user's environment with Prefect state and caches under `home`.

    A user's own PREFECT_HOME or PREFECT_API_URL would make "fresh" mean nothing, so both
    are dropped: jinzai then starts its own ephemeral Prefect server, as on a new machine.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_HOME", "PREFECT_API_URL")}
    env["JINZAI_PREFECT_HOME"] = str(home / "prefect")
    env["XDG_CACHE_HOME"] = str(home / "cache")  # jinzai's compiled Sudachi user dictionary
    env["COLUMNS"] = "200"
    return env


# ---------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Corpus:
    folder: Path
    files: int
    pages: int
    bytes: int


def describe_corpus(folder: Path) -> Corpus:
    import pymupdf

    pdfs = sorted(folder.rglob("*.pdf"))
    pages = 0
    for path in pdfs:
        with pymupdf.open(path) as doc:
            pages += doc.page_count
    return Corpus(folder, len(pdfs), pages, sum(p.stat().st_size for p in pdfs))


def replicate(source: Path, target: Path, copies: int) -> Corpus:
    """`copies` copies of every PDF; each copy after the first ends with its own PDF comment line.

    A comment after %%EOF changes the bytes (so the content hash, so nothing is skipped as
    unchanged) and nothing else: readers ignore it and %%EOF stays within the last 1 KiB.
    """
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*.pdf")):
        data = path.read_bytes()
        for k in range(copies):
            suffix = b"" if k == 0 else f"\n% jinzai bench copy {k}\n".encode()
            (target / f"{path.stem}__copy{k:02d}.pdf").write_bytes(data + suffix)
    return describe_corpus(target)


def store_summary(out: Path) -> dict[str, int]:
    """What an ingest left in a corpus folder: documents, their pages, failures."""
    from jinzai.pipeline.store import Store

    store = Store(out)
    documents = store.documents()
    return {"documents": len(documents), "pages": sum(d.pages for d in documents), "failures": len(store.failures())}


def store_state(out: Path) -> dict[str, int]:
    """Every Parquet file of a corpus folder with its modification time (ns)."""
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.parquet")}


# ---------------------------------------------------------------- section: cli


def cli_run(label: str, data: Path, out: Path, home: Path, corpus: Corpus,
            argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run `jinzai ingest data --out out` (or `argv`) and check what it left in `out`."""
    argv = list(argv or [str(jinzai_command()), "ingest", str(data), "--out", str(out)])
    shown = argv if "-c" not in argv else [*argv[:argv.index("-c")], "-c", "<script>", *argv[argv.index("-c") + 2:]]
    console.print(f"  [dim]{label}: {' '.join(shown)}[/dim]")
    before = store_state(out) if out.exists() else {}
    run = run_measured(argv, cli_env(home))
    after = store_summary(out)
    result = {
        "label": label,
        **{k: v for k, v in asdict(run).items() if k not in ("stdout", "stderr")},
        "cores_busy": run.cores_busy,
        "files": corpus.files,
        "pages": corpus.pages,
        "pages_per_s": corpus.pages / run.wall_s,
        "store": after,
        "ok": run.exit_code == 0 and after["failures"] == 0 and after["documents"] >= corpus.files,
    }
    if before:
        result["rewrote_files"] = sorted(k for k, v in store_state(out).items() if before.get(k) != v)
        result["ok"] = result["ok"] and not result["rewrote_files"]
    if not result["ok"]:
        result["stderr_tail"] = run.stderr[-2000:]
        console.print(f"  [red]{label}: exit {run.exit_code}, store {after}[/red]\n{run.stderr[-2000:]}")
    return result


# The same plan/extract/commit steps with the same worker pool, without Prefect: what the
# command would cost without its orchestration layer (a reference, not a product path).
NO_PREFECT_SCRIPT = (
    "import sys; from pathlib import Path; from jinzai.pipeline.ingest import ingest_paths; "
    "sys.exit(ingest_paths([Path(sys.argv[1])], Path(sys.argv[2])).exit_code)"
)


def prefect_api_boot(label: str, home: Path) -> dict[str, Any]:
    """Prefect's temporary API server alone: seconds and CPU until it answers its health check.

    The command Prefect itself runs for an ephemeral server (its app factory under uvicorn),
    with jinzai's Prefect settings: the floor every `jinzai ingest` with work waits for.
    """
    import socket

    import httpx
    from jinzai.pipeline.prefect_env import DEFAULTS

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (home / "prefect").mkdir(parents=True, exist_ok=True)
    env = {**cli_env(home), **DEFAULTS, "PREFECT_HOME": str(home / "prefect"), "PREFECT_UI_ENABLED": "0",
           "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    argv = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app", "--host",
            "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"]
    console.print(f"  [dim]{label}: Prefect API server alone[/dim]")
    load = os.getloadavg()[0]
    started = time.perf_counter()
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        with httpx.Client(timeout=2) as client:
            while not _healthy(client, f"http://127.0.0.1:{port}/api/health"):
                if server.poll() is not None or time.perf_counter() - started > RUN_TIMEOUT_SECONDS:
                    raise RuntimeError(f"Prefect's API did not start: {server.stderr.read()[-2000:]}")
                time.sleep(0.05)
        wall = time.perf_counter() - started
        times = psutil.Process(server.pid).cpu_times()
        rss = psutil.Process(server.pid).memory_info().rss
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"label": label, "healthy_after_s": wall, "cpu_s": times.user + times.system, "rss_mb": rss / MB,
            "load_at_start": load}


def _healthy(client: Any, url: str) -> bool:
    import httpx

    try:
        return client.get(url).status_code == 200
    except httpx.HTTPError:
        return False


def bench_prefect_api(work: Path) -> list[dict[str, Any]]:
    home = work / "api-home"
    return [prefect_api_boot("fresh Prefect home", home), prefect_api_boot("warm Prefect home", home)]


def bench_cli(data: Path, work: Path, corpus: Corpus) -> dict[str, Any]:
    home = work / "home"  # fresh: no Prefect database, no compiled user dictionary
    return {
        "cold_fresh_home": cli_run("cold, fresh Prefect home", data, work / "out-cold-fresh", home, corpus),
        "cold_warm_home": cli_run("cold, warm Prefect home", data, work / "out-cold-warm", home, corpus),
        "unchanged": cli_run("unchanged inputs (re-run)", data, work / "out-cold-warm", home, corpus),
        "no_prefect": cli_run("what-if: no Prefect (ingest_paths)", data, work / "out-no-prefect", home, corpus,
                              [sys.executable, "-c", NO_PREFECT_SCRIPT, str(data), str(work / "out-no-prefect")]),
    }


# ---------------------------------------------------------------- section: scaling


def bench_scaling(data: Path, work: Path, sizes: Iterable[int], cli: dict[str, Any] | None) -> list[dict[str, Any]]:
    home = work / "home"
    rows: list[dict[str, Any]] = []
    if cli is None:  # the home must be warm, as in cli's "second day" run: warm it first
        cli_run("warm-up (not reported)", data, work / "out-warmup", home, describe_corpus(data))
    largest = max(sizes)
    for copies in sizes:
        folder = work / f"corpus-x{copies}"
        corpus = replicate(data, folder, copies)
        console.print(f"  [dim]×{copies}: {corpus.files} files, {corpus.pages} pages[/dim]")
        runs = [(f"×{copies}", None)]
        if copies == largest:  # how much of the largest run is the orchestration's
            out = work / f"out-x{copies}-no-prefect"
            runs.append((f"×{copies} what-if: no Prefect",
                         [sys.executable, "-c", NO_PREFECT_SCRIPT, str(folder), str(out)]))
        for label, argv in runs:
            out = work / f"out-x{copies}" if argv is None else Path(argv[-1])
            row = cli_run(label, folder, out, home, corpus, argv)
            row["copies"] = copies
            row["what_if"] = argv is not None
            row["ok"] = row["ok"] and row["store"]["documents"] == corpus.files
            rows.append(row)
        shutil.rmtree(folder)
    return rows


# ---------------------------------------------------------------- in-process measurements (spawned)


def in_fresh_process(function: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run `function(*args)` in a newly spawned interpreter and return its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def floor_pass(data: str, repeats: int = FLOOR_REPEATS) -> dict[str, Any]:
    """PyMuPDF plain text of every page, nothing else (best of a few passes: it is quick)."""
    import pymupdf

    best: dict[str, Any] = {}
    for _ in range(repeats):
        clock = Clock()
        pages = 0
        for path in sorted(Path(data).rglob("*.pdf")):
            with pymupdf.open(path) as doc:
                for page in doc:
                    page.get_text()
                    pages += 1
        if not best or clock.cpu_s() < best["cpu_s"]:
            best = {**clock.read(), "pages": pages}
    return {**best, "repeats": repeats, "peak_rss_mb": _own_peak_rss_mb()}


def peer_pass(data: str) -> dict[str, Any]:
    """pdfplumber's own table extraction of every page, nothing else."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # a font warning per page otherwise

    clock = Clock()
    pages = tables = 0
    for path in sorted(Path(data).rglob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                tables += len(page.extract_tables())
                pages += 1
                page.close()
    return {**clock.read(), "pages": pages, "tables": tables, "peak_rss_mb": _own_peak_rss_mb()}


def pipeline_pass(data: str, out: str, profile: bool) -> dict[str, Any]:
    """The plain pipeline in this process: `ingest_paths(..., workers=1)` plans, extracts and
    commits every input one after the other, without Prefect.

    Module imports are done before the clock starts; models load lazily inside it, as
    they do in a worker.
    """
    started = time.perf_counter()
    import jinzai.extractors  # noqa: F401
    from jinzai.pipeline.ingest import ingest_paths

    import_s = time.perf_counter() - started
    profiler = cProfile.Profile() if profile else None
    clock = Clock()
    if profiler:
        profiler.enable()
    report = ingest_paths([Path(data)], Path(out), workers=1)
    if profiler:
        profiler.disable()
    result: dict[str, Any] = {
        **clock.read(),
        "import_s": import_s,
        "pages": report.pages,
        "documents": [{"source": Path(o.source).name, "pages": o.pages, "seconds": o.seconds, "status": o.status,
                       "message": o.message} for o in report.outcomes],
        "failed": len(report.of_status("failed")),
        "peak_rss_mb": _own_peak_rss_mb(),
    }
    if profiler:
        result.update(attribute_profile(pstats.Stats(profiler)))
    return result


class Clock:
    """Wall and CPU seconds of this process since it was made."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def cpu_s(self) -> float:
        return time.process_time() - self.cpu

    def read(self) -> dict[str, float]:
        return {"seconds": time.perf_counter() - self.wall, "cpu_s": self.cpu_s()}


def _own_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- profile attribution

Func = tuple[str, int, str]


def module_index() -> dict[str, str]:
    """{source file: module name} of every imported module."""
    index: dict[str, str] = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file:
            index[os.path.realpath(file)] = name
    return index


def anchor_stage(func: Func, modules: dict[str, str]) -> str | None:
    """The stage a function's own time belongs to, or None to pass it on to its callers."""
    file, _, name = func
    if name in PASS_THROUGH_FUNCTIONS:
        return None
    if name == "<module>" or file.startswith("<frozen importlib"):
        return IMPORTS  # a module's top-level code, wherever the import happens
    if file == "~":
        return next((stage for fragment, stage in BUILTIN_RULES if fragment in name), None)
    module = modules.get(os.path.realpath(file), "")
    for stage, prefixes in STAGE_RULES:
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return stage
    return None


def attribute_profile(stats: pstats.Stats) -> dict[str, Any]:
    """Exclusive time per stage, and the functions that cost most, from a cProfile run."""
    raw: dict[Func, tuple] = stats.stats  # type: ignore[attr-defined]
    modules = module_index()
    anchors = {func: anchor_stage(func, modules) for func in raw}
    memo: dict[Func, dict[str, float]] = {}
    on_path: set[Func] = set()  # callers already being followed: a cycle is not followed again

    def origin(func: Func) -> dict[str, float]:
        """Stage fractions of the time spent below `func`, found through its callers."""
        if anchors.get(func):
            return {anchors[func]: 1.0}
        if func not in memo:
            on_path.add(func)
            memo[func] = blend({c: v[3] for c, v in raw.get(func, (0, 0, 0, 0, {}))[4].items()})
            on_path.discard(func)
        return memo[func]

    def blend(weights: dict[Func, float]) -> dict[str, float]:
        weights = {c: w for c, w in weights.items() if c not in on_path}
        if not weights:  # a root of the call graph (or a cycle's way back)
            return {"other": 1.0}
        total = sum(weights.values())
        if total <= 0:  # too quick to time: every caller counts alike
            weights, total = dict.fromkeys(weights, 1.0), float(len(weights))
        mix: dict[str, float] = {}
        for caller, weight in weights.items():
            for stage, share in origin(caller).items():
                mix[stage] = mix.get(stage, 0.0) + share * weight / total
        return mix

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    seconds = dict.fromkeys(STAGES, 0.0)
    for func, (_, _, tottime, _, callers) in raw.items():
        if anchors[func]:
            mix = {anchors[func]: 1.0}
        else:  # its own time, split by how much of it each caller caused
            on_path.add(func)
            mix = blend({c: v[2] for c, v in callers.items()})
            on_path.discard(func)
        for stage, share in mix.items():
            seconds[stage] += tottime * share
    total = sum(seconds.values())
    return {
        "profiled_s": total,
        "stage_profiled_s": seconds,
        "top_self": top_functions(raw, anchors, modules, key=2, total=total, only_jinzai=False),
        "top_jinzai_cumulative": top_functions(raw, anchors, modules, key=3, total=total, only_jinzai=True),
    }


def top_functions(raw: dict[Func, tuple], anchors: dict[Func, str | None], modules: dict[str, str], *,
                  key: int, total: float, only_jinzai: bool, limit: int = 15) -> list[dict[str, Any]]:
    """The costliest functions by exclusive (key=2) or inclusive (key=3) time."""
    rows = []
    for func, values in raw.items():
        module = modules.get(os.path.realpath(func[0]), "")
        if only_jinzai and not module.startswith("jinzai."):
            continue
        builtin = func[0] == "~"
        rows.append({"function": func[2], "where": "builtin" if builtin else f"{_short_path(func[0])}:{func[1]}",
                     "module": module, "stage": anchors.get(func) or "via callers",
                     "calls": values[1], "seconds": values[key], "share": values[key] / total if total else 0.0})
    rows.sort(key=lambda r: -r["seconds"])
    if only_jinzai:  # the entry points contain everything: keep the informative ones
        rows = [r for r in rows if r["function"] not in ("extract_planned", "extract", "commit", "open_layout")
                or r["module"] == "jinzai.extractors.layout"]
    return rows[:limit]


def _short_path(file: str) -> str:
    path = Path(file)
    for root in (REPO, *(Path(p) for p in sys.path if p.endswith("site-packages"))):
        try:
            return str(path.relative_to(root))
        except ValueError:
            continue
    return file


def bench_stages(data: Path, work: Path) -> dict[str, Any]:
    console.print("  [dim]in-process pipeline, no profiler[/dim]")
    plain = in_fresh_process(pipeline_pass, str(data), str(work / "out-plain"), False)
    console.print("  [dim]in-process pipeline under cProfile[/dim]")
    profiled = in_fresh_process(pipeline_pass, str(data), str(work / "out-profiled"), True)
    shares = {s: v / profiled["profiled_s"] for s, v in profiled["stage_profiled_s"].items()} \
        if profiled["profiled_s"] else {}
    return {
        "method": STAGE_METHOD,
        "plain": plain,
        "profiled": profiled,
        "stages": [{"stage": s, "share": shares.get(s, 0.0), "seconds": shares.get(s, 0.0) * plain["seconds"],
                    "profiled_s": profiled["stage_profiled_s"][s]} for s in STAGES],
    }


# ---------------------------------------------------------------- section: refresh (the scheduled flow)


def refresh_pass(data: str, work: str) -> dict[str, Any]:
    """The scheduled refresh flow with Prefect's API already up (as a schedule finds it):
    a first run over a registry of the corpus, then an unchanged re-run, in one process.
    A deployment served by `jinzai serve` adds the start of a run process to both."""
    os.environ.update(cli_env(Path(work)))
    from jinzai.pipeline.prefect_env import temporary_api

    registry = Path(work) / "sources.yaml"
    registry.parent.mkdir(parents=True, exist_ok=True)
    entries = "".join(f"  - {{id: s{i}, url: '{pdf}'}}\n" for i, pdf in enumerate(sorted(Path(data).rglob("*.pdf"))))
    registry.write_text("sources:\n" + entries, encoding="utf-8")
    out = Path(work) / "out-refresh"
    with temporary_api() as api:
        from jinzai.flows.ingest import without_heartbeats
        from jinzai.flows.refresh import refresh_flow

        if api:
            api.wait_ready()
        timings = []
        for _ in range(2):
            before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
            started = time.perf_counter()
            with without_heartbeats():  # as `jinzai refresh` runs it against its own API
                result = refresh_flow(str(registry), str(out))
            timings.append(time.perf_counter() - started)
        rewrote = sum(1 for p in out.rglob("*.parquet") if before.get(p) != p.stat().st_mtime_ns)
    return {"first_s": timings[0], "rerun_s": timings[1], "rerun_share": timings[1] / timings[0],
            "rerun_wrote_files": rewrote, "rerun_ingested": sum(i["status"] == "ingested" for i in result["ingested"]),
            "sources": len(result["fetched"])}


def bench_refresh(data: Path, work: Path) -> dict[str, Any]:
    console.print("  [dim]refresh flow: first run, then unchanged re-run (API up)[/dim]")
    return in_fresh_process(refresh_pass, str(data), str(work / "refresh"))


def bench_reference(data: Path) -> dict[str, Any]:
    console.print("  [dim]floor: PyMuPDF get_text() per page[/dim]")
    floor = in_fresh_process(floor_pass, str(data))
    console.print("  [dim]peer: pdfplumber extract_tables() per page[/dim]")
    peer = in_fresh_process(peer_pass, str(data))
    return {"floor": floor, "peer": peer}


# ---------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "code": code_version(),
    }


def code_version() -> str:
    """The commit measured, marked when tracked files differ from it (None outside git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                                 capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} with uncommitted changes" if changed else head


def per_page_ms(measure: dict[str, Any], key: str = "cpu_s") -> float:
    return 1000 * measure[key] / measure["pages"] if measure.get("pages") else float("nan")


def ratios(results: dict[str, Any]) -> dict[str, Any]:
    """jinzai's per-page cost over each reference's, by CPU time (steadier than wall time on a
    shared machine; every one of them runs in one process) and, for comparison, by wall time."""
    stages, reference = results.get("stages"), results.get("reference")
    if not (stages and reference):
        return {}
    plain, floor, peer = stages["plain"], reference["floor"], reference["peer"]
    figures: dict[str, Any] = {"basis": "CPU seconds per page, single process each"}
    for key, suffix in (("cpu_s", ""), ("seconds", "_wall")):
        jinzai = per_page_ms(plain, key)
        figures |= {f"jinzai_ms_per_page{suffix}": jinzai, f"floor_ms_per_page{suffix}": per_page_ms(floor, key),
                    f"peer_ms_per_page{suffix}": per_page_ms(peer, key),
                    f"to_floor{suffix}": jinzai / per_page_ms(floor, key),
                    f"to_peer{suffix}": jinzai / per_page_ms(peer, key)}
    return figures


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []

    def check(name: str, measured: float, target: float, met: bool, note: str = "") -> None:
        checks.append({"target": name, "measured": measured, "limit": target, "met": met, "note": note})

    cli = results.get("cli") or {}
    for key in ("cold_fresh_home", "cold_warm_home"):
        if key in cli:
            check(f"{cli[key]['label']} < {TARGETS['cold_ingest_s']:g} s", cli[key]["wall_s"],
                  TARGETS["cold_ingest_s"], cli[key]["wall_s"] < TARGETS["cold_ingest_s"])
    if "unchanged" in cli:
        run = cli["unchanged"]
        check(f"unchanged re-run < {TARGETS['unchanged_s']:g} s (skips all)", run["wall_s"], TARGETS["unchanged_s"],
              run["wall_s"] < TARGETS["unchanged_s"] and run["ok"],
              "rewrote files" if run.get("rewrote_files") else "")
    scaling = results.get("scaling") or []
    if scaling:
        largest = max((r for r in scaling if not r.get("what_if")), key=lambda r: r["copies"])
        check(f"×{largest['copies']} throughput ≥ {TARGETS['throughput_pages_per_s']:g} pages/s",
              largest["pages_per_s"], TARGETS["throughput_pages_per_s"],
              largest["pages_per_s"] >= TARGETS["throughput_pages_per_s"],
              f"cores busy {largest['cores_busy']:.2f} of {os.cpu_count()}")
    runs = [*cli.values(), *scaling]
    if runs:
        peak = max(r["peak_tree_rss_mb"] for r in runs)
        check(f"peak RSS (process tree) < {TARGETS['peak_rss_mb']:g} MB", peak, TARGETS["peak_rss_mb"],
              peak < TARGETS["peak_rss_mb"])
    refresh = results.get("refresh")
    if refresh:
        check(f"refresh re-run (unchanged) < {TARGETS['refresh_rerun_share']:g} of the first run",
              refresh["rerun_share"], TARGETS["refresh_rerun_share"],
              refresh["rerun_share"] < TARGETS["refresh_rerun_share"] and refresh["rerun_wrote_files"] == 0,
              f"{refresh['first_s']:.2f} s then {refresh['rerun_s']:.2f} s; re-run rewrote "
              f"{refresh['rerun_wrote_files']} files")
    ratio = results.get("ratios") or {}
    if ratio:
        check(f"per-page cost ≤ {TARGETS['ratio_to_peer']:g}× pdfplumber extract_tables()", ratio["to_peer"],
              TARGETS["ratio_to_peer"], ratio["to_peer"] <= TARGETS["ratio_to_peer"])
    return checks


def print_report(results: dict[str, Any]) -> None:
    m = results["machine"]
    console.print(f"[bold]code[/bold] {m['code']}")
    console.print(f"[bold]machine[/bold] {m['cpu_count']} CPUs, {m['memory_gb']} GB, Python {m['python']}, "
                  f"{m['platform']}; load average at start {m['load_average_start']}, at end "
                  f"{m.get('load_average_end')} (other work on the machine makes wall times noisy; "
                  f"CPU seconds are steadier)")
    c = results["corpus"]
    console.print(f"[bold]corpus[/bold] {c['folder']}: {c['files']} PDFs, {c['pages']} pages, "
                  f"{c['bytes'] / MB:.1f} MB")
    cli = results.get("cli")
    if cli:
        table = _table("whole `jinzai ingest` (subprocess, as a user runs it)", "run", "wall s", "CPU s",
                       "CPU main/API/workers", "cores busy", "pages/s", "peak RSS tree MB", "max proc MB",
                       "load", "ok")
        for run in cli.values():
            table.add_row(run["label"], f"{run['wall_s']:.2f}", f"{run['cpu_s']:.1f}", _cpu_split(run),
                          f"{run['cores_busy']:.2f}", f"{run['pages_per_s']:.1f}",
                          f"{run['peak_tree_rss_mb']:.0f}", f"{run['max_process_rss_mb']:.0f}",
                          f"{run['load_at_start']:.1f}", _ok(run["ok"]))
        console.print(table)
    api = results.get("prefect_api")
    if api:
        table = _table("Prefect's temporary API server alone (what every ingest with work waits for)", "home",
                       "healthy after s", "CPU s", "RSS MB", "load")
        for row in api:
            table.add_row(row["label"], f"{row['healthy_after_s']:.2f}", f"{row['cpu_s']:.1f}",
                          f"{row['rss_mb']:.0f}", f"{row['load_at_start']:.1f}")
        console.print(table)
    stages = results.get("stages")
    if stages:
        plain = stages["plain"]
        table = _table(f"stages: in-process pipeline, 1 process, {plain['pages']} pages, {plain['seconds']:.2f} s "
                       f"unprofiled (imports {plain['import_s']:.2f} s before the clock), "
                       f"{stages['profiled']['profiled_s']:.2f} s profiled", "stage", "share", "≈ s", "profiled s")
        for row in sorted(stages["stages"], key=lambda r: -r["share"]):
            table.add_row(row["stage"], f"{100 * row['share']:.1f} %", f"{row['seconds']:.2f}",
                          f"{row['profiled_s']:.2f}")
        console.print(table)
        console.print(f"[dim]method: {stages['method']}[/dim]")
        table = _table("costliest functions, exclusive time (profiled)", "function", "where", "stage", "calls",
                       "s", "share")
        for row in stages["profiled"]["top_self"][:12]:
            table.add_row(row["function"], row["where"], row["stage"], str(row["calls"]), f"{row['seconds']:.2f}",
                          f"{100 * row['share']:.1f} %")
        console.print(table)
        table = _table("costliest jinzai functions, inclusive time (profiled)", "function", "where", "calls", "s",
                       "share")
        for row in stages["profiled"]["top_jinzai_cumulative"][:12]:
            table.add_row(row["function"], row["where"], str(row["calls"]), f"{row['seconds']:.2f}",
                          f"{100 * row['share']:.1f} %")
        console.print(table)
        table = _table("per document (unprofiled)", "document", "pages", "s", "pages/s", "status")
        for doc in plain["documents"]:
            table.add_row(doc["source"], str(doc["pages"]), f"{doc['seconds']:.2f}",
                          _num(doc["pages"] / doc["seconds"] if doc["seconds"] else None, "{:.1f}"), doc["status"])
        console.print(table)
    scaling = results.get("scaling")
    if scaling:
        table = _table("scaling: `jinzai ingest` of the corpus ×N into a fresh --out (warm Prefect home)", "run",
                       "files", "pages", "wall s", "pages/s", "CPU s", "CPU main/API/workers",
                       "CPU ms/page", "cores busy", "peak RSS tree MB", "max proc MB", "load", "ok")
        for row in scaling:
            table.add_row(row["label"], str(row["files"]), str(row["pages"]), f"{row['wall_s']:.1f}",
                          f"{row['pages_per_s']:.1f}", f"{row['cpu_s']:.1f}", _cpu_split(row),
                          f"{1000 * row['cpu_s'] / row['pages']:.0f}",
                          f"{row['cores_busy']:.2f}", f"{row['peak_tree_rss_mb']:.0f}",
                          f"{row['max_process_rss_mb']:.0f}", f"{row['load_at_start']:.1f}", _ok(row["ok"]))
        console.print(table)
    reference = results.get("reference")
    if reference:
        table = _table("reference points (1 process each; ratio by CPU time per page)", "what", "pages", "wall s",
                       "CPU s", "CPU ms/page", "pages/s (wall)", "jinzai ÷ this")
        r = results.get("ratios") or {}
        rows = [("jinzai in-process pipeline", stages["plain"], None)] if stages else []
        rows += [("floor: PyMuPDF get_text()", reference["floor"], "to_floor"),
                 ("peer: pdfplumber extract_tables()", reference["peer"], "to_peer")]
        for label, ref, ratio in rows:
            table.add_row(label, str(ref["pages"]), f"{ref['seconds']:.2f}", f"{ref['cpu_s']:.2f}",
                          f"{per_page_ms(ref):.1f}", f"{ref['pages'] / ref['seconds']:.1f}",
                          _num(r.get(ratio), "{:.2f}") if ratio else "1.00")
        console.print(table)
    checks = results.get("targets")
    if checks:
        table = _table("targets", "target", "measured", "met", "note")
        for chk in checks:
            table.add_row(chk["target"], f"{chk['measured']:.2f}", _ok(chk["met"]), chk["note"])
        console.print(table)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    return table


def _cpu_split(run: dict[str, Any]) -> str:
    """Sampled CPU seconds of the main process / Prefect's API server / forkserver and workers."""
    roles = run["cpu_by_role"]
    workers = roles.get("workers", 0.0) + roles.get("forkserver", 0.0)
    return f"{roles.get('main', 0.0):.1f} / {roles.get('Prefect API', 0.0):.1f} / {workers:.1f}"


def _num(value: float | None, fmt: str) -> str:
    return "—" if value is None else fmt.format(value)


def _ok(flag: bool) -> str:
    return "[green]yes[/green]" if flag else "[red]NO[/red]"


# ---------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of sample PDFs (default data/raw)")
    parser.add_argument("--quick", action="store_true", help="scaling at ×1 only")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="replication factors for scaling (default 1,4,16)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run, of {', '.join(SECTIONS)} (default all)")
    parser.add_argument("--json", type=Path, help="where to write the results (default bench/results/<UTC>.json)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders (corpora, outputs)")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    try:
        args.sizes = [1] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if any(n < 1 for n in args.sizes):
        parser.error("--sizes must be 1 or more")
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    data = args.data.resolve()
    corpus = describe_corpus(data)
    if not corpus.files:
        raise SystemExit(f"no PDF files under {data}")
    started = datetime.now(UTC)
    results: dict[str, Any] = {"started_at": started.isoformat(), "machine": machine(),
                               "corpus": {**asdict(corpus), "folder": str(corpus.folder)},
                               "sections": args.sections, "sizes": args.sizes}
    work = Path(tempfile.mkdtemp(prefix="jinzai-bench-"))
    try:
        if "reference" in args.sections:
            console.print("[bold]reference points[/bold]")
            results["reference"] = bench_reference(data)
        if "stages" in args.sections:
            console.print("[bold]stages[/bold]")
            results["stages"] = bench_stages(data, work)
        if "cli" in args.sections:
            console.print("[bold]whole jinzai ingest[/bold]")
            results["cli"] = bench_cli(data, work, corpus)
            results["prefect_api"] = bench_prefect_api(work)
        if "refresh" in args.sections:
            console.print("[bold]scheduled refresh flow[/bold]")
            results["refresh"] = bench_refresh(data, work)
        if "scaling" in args.sections:
            console.print("[bold]scaling[/bold]")
            results["scaling"] = bench_scaling(data, work, args.sizes, results.get("cli"))
    finally:
        if args.keep:
            console.print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["ratios"] = ratios(results)
    results["targets"] = check_targets(results)
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = (datetime.now(UTC) - started).total_seconds()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    print_report(results)
    path = args.json or RESULTS_DIR / f"{results['started_at'][:19].replace(':', '')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    console.print(f"results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
