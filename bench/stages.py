"""Stages: the plain in-process pipeline timed, then profiled with every function's time
attributed to a stage (PDF layout, tables, prose, normalization, validation, Parquet)."""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, console
from bench.measure import Clock, in_fresh_process, own_peak_rss_mb

STAGE_METHOD = (
    "cProfile of the single-process pipeline (ingest_paths with workers=1: plan, extract_planned, commit) "
    "on the corpus. "
    "Each function's exclusive time (tottime) goes to the stage of its module: "
    "jinzai.extractors.layout -> PDF open/layout; pdfplumber, pdfminer, jinzai.extractors.model.tables "
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
    ("table extraction", ("jinzai.extractors.model.tables", "pdfplumber", "pdfminer")),
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
        "peak_rss_mb": own_peak_rss_mb(),
    }
    if profiler:
        result.update(attribute_profile(pstats.Stats(profiler)))
    return result



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

