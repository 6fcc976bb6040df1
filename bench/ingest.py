"""`jinzai ingest` as a user runs it: a subprocess, its whole process tree measured.

* cold, fresh home — a fresh `JINZAI_PREFECT_HOME` and cache: a machine's first run;
* cold, warm home — the same with that home now used (median of `repeats` runs, each
  into a fresh --out);
* unchanged — again on the same --out: must skip everything and rewrite no file;
* known-bad — the corpus plus one file that fails, on a copy of the cold output: once,
  then three re-runs that must skip the known failure like an unchanged file;
* Prefect flow — with `PREFECT_API_URL` set to a Prefect API server started for the
  purpose (first on a fresh home, which migrates its database): how long the server
  takes to answer, and the ingest as a flow run reporting to it.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import psutil

from bench.common import MB, console
from bench.corpus import Corpus, replicate, store_state, store_summary
from bench.measure import RUN_TIMEOUT_SECONDS, cli_env, jinzai_command, run_measured


def cli_run(label: str, data: Path, out: Path, home: Path, corpus: Corpus,
            extra_env: dict[str, str] | None = None, failures: int = 0, exit_code: int = 0,
            may_rewrite: tuple[str, ...] = ("failures/",), server: int | None = None) -> dict[str, Any]:
    """Run `jinzai ingest data --out out` and check its exit status and what it left in `out`: every
    document of the corpus, `failures` failure rows, and (on a re-run) no file rewritten but those
    under `may_rewrite`. The memory of the process `server` (a Prefect server the run reports to)
    is sampled with the run's."""
    argv = [str(jinzai_command()), "ingest", str(data), "--out", str(out)]
    console.print(f"  [dim]{label}: {' '.join(argv)}[/dim]")
    before = store_state(out) if out.exists() else {}
    run = run_measured(argv, {**cli_env(home), **(extra_env or {})}, also=[server] if server else [])
    after = store_summary(out)
    result = {
        "label": label,
        **{k: v for k, v in asdict(run).items() if k not in ("stdout", "stderr")},
        "cores_busy": run.cores_busy,
        "files": corpus.files,
        "pages": corpus.pages,
        "pages_per_s": corpus.pages / run.wall_s,
        "store": after,
        "ok": run.exit_code == exit_code and after["failures"] == failures and after["documents"] >= corpus.files,
    }
    if before:
        result["rewrote_files"] = sorted(k for k, v in store_state(out).items() if before.get(k) != v)
        result["ok"] = result["ok"] and not [f for f in result["rewrote_files"] if not f.startswith(may_rewrite)]
    if not result["ok"]:
        result["stderr_tail"] = run.stderr[-2000:]
        console.print(f"  [red]{label}: exit {run.exit_code}, store {after}[/red]\n{run.stderr[-2000:]}")
    return result


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median wall time, with every run's wall time beside it."""
    ordered = sorted(runs, key=lambda r: r["wall_s"])
    middle = ordered[(len(ordered) - 1) // 2]
    return {**middle, "label": f"{middle['label']} (median of {len(runs)})",
            "walls_s": [r["wall_s"] for r in runs], "median_wall_s": statistics.median(r["wall_s"] for r in runs),
            "ok": all(r["ok"] for r in runs)}


def bench_cli(data: Path, work: Path, corpus: Corpus, repeats: int) -> dict[str, Any]:
    home = work / "home"  # fresh: no Prefect database, no compiled user dictionary
    results = {"cold_fresh_home": cli_run("cold, fresh home", data, work / "out-cold-fresh", home, corpus)}
    results["cold_warm_home"] = median_run([
        cli_run("cold, warm home", data, work / f"out-cold-warm-{k}", home, corpus) for k in range(repeats)])
    results["unchanged"] = median_run([
        cli_run("unchanged inputs (re-run)", data, work / "out-cold-warm-0", home, corpus)
        for _ in range(max(3, repeats))])
    results |= known_bad_runs(data, work, home, corpus)
    return results


def known_bad_runs(data: Path, work: Path, home: Path, corpus: Corpus) -> dict[str, Any]:
    """The corpus plus a file that is not a PDF, into a copy of the cold run's output: the first run
    extracts (and fails) only that file; its unchanged re-runs (median of 3) must skip it, keep its
    failure row and rewrite nothing."""
    folder = work / "corpus-with-bad"
    shutil.copytree(data, folder)
    (folder / "not-a-pdf.pdf").write_text("<html>an error page saved as a PDF</html>\n", encoding="utf-8")
    out = work / "out-with-bad"
    shutil.copytree(work / "out-cold-warm-0", out)
    # the copies are the same bytes under new paths: documents records them as aliases, nothing else changes
    first = cli_run("a bad file added, first run", folder, out, home, corpus, failures=1, exit_code=1,
                    may_rewrite=("failures/", "documents/"))
    reruns = [cli_run("a bad file added, unchanged re-run", folder, out, home, corpus, failures=1) for _ in range(3)]
    for run in reruns:
        run["ok"] = run["ok"] and not run["rewrote_files"]
    return {"bad_first": first, "bad_rerun": median_run(reruns)}


# ---------------------------------------------------------------- Prefect flow mode


@contextmanager
def prefect_api(label: str, home: Path) -> Iterator[dict[str, Any]]:
    """A Prefect API server on a free port with its state in `home` (what a user runs as
    `prefect server start`): yields its start-up figures and `url`, stops it afterwards."""
    import httpx

    from jinzai.pipeline.prefect_env import DEFAULTS

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (home / "prefect").mkdir(parents=True, exist_ok=True)
    env = {**cli_env(home), **DEFAULTS, "PREFECT_HOME": str(home / "prefect"), "PREFECT_UI_ENABLED": "0"}
    argv = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app", "--host",
            "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"]
    console.print(f"  [dim]{label}: Prefect API server[/dim]")
    load = os.getloadavg()[0]
    started = time.perf_counter()
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/api"
    try:
        with httpx.Client(timeout=2) as client:
            while not _healthy(client, f"{url}/health"):
                if server.poll() is not None or time.perf_counter() - started > RUN_TIMEOUT_SECONDS:
                    raise RuntimeError(f"Prefect's API did not start: {server.stderr.read()[-2000:]}")
                time.sleep(0.05)
        process = psutil.Process(server.pid)
        times = process.cpu_times()
        yield {"label": label, "healthy_after_s": time.perf_counter() - started, "cpu_s": times.user + times.system,
               "rss_mb": process.memory_info().rss / MB, "load_at_start": load, "url": url, "pid": server.pid}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _healthy(client: Any, url: str) -> bool:
    import httpx

    try:
        return client.get(url).status_code == 200
    except httpx.HTTPError:
        return False


def bench_flow_mode(data: Path, work: Path, corpus: Corpus) -> dict[str, Any]:
    """Prefect's API alone (fresh, then warm home), and a cold ingest as a flow run reporting to it."""
    home = work / "api-home"
    with prefect_api("fresh Prefect home", home) as fresh:
        pass
    with prefect_api("warm Prefect home", home) as warm:
        server = warm.pop("pid")
        run = cli_run("cold, as a Prefect flow run (API up)", data, work / "out-flow", home, corpus,
                      {"PREFECT_API_URL": warm["url"]}, server=server)
        server_rss = psutil.Process(server).memory_info().rss / MB
    fresh.pop("pid")
    run["server_rss_mb"] = server_rss  # after the run
    run["peak_with_server_mb"] = run["peak_total_rss_mb"]  # tree and server, summed in each sample
    return {"api": [fresh, warm], "flow_run": run}


# ---------------------------------------------------------------- scaling


def bench_scaling(data: Path, work: Path, sizes: Iterable[int]) -> list[dict[str, Any]]:
    """`jinzai ingest` of the corpus replicated ×N into a fresh --out."""
    home = work / "home"
    rows: list[dict[str, Any]] = []
    for copies in sizes:
        folder = work / f"corpus-x{copies}"
        corpus = replicate(data, folder, copies)
        console.print(f"  [dim]×{copies}: {corpus.files} files, {corpus.pages} pages[/dim]")
        row = cli_run(f"×{copies}", folder, work / f"out-x{copies}", home, corpus)
        row["copies"] = copies
        row["ok"] = row["ok"] and row["store"]["documents"] == corpus.files
        rows.append(row)
        shutil.rmtree(folder)
    return rows
