"""Fetching sources from a real HTTP server on 127.0.0.1 that each test scripts.

No network beyond loopback. Timeouts and backoff are tiny so the file runs fast.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from jinzai.pipeline.fetch import FetchResult, FetchState, backoff_delay, fetch_all, fetch_source
from jinzai.pipeline.sources import Source

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PDF_A = (RAW / "tarumizu.pdf").read_bytes()
PDF_B = (RAW / "kunisaki.pdf").read_bytes()
HTML_ERROR_PAGE = ("<!DOCTYPE html><html><head><title>ページが見つかりません</title></head>"
                   "<body>お探しのページは移動しました</body></html>").encode()
LAST_MODIFIED = "Tue, 01 Apr 2025 00:00:00 GMT"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Reply:
    """What the scripted server answers. By default Content-Length is the body's length."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    declared_length: int | None = None  # a lying Content-Length when set
    send_length: bool = True  # False: the body ends when the connection closes
    delay: float = 0.0


Route = Callable[[Message], Reply]


@dataclass
class Server:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    request_headers: list[dict[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def source(self, path: str, source_id: str = "doc") -> Source:
        return Source(id=source_id, url=self.url(path))


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            server.hits[self.path] += 1
            server.request_headers.append(dict(self.headers))
            route = server.routes.get(self.path)
            reply = route(self.headers) if route else Reply(404, b"not found")
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.send_length:
                    length = reply.declared_length if reply.declared_length is not None else len(reply.body)
                    self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first (the timeout tests)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    scripted = Server(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(scripted))
    httpd.daemon_threads = True
    scripted.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield scripted
    httpd.shutdown()
    httpd.server_close()


def pdf(body: bytes, etag: str | None = None, last_modified: str | None = None) -> Route:
    """Serve a PDF with validators, answering 304 when the client's copy is current."""
    def route(request: Message) -> Reply:
        if etag and request.get("If-None-Match") == etag:
            return Reply(304, send_length=False)
        if last_modified and not etag and request.get("If-Modified-Since") == last_modified:
            return Reply(304, send_length=False)
        headers = {"Content-Type": "application/pdf"}
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        return Reply(200, body, headers)
    return route


def sequence(*routes: Route) -> Route:
    """Answer the n-th request with the n-th route (the last one repeats)."""
    calls = iter(range(10**6))

    def route(request: Message) -> Reply:
        return routes[min(next(calls), len(routes) - 1)](request)
    return route


def fixed(reply: Reply) -> Route:
    return lambda request: reply


@pytest.fixture
def state(tmp_path: Path) -> FetchState:
    return FetchState(tmp_path / "_state" / "fetch.json")


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def fetch(source: Source, cache: Path, state: FetchState, **options: float) -> FetchResult:
    options = {"retries": 2, "backoff": 0.0, "timeout": 5.0, **options}
    return fetch_source(source, cache, state=state, **options)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.exists() else []


# ---------------------------------------------------------------- success paths


def test_first_fetch_downloads_the_pdf_and_records_its_validators(server, cache, state) -> None:
    server.routes["/a.pdf"] = pdf(PDF_A, etag='"a1"', last_modified=LAST_MODIFIED)
    result = fetch(server.source("/a.pdf", "tarumizu"), cache, state)
    assert (result.status, result.http_status, result.attempts, result.failure) == ("changed", 200, 1, None)
    assert result.path == cache / "tarumizu.pdf"
    assert result.path.read_bytes() == PDF_A
    assert result.sha256 == sha256(PDF_A)
    assert leftovers(cache) == []
    assert "If-None-Match" not in server.request_headers[0]

    state.save()
    saved = json.loads(state.path.read_text(encoding="utf-8"))["sources"]["tarumizu"]
    assert saved["url"] == server.url("/a.pdf")
    assert (saved["etag"], saved["last_modified"]) == ('"a1"', LAST_MODIFIED)
    assert (saved["sha256"], saved["size"]) == (sha256(PDF_A), len(PDF_A))
    assert saved["fetched_at"]


def test_unchanged_file_is_a_304_and_the_copy_is_not_rewritten(server, cache, state) -> None:
    server.routes["/a.pdf"] = pdf(PDF_A, etag='"a1"', last_modified=LAST_MODIFIED)
    source = server.source("/a.pdf")
    fetch(source, cache, state)
    os.utime(cache / "doc.pdf", (1_000_000, 1_000_000))

    result = fetch(source, cache, state)
    assert (result.status, result.http_status, result.path) == ("unchanged", 304, cache / "doc.pdf")
    assert result.sha256 == sha256(PDF_A)
    assert server.request_headers[1]["If-None-Match"] == '"a1"'
    assert server.request_headers[1]["If-Modified-Since"] == LAST_MODIFIED
    assert (cache / "doc.pdf").stat().st_mtime == 1_000_000
    assert state.get("doc").sha256 == sha256(PDF_A)


def test_last_modified_alone_makes_the_request_conditional(server, cache, state) -> None:
    server.routes["/a.pdf"] = pdf(PDF_A, last_modified=LAST_MODIFIED)
    source = server.source("/a.pdf")
    fetch(source, cache, state)
    result = fetch(source, cache, state)
    assert (result.status, result.http_status) == ("unchanged", 304)
    assert "If-None-Match" not in server.request_headers[1]


def test_changed_file_replaces_the_cached_copy(server, cache, state) -> None:
    server.routes["/a.pdf"] = sequence(pdf(PDF_A, etag='"a1"'), pdf(PDF_B, etag='"b2"'))
    source = server.source("/a.pdf")
    fetch(source, cache, state)
    result = fetch(source, cache, state)
    assert (result.status, result.http_status, result.sha256) == ("changed", 200, sha256(PDF_B))
    assert (cache / "doc.pdf").read_bytes() == PDF_B
    assert state.get("doc").etag == '"b2"'
    assert leftovers(cache) == []


def test_same_bytes_served_again_with_200_are_unchanged(server, cache, state) -> None:
    server.routes["/a.pdf"] = pdf(PDF_A)  # no validators: every answer is a full 200
    source = server.source("/a.pdf")
    fetch(source, cache, state)
    os.utime(cache / "doc.pdf", (1_000_000, 1_000_000))
    result = fetch(source, cache, state)
    assert (result.status, result.http_status, result.sha256) == ("unchanged", 200, sha256(PDF_A))
    assert (cache / "doc.pdf").stat().st_mtime == 1_000_000  # identical bytes are not rewritten
    assert leftovers(cache) == []


def test_validators_are_not_sent_once_the_cached_copy_is_gone(server, cache, state) -> None:
    server.routes["/a.pdf"] = pdf(PDF_A, etag='"a1"')
    source = server.source("/a.pdf")
    fetch(source, cache, state)
    (cache / "doc.pdf").unlink()
    result = fetch(source, cache, state)
    assert "If-None-Match" not in server.request_headers[1]
    assert (result.status, result.http_status) == ("unchanged", 200)  # same bytes as last time
    assert (cache / "doc.pdf").read_bytes() == PDF_A


def test_validators_are_not_sent_after_the_url_changed(server, cache, state) -> None:
    server.routes["/old.pdf"] = pdf(PDF_A, etag='"a1"')
    server.routes["/new.pdf"] = pdf(PDF_B, etag='"a1"')  # same tag, different server path
    fetch(server.source("/old.pdf"), cache, state)
    result = fetch(server.source("/new.pdf"), cache, state)
    assert "If-None-Match" not in server.request_headers[1]
    assert (result.status, result.sha256) == ("changed", sha256(PDF_B))
    assert state.get("doc").url == server.url("/new.pdf")


def test_redirect_to_the_pdf_is_followed(server, cache, state) -> None:
    server.routes["/moved.pdf"] = fixed(Reply(301, headers={"Location": "/a.pdf"}))
    server.routes["/a.pdf"] = pdf(PDF_A)
    result = fetch(server.source("/moved.pdf"), cache, state)
    assert (result.status, result.sha256) == ("changed", sha256(PDF_A))


# ---------------------------------------------------------------- HTTP errors and retries


def test_404_fails_at_once_naming_the_url(server, cache, state) -> None:
    result = fetch(server.source("/missing.pdf"), cache, state)
    assert (result.status, result.http_status, result.attempts, result.path) == ("failed", 404, 1, None)
    assert server.hits["/missing.pdf"] == 1
    failure = result.failure
    assert (failure.error_kind, failure.source, failure.sha256) == ("fetch", server.url("/missing.pdf"), None)
    assert failure.message.startswith(f"doc: {server.url('/missing.pdf')}: HTTP 404 Not Found")
    assert "update the registry" in failure.message
    assert "\n" not in failure.message
    assert state.get("doc") is None
    assert not (cache / "doc.pdf").exists()


def test_403_is_not_retried_and_says_access_is_refused(server, cache, state) -> None:
    server.routes["/a.pdf"] = fixed(Reply(403, b"forbidden"))
    result = fetch(server.source("/a.pdf"), cache, state)
    assert (result.attempts, server.hits["/a.pdf"]) == (1, 1)
    assert "HTTP 403 Forbidden" in result.failure.message and "refuses access" in result.failure.message


@pytest.mark.parametrize("status", [500, 503, 429])
def test_server_error_that_recovers_on_the_second_attempt(server, cache, state, status: int) -> None:
    server.routes["/a.pdf"] = sequence(fixed(Reply(status, b"busy")), pdf(PDF_A, etag='"a1"'))
    result = fetch(server.source("/a.pdf"), cache, state)
    assert (result.status, result.attempts, result.http_status) == ("changed", 2, 200)
    assert server.hits["/a.pdf"] == 2
    assert (cache / "doc.pdf").read_bytes() == PDF_A


def test_persistent_server_error_gives_up_after_the_retries(server, cache, state) -> None:
    server.routes["/a.pdf"] = fixed(Reply(500, b"oops"))
    result = fetch(server.source("/a.pdf"), cache, state, retries=2)
    assert (result.status, result.attempts, result.http_status) == ("failed", 3, 500)
    assert server.hits["/a.pdf"] == 3
    assert result.failure.error_kind == "fetch"
    assert "HTTP 500 Internal Server Error (gave up after 3 attempts)" in result.failure.message
    assert "try again later" in result.failure.message


def test_slow_server_times_out_and_is_retried(server, cache, state) -> None:
    server.routes["/slow.pdf"] = fixed(Reply(200, PDF_A, delay=0.5))
    started = time.monotonic()
    result = fetch(server.source("/slow.pdf"), cache, state, timeout=0.05, retries=1)
    assert time.monotonic() - started < 0.45  # gave up on each attempt well before the answer
    assert (result.status, result.attempts, result.http_status) == ("failed", 2, None)
    assert result.failure.error_kind == "fetch"
    assert "no answer within 0.05 s" in result.failure.message


def test_closed_port_is_a_connection_failure(cache, state) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = fetch(Source(id="doc", url=f"http://127.0.0.1:{port}/a.pdf"), cache, state, retries=1)
    assert (result.status, result.attempts) == ("failed", 2)
    assert result.failure.error_kind == "fetch"
    assert "connection failed (ConnectError" in result.failure.message
    assert "check the host name" in result.failure.message


def test_backoff_doubles_after_each_attempt() -> None:
    assert [backoff_delay(0.5, attempt) for attempt in (1, 2, 3)] == [0.5, 1.0, 2.0]


# ---------------------------------------------------------------- bodies that are not a good PDF


def test_html_error_page_served_with_200_is_not_a_pdf_and_keeps_the_old_copy(server, cache, state) -> None:
    source = server.source("/a.pdf")
    server.routes["/a.pdf"] = pdf(PDF_A, etag='"a1"')
    fetch(source, cache, state)
    # The site is redesigned: the old address now answers 200 with a web page.
    server.routes["/a.pdf"] = fixed(Reply(200, HTML_ERROR_PAGE, {"Content-Type": "text/html; charset=utf-8"}))

    result = fetch(source, cache, state)
    assert (result.status, result.http_status, result.attempts) == ("failed", 200, 1)
    assert result.failure.error_kind == "not_pdf"
    assert result.failure.sha256 == sha256(HTML_ERROR_PAGE)
    assert "an HTML page" in result.failure.message
    assert "check that the link points at the PDF" in result.failure.message
    assert (cache / "doc.pdf").read_bytes() == PDF_A  # the good copy survives
    assert state.get("doc").sha256 == sha256(PDF_A)
    assert leftovers(cache) == []


def test_body_cut_short_of_its_content_length_is_retried_then_corrupt(server, cache, state) -> None:
    server.routes["/a.pdf"] = fixed(Reply(200, PDF_A[:100_000], declared_length=len(PDF_A)))
    result = fetch(server.source("/a.pdf"), cache, state, retries=1)
    assert (result.status, result.attempts, result.http_status) == ("failed", 2, 200)
    assert server.hits["/a.pdf"] == 2
    assert result.failure.error_kind == "corrupt"
    assert f"download cut short after 100,000 of {len(PDF_A):,} bytes (gave up after 2 attempts)" in result.failure.message
    assert "closed the connection before the whole file arrived" in result.failure.message
    assert not (cache / "doc.pdf").exists()
    assert leftovers(cache) == []


def test_truncated_pdf_without_content_length_is_corrupt(server, cache, state) -> None:
    server.routes["/a.pdf"] = fixed(Reply(200, PDF_A[: len(PDF_A) // 2], send_length=False))
    result = fetch(server.source("/a.pdf"), cache, state)
    assert (result.status, result.attempts, result.http_status) == ("failed", 1, 200)
    assert result.failure.error_kind == "corrupt"
    assert "truncated PDF (no %%EOF marker at the end)" in result.failure.message
    assert not (cache / "doc.pdf").exists()


def test_empty_body_is_an_empty_file(server, cache, state) -> None:
    server.routes["/a.pdf"] = fixed(Reply(200, b""))
    result = fetch(server.source("/a.pdf"), cache, state)
    assert result.failure.error_kind == "empty"


def test_announced_size_over_the_limit_is_refused_before_downloading(server, cache, state) -> None:
    server.routes["/a.pdf"] = pdf(PDF_A)
    result = fetch(server.source("/a.pdf"), cache, state, max_bytes=100_000)
    assert (result.status, result.attempts, result.http_status) == ("failed", 1, 200)
    assert result.failure.error_kind == "too_large"
    assert f"announces {len(PDF_A):,} bytes, over the 100,000-byte limit" in result.failure.message
    assert leftovers(cache) == []


def test_body_over_the_limit_is_aborted_while_streaming(server, cache, state) -> None:
    server.routes["/a.pdf"] = fixed(Reply(200, PDF_A, send_length=False))
    result = fetch(server.source("/a.pdf"), cache, state, max_bytes=100_000)
    assert (result.status, result.attempts) == ("failed", 1)
    assert result.failure.error_kind == "too_large"
    assert "passed the 100,000-byte limit" in result.failure.message
    assert not (cache / "doc.pdf").exists()
    assert leftovers(cache) == []


# ---------------------------------------------------------------- local sources


def test_local_source_is_hashed_in_place_and_not_copied(tmp_path: Path, cache, state) -> None:
    local = tmp_path / "policy.pdf"
    local.write_bytes(PDF_A)
    source = Source(id="local", url=str(local))
    first = fetch(source, cache, state)
    again = fetch(source, cache, state)
    local.write_bytes(PDF_B)
    revised = fetch(source, cache, state)
    assert [r.status for r in (first, again, revised)] == ["changed", "unchanged", "changed"]
    assert first.path == local and revised.sha256 == sha256(PDF_B)
    assert (first.http_status, first.attempts) == (None, 1)
    assert not cache.exists()
    assert state.get("local").sha256 == sha256(PDF_B)


def test_missing_local_file_is_a_fetch_failure(tmp_path: Path, cache, state) -> None:
    missing = tmp_path / "gone.pdf"
    result = fetch(Source(id="local", url=str(missing)), cache, state)
    assert (result.status, result.failure.error_kind, result.failure.source) == ("failed", "fetch", str(missing))
    assert result.failure.message == f"local: {missing}: file not found — fix the path in the registry or restore the file"


def test_local_folder_instead_of_a_file_is_a_fetch_failure(tmp_path: Path, cache, state) -> None:
    result = fetch(Source(id="local", url=str(tmp_path)), cache, state)
    assert result.failure.error_kind == "fetch"
    assert "cannot read the file" in result.failure.message


def test_local_file_that_is_not_a_pdf(tmp_path: Path, cache, state) -> None:
    page = tmp_path / "saved.pdf"
    page.write_bytes(HTML_ERROR_PAGE)
    result = fetch(Source(id="local", url=str(page)), cache, state)
    assert (result.failure.error_kind, result.failure.sha256) == ("not_pdf", sha256(HTML_ERROR_PAGE))
    assert state.get("local") is None


# ---------------------------------------------------------------- fetch_all and the state file


def test_fetch_all_reports_every_source_in_order_and_saves_the_state(server, cache, state) -> None:
    server.routes["/a.pdf"] = pdf(PDF_A, etag='"a1"')
    server.routes["/b.pdf"] = pdf(PDF_B, etag='"b1"')
    sources = [server.source("/a.pdf", "a"), server.source("/gone.pdf", "gone"), server.source("/b.pdf", "b")]
    results = fetch_all(sources, cache, state=state, retries=0, backoff=0.0)
    assert [(r.source_id, r.status) for r in results] == [("a", "changed"), ("gone", "failed"), ("b", "changed")]
    saved = json.loads(state.path.read_text(encoding="utf-8"))
    assert saved["version"] == 1
    assert set(saved["sources"]) == {"a", "b"}

    reloaded = FetchState(state.path)
    again = fetch_all(sources, cache, state=reloaded, retries=0, backoff=0.0)
    assert [(r.source_id, r.status, r.http_status) for r in again] == [
        ("a", "unchanged", 304), ("gone", "failed", 404), ("b", "unchanged", 304)]
    assert leftovers(state.path.parent) == []


def test_unreadable_state_file_starts_empty(tmp_path: Path, caplog) -> None:
    path = tmp_path / "fetch.json"
    path.write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        state = FetchState(path)
    assert state.get("anything") is None
    assert "unreadable" in caplog.text
