"""Fetching tracked sources: conditional downloads into a cache, with retries and limits.

`fetch_source` brings one registry `Source` up to date and says whether its
bytes changed since the last successful fetch:

- an http(s) source is downloaded with a conditional GET (If-None-Match /
  If-Modified-Since from the stored `FetchState`); 304 leaves the cached copy
  alone. A 200 body is streamed to a temporary file under the size limit,
  checked to be a complete PDF, hashed, and moved atomically to
  ``<cache_dir>/<source id>.pdf``, so a failed download never replaces a good copy.
- a local source is not copied: it is hashed in place and checked to be a PDF.

Connection errors, timeouts, cut-short bodies and 5xx/408/429 answers are retried
with exponential backoff; other 4xx answers are not. Every way a source can fail
becomes a `failures` row (`jinzai.models.Failure`) in the result, never an exception.

`fetch_source` only records what it saw in the `FetchState`; `fetch_all` saves
the state when it is done (call `FetchState.save()` yourself when using
`fetch_source` directly).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Literal

import httpx
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from jinzai.extractors.errors import CorruptPdf, DocumentError, TooLarge
from jinzai.extractors.layout import check_pdf_bytes
from jinzai.models import Failure
from jinzai.pipeline.sources import Source

log = logging.getLogger(__name__)

FetchStatus = Literal["changed", "unchanged", "failed"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 100 * 2**20
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 0.5

USER_AGENT = "jinzai/0.1 (corpus of municipal digital-talent policy PDFs)"
RETRYABLE_STATUS = frozenset({408, 429})  # plus every 5xx
_CHUNK_SIZE = 64 * 1024
_ENDS_SIZE = 1024  # check_pdf_bytes looks for %PDF- and %%EOF within this many bytes
_STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What fetching one source did.

    `path` is the PDF to ingest (the cached copy, or the local file itself) for
    changed and unchanged sources, None when the fetch failed. `http_status` is
    the last HTTP status seen (None for local sources, connection errors and timeouts).
    """

    source_id: str
    url: str
    status: FetchStatus
    path: Path | None = None
    sha256: str | None = None
    failure: Failure | None = None
    http_status: int | None = None
    attempts: int = 1


class SourceState(BaseModel):
    """What the last successful fetch of one source saw."""

    model_config = ConfigDict(frozen=True)

    url: str
    sha256: str
    size: int
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime


_STATE_ENTRIES = TypeAdapter(dict[str, SourceState])


class FetchState:
    """Per-source validators and hashes, kept as JSON at `path` between runs.

    Safe to share between threads. A missing file is an empty state; an
    unreadable one is logged and treated as empty (the next fetch re-downloads,
    which costs time but loses nothing).
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._entries = _read_state_file(self.path)
        self._lock = threading.Lock()

    def get(self, source_id: str) -> SourceState | None:
        with self._lock:
            return self._entries.get(source_id)

    def record(self, source_id: str, entry: SourceState) -> None:
        with self._lock:
            self._entries[source_id] = entry

    def save(self) -> None:
        """Write the state atomically (temporary file + rename)."""
        with self._lock:
            payload = {
                "version": _STATE_VERSION,
                "sources": {key: entry.model_dump(mode="json") for key, entry in sorted(self._entries.items())},
            }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _temporary_file(self.path.parent, prefix=f".{self.path.name}.") as (handle, temp):
            handle.write(json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))
            handle.close()
            os.replace(temp, self.path)


def _read_state_file(path: Path) -> dict[str, SourceState]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        return dict(_STATE_ENTRIES.validate_python(payload["sources"]))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, ValidationError) as exc:
        log.warning("fetch state %s is unreadable (%s); starting from an empty state", path, exc)
        return {}


class FetchError(DocumentError):
    """A source that could not be downloaded (failures.error_kind `fetch`)."""

    kind = "fetch"

    def __init__(self, source: str, detail: str, advice: str, *, retryable: bool = False,
                 http_status: int | None = None):
        self.advice = advice
        self.retryable = retryable
        self.http_status = http_status
        super().__init__(source, detail)


class TruncatedDownload(CorruptPdf):
    """The connection closed before the whole body arrived; worth another try."""

    advice = "the server closed the connection before the whole file arrived; try again later"
    retryable = True


def fetch_source(
    source: Source,
    cache_dir: Path | str,
    *,
    state: FetchState,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    client: httpx.Client | None = None,
) -> FetchResult:
    """Bring one source up to date; never raises for a bad source or server."""
    if not source.is_remote:
        return _fetch_local(source, state)
    limits = _Limits(timeout=timeout, max_bytes=max_bytes, retries=retries, backoff=backoff)
    if client is not None:
        return _fetch_remote(source, Path(cache_dir), state, limits, client)
    with new_client(timeout) as own_client:
        return _fetch_remote(source, Path(cache_dir), state, limits, own_client)


def fetch_all(
    sources: Iterable[Source],
    cache_dir: Path | str,
    *,
    state: FetchState,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    client: httpx.Client | None = None,
) -> list[FetchResult]:
    """Fetch every source in order with one HTTP client, then save the state."""
    own_client = client is None
    http = new_client(timeout) if client is None else client
    try:
        return [
            fetch_source(source, cache_dir, state=state, timeout=timeout, max_bytes=max_bytes,
                         retries=retries, backoff=backoff, client=http)
            for source in sources
        ]
    finally:
        state.save()
        if own_client:
            http.close()


def new_client(timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    """The HTTP client jinzai fetches with (redirects followed, its own User-Agent)."""
    return httpx.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT})


def backoff_delay(backoff: float, attempt: int) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based): doubling each time."""
    return backoff * 2 ** (attempt - 1)


@dataclass(frozen=True, slots=True)
class _Limits:
    timeout: float
    max_bytes: int
    retries: int
    backoff: float


class _Digest:
    """sha256, size and the first/last bytes of a body, built chunk by chunk."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.size = 0
        self.head = b""
        self.tail = b""

    def update(self, chunk: bytes) -> None:
        self._hash.update(chunk)
        self.size += len(chunk)
        if len(self.head) < _ENDS_SIZE:
            self.head = (self.head + chunk)[:_ENDS_SIZE]
        self.tail = (self.tail + chunk)[-_ENDS_SIZE:]

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def check_pdf(self, source: str) -> None:
        check_pdf_bytes(source, self.head, self.tail, self.size)


@dataclass(frozen=True, slots=True)
class _Response:
    status: int
    etag: str | None
    last_modified: str | None
    body: Path | None = None
    digest: _Digest | None = None


# ---------------------------------------------------------------- local files


def _fetch_local(source: Source, state: FetchState) -> FetchResult:
    path = source.local_path
    assert path is not None  # a non-remote source always has one
    digest = _Digest()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK_SIZE):
                digest.update(chunk)
        digest.check_pdf(str(path))
    except FileNotFoundError:
        error = FetchError(str(path), "file not found", "fix the path in the registry or restore the file")
        return _failed(source, error, attempts=1)
    except OSError as exc:
        error = FetchError(str(path), f"cannot read the file ({exc.strerror or exc})",
                           "check that the registry points at a readable PDF file")
        return _failed(source, error, attempts=1)
    except DocumentError as exc:
        return _failed(source, exc, attempts=1, sha256=digest.sha256)
    previous = state.get(source.id)
    state.record(source.id, SourceState(url=source.url, sha256=digest.sha256, size=digest.size,
                                        fetched_at=_now()))
    status: FetchStatus = "unchanged" if previous and previous.sha256 == digest.sha256 else "changed"
    return FetchResult(source_id=source.id, url=source.url, status=status, path=path, sha256=digest.sha256)


# ---------------------------------------------------------------- HTTP(S)


def _fetch_remote(source: Source, cache_dir: Path, state: FetchState, limits: _Limits,
                  client: httpx.Client) -> FetchResult:
    target = cache_dir / f"{source.id}.pdf"
    previous = state.get(source.id)
    headers = _conditional_headers(source, previous, target)
    attempts = 0
    while True:
        attempts += 1
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            response = _get(client, source, headers, cache_dir, limits)
            break
        except DocumentError as exc:
            if getattr(exc, "retryable", False) and attempts <= limits.retries:
                time.sleep(backoff_delay(limits.backoff, attempts))
                continue
            return _failed(source, exc, attempts=attempts, http_status=getattr(exc, "http_status", None))
        except OSError as exc:
            error = FetchError(str(cache_dir), f"cannot write the cache ({exc.strerror or exc})",
                               "check free disk space and permissions of the cache folder")
            return _failed(source, error, attempts=attempts)
    if response.status == 304:
        return _not_modified(source, previous, target, response, state, attempts)
    return _store_body(source, previous, target, response, state, attempts)


def _conditional_headers(source: Source, previous: SourceState | None, target: Path) -> dict[str, str]:
    # Validators are only worth sending while the copy they describe is still cached
    # and was downloaded from the same address.
    if previous is None or previous.url != source.url or not target.exists():
        return {}
    headers = {}
    if previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    return headers


def _get(client: httpx.Client, source: Source, headers: dict[str, str], cache_dir: Path,
         limits: _Limits) -> _Response:
    """One GET: a 304, or a 200 body streamed to a temporary file in `cache_dir`."""
    url = source.url
    try:
        with client.stream("GET", url, headers=headers, timeout=limits.timeout,
                           follow_redirects=True) as response:
            etag, last_modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
            if response.status_code == 304:
                return _Response(304, etag, last_modified)
            if response.status_code != 200:
                raise _status_error(url, response.status_code, response.reason_phrase)
            try:
                _refuse_declared_oversize(url, response, limits.max_bytes)
                body, digest = _stream_to_temp(url, response, cache_dir, limits.max_bytes)
            except DocumentError as exc:
                exc.http_status = response.status_code  # the answer was a 200 whose body failed
                raise
            return _Response(200, etag, last_modified, body, digest)
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"no answer within {limits.timeout:g} s ({type(exc).__name__})",
                         "the server is slow or down; try again later or raise the timeout",
                         retryable=True) from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL, httpx.TooManyRedirects, httpx.DecodingError) as exc:
        raise FetchError(url, f"cannot be downloaded ({exc})", "check the URL in the registry") from exc
    except httpx.TransportError as exc:
        raise FetchError(url, f"connection failed ({type(exc).__name__}: {exc})",
                         "check the host name in the registry and the network; try again later",
                         retryable=True) from exc


def _status_error(url: str, status: int, reason: str) -> FetchError:
    detail = f"HTTP {status} {reason}".strip()
    if status >= 500 or status in RETRYABLE_STATUS:
        advice, retryable = "the server is failing or overloaded; try again later", True
    elif status in (404, 410):
        advice, retryable = "the document is gone or has moved; find its current address and update the registry", False
    elif status in (401, 403):
        advice, retryable = "the server refuses access; open the URL in a browser to see what it requires", False
    else:
        advice, retryable = "check the URL in the registry", False
    return FetchError(url, detail, advice, retryable=retryable, http_status=status)


def _refuse_declared_oversize(url: str, response: httpx.Response, max_bytes: int) -> None:
    declared = _declared_length(response)
    if declared is not None and declared > max_bytes:
        raise TooLarge(url, f"the server announces {declared:,} bytes, over the {max_bytes:,}-byte limit")


def _declared_length(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


def _stream_to_temp(url: str, response: httpx.Response, cache_dir: Path,
                    max_bytes: int) -> tuple[Path, _Digest]:
    """Write the body to a temporary file, enforcing the limit while it streams."""
    digest = _Digest()
    with _temporary_file(cache_dir, prefix=".download.", keep=True) as (handle, temp):
        try:
            for chunk in response.iter_bytes(_CHUNK_SIZE):
                digest.update(chunk)
                if digest.size > max_bytes:
                    raise TooLarge(url, f"the download passed the {max_bytes:,}-byte limit")
                handle.write(chunk)
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            declared = _declared_length(response)
            of = f" of {declared:,}" if declared is not None else ""
            raise TruncatedDownload(url, f"download cut short after {response.num_bytes_downloaded:,}{of} bytes") from exc
        return temp, digest


@contextmanager
def _temporary_file(folder: Path, *, prefix: str, keep: bool = False) -> Iterator[tuple[IO[bytes], Path]]:
    """An open temporary file in `folder` (same file system, so os.replace is atomic).

    It is removed if the block fails; also if it succeeds unless `keep` is set,
    or unless the block has already moved it away.
    """
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix=prefix, suffix=".part", delete=False)
    temp = Path(handle.name)
    try:
        with handle:
            yield handle, temp
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if not keep:
        temp.unlink(missing_ok=True)


def _not_modified(source: Source, previous: SourceState | None, target: Path, response: _Response,
                  state: FetchState, attempts: int) -> FetchResult:
    if previous is None or not target.exists():
        error = FetchError(source.url, "the server answered 304 Not Modified but no copy is cached",
                           "delete the fetch state file and fetch again", http_status=304)
        return _failed(source, error, attempts=attempts, http_status=304)
    state.record(source.id, previous.model_copy(update={
        "etag": response.etag or previous.etag,
        "last_modified": response.last_modified or previous.last_modified,
        "fetched_at": _now(),
    }))
    return FetchResult(source_id=source.id, url=source.url, status="unchanged", path=target,
                       sha256=previous.sha256, http_status=304, attempts=attempts)


def _store_body(source: Source, previous: SourceState | None, target: Path, response: _Response,
                state: FetchState, attempts: int) -> FetchResult:
    assert response.body is not None and response.digest is not None  # a 200 always carries them
    digest = response.digest
    try:
        digest.check_pdf(source.url)
        unchanged = previous is not None and previous.sha256 == digest.sha256
        if not (unchanged and target.exists()):
            os.replace(response.body, target)
    except DocumentError as exc:
        return _failed(source, exc, attempts=attempts, http_status=200, sha256=digest.sha256)
    except OSError as exc:
        error = FetchError(str(target), f"cannot write the cached copy ({exc.strerror or exc})",
                           "check free disk space and permissions of the cache folder")
        return _failed(source, error, attempts=attempts, http_status=200)
    finally:
        response.body.unlink(missing_ok=True)
    state.record(source.id, SourceState(url=source.url, sha256=digest.sha256, size=digest.size,
                                        etag=response.etag, last_modified=response.last_modified,
                                        fetched_at=_now()))
    return FetchResult(source_id=source.id, url=source.url, status="unchanged" if unchanged else "changed",
                       path=target, sha256=digest.sha256, http_status=200, attempts=attempts)


# ---------------------------------------------------------------- results


def _failed(source: Source, error: DocumentError, *, attempts: int, http_status: int | None = None,
            sha256: str | None = None) -> FetchResult:
    tries = f" (gave up after {attempts} attempts)" if attempts > 1 else ""
    message = " ".join(f"{source.id}: {error.source}: {error.detail}{tries} — {error.advice}".split())
    failure = Failure(source=source.url, sha256=sha256, error_kind=error.kind, message=message, at=_now())
    return FetchResult(source_id=source.id, url=source.url, status="failed", failure=failure,
                       http_status=http_status, attempts=attempts)


def _now() -> datetime:
    return datetime.now(UTC)
