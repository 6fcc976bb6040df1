"""The source registry: which documents jinzai tracks and where each PDF lives.

A registry is a YAML file with one top-level key, ``sources``, listing entries::

    sources:
      - id: tarumizu                 # stable slug; revisions of the document share it
        municipality: 垂水市          # optional
        url: https://www.city.example.lg.jp/policy.pdf   # or a local path
        title: 垂水市デジタル人材育成方針   # optional
        notes: revised every April    # optional

Local paths may be relative; they are resolved against the registry file's
folder so the registry works from any working directory. Every problem is
raised as one `RegistryError` naming the file, the line and the entry.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

SOURCE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
REMOTE_SCHEMES = frozenset({"http", "https"})


class RegistryError(ValueError):
    """The registry file cannot be used; the message says where and why."""


class Source(BaseModel):
    """One tracked document: a stable id and where its PDF is."""

    # A YAML id such as 462144 (a municipality code) arrives as an int.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: str
    municipality: str | None = None
    url: str
    title: str | None = None
    notes: str | None = None

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str) -> str:
        if not SOURCE_ID_PATTERN.fullmatch(value):
            raise ValueError(
                f"{value!r} is not a slug: use 1-64 lowercase ASCII letters, digits, '-' or '_' "
                "starting with a letter or digit (it names the cached file)"
            )
        return value

    @field_validator("url")
    @classmethod
    def _url_is_http_or_path(cls, value: str, info: ValidationInfo) -> str:
        value = value.strip()
        if not value:
            raise ValueError("empty: give an http(s) URL or a path to the PDF")
        if _looks_like_url(value):
            return _checked_remote_url(value)
        base_dir = (info.context or {}).get("base_dir")
        path = Path(value).expanduser()
        if base_dir is not None and not path.is_absolute():
            path = Path(base_dir) / path
        return str(path.resolve())

    @property
    def is_remote(self) -> bool:
        return _looks_like_url(self.url)

    @property
    def local_path(self) -> Path | None:
        """The file for a local source; None for an http(s) source."""
        return None if self.is_remote else Path(self.url)


def _looks_like_url(value: str) -> bool:
    # A one-letter "scheme" is a Windows drive (C:\...), not a URL.
    scheme = urlsplit(value).scheme
    return len(scheme) > 1 and "://" in value


def _checked_remote_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in REMOTE_SCHEMES:
        raise ValueError(f"{value!r} uses {parts.scheme}://; only http(s) URLs or local paths are supported")
    if not parts.hostname:
        raise ValueError(f"{value!r} has no host name")
    return value


def load_registry(path: Path | str) -> list[Source]:
    """Read and validate a registry file; raise `RegistryError` on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"{path}: registry file not found; create it (see sources.example.yaml)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read the registry ({exc})") from exc
    entries = _entry_nodes(path, text)
    sources: list[Source] = []
    first_line_of: dict[str, int] = {}
    for number, node in enumerate(entries, start=1):
        line = node.start_mark.line + 1
        where = f"{path}, line {line}, entry {number}"
        source = _parse_entry(node, where, base_dir=path.parent.resolve())
        if source.id in first_line_of:
            raise RegistryError(
                f"{where}: duplicate id {source.id!r} (first used on line {first_line_of[source.id]}); "
                "ids must be unique"
            )
        first_line_of[source.id] = line
        sources.append(source)
    return sources


def _entry_nodes(path: Path, text: str) -> list[yaml.Node]:
    """The YAML nodes of the `sources` list, which keep their line numbers."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise RegistryError(f"{path}, line {line}: invalid YAML ({exc.problem})") from exc
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: invalid YAML ({exc})") from exc
    if not isinstance(root, yaml.MappingNode):
        raise RegistryError(f"{path}: expected a mapping with a 'sources' list at the top level")
    keys = {key.value: value for key, value in root.value}
    unknown = sorted(set(keys) - {"sources"})
    if unknown:
        raise RegistryError(f"{path}: unknown top-level key(s) {', '.join(unknown)}; only 'sources' is allowed")
    entries = keys.get("sources")
    if entries is None or not isinstance(entries, yaml.SequenceNode):
        raise RegistryError(f"{path}: 'sources' must be a list of entries (- id: ..., url: ...)")
    return list(entries.value)


def _parse_entry(node: yaml.Node, where: str, *, base_dir: Path) -> Source:
    if not isinstance(node, yaml.MappingNode):
        raise RegistryError(f"{where}: expected a mapping with id and url, got {node.value!r}")
    _reject_repeated_keys(node, where)
    data: Any = yaml.SafeLoader("").construct_document(node)
    try:
        return Source.model_validate(data, context={"base_dir": base_dir})
    except ValidationError as exc:
        raise RegistryError(f"{where}{_entry_label(data)}: {_describe(exc)}") from exc


def _reject_repeated_keys(node: yaml.MappingNode, where: str) -> None:
    # PyYAML silently keeps the last of two equal keys; a repeated url is a typo to report.
    seen: set[str] = set()
    for key, _ in node.value:
        if key.value in seen:
            raise RegistryError(f"{where}: key {key.value!r} appears twice in one entry")
        seen.add(key.value)


def _entry_label(data: dict[str, Any]) -> str:
    entry_id = data.get("id")
    return f" (id {entry_id!r})" if isinstance(entry_id, str | int) else ""


def _describe(exc: ValidationError) -> str:
    """Pydantic's errors as one line: `field: problem; field: problem`."""
    parts = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "entry"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "required field is missing"
        elif error["type"] == "extra_forbidden":
            message = "unknown field (allowed: id, municipality, url, title, notes)"
        parts.append(f"{field}: {message}")
    return "; ".join(parts)
