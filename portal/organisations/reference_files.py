"""Reading reference-data files with errors that name the file and the line.

The files are copies of the project's shared data (``portal/organisations/data``); the portal never
reads the shared folder at run time.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


class ReferenceDataError(Exception):
    """A reference file is malformed. The message names the file and line so it can be fixed."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        where = f"{self.path.name}, linje {line}" if line else self.path.name
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def require(self, path: Path, column: str) -> str:
        value = (self.values.get(column) or "").strip()
        if not value:
            raise ReferenceDataError(path, self.line, f"kolonnen «{column}» mangler verdi")
        return value


def read_csv(path: Path, required_columns: set[str]) -> Iterator[CsvRow]:
    """Yield rows with their physical line numbers; stop at the first structural error."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError as exc:
        raise ReferenceDataError(path, None, "filen finnes ikke") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = required_columns - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(path, 1, f"mangler kolonne(r): {', '.join(sorted(missing))}")
        try:
            for raw in reader:
                if None in raw or any(value is None for value in raw.values()):
                    raise ReferenceDataError(path, reader.line_num, "feil antall felt på linjen")
                yield CsvRow(line=reader.line_num, values=raw)
        except csv.Error as exc:
            raise ReferenceDataError(path, reader.line_num, f"ugyldig CSV ({exc})") from exc
        except UnicodeDecodeError as exc:
            raise ReferenceDataError(path, None, "filen er ikke gyldig UTF-8") from exc


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that records each mapping's line as ``__line__`` for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ReferenceDataError(path, None, "filen finnes ikke") from exc
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(path, None, "filen er ikke gyldig UTF-8") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise ReferenceDataError(path, line, f"ugyldig YAML ({exc.problem})") from exc


def require_key(path: Path, mapping: dict[str, Any], key: str, kind: type | tuple[type, ...] = str) -> Any:
    if key not in mapping or mapping[key] in (None, ""):
        raise ReferenceDataError(path, mapping.get("__line__"), f"feltet «{key}» mangler")
    value = mapping[key]
    if not isinstance(value, kind):
        raise ReferenceDataError(path, mapping.get("__line__"), f"feltet «{key}» har feil type")
    return value


def strip_lines(value: Any) -> Any:
    """Remove the ``__line__`` bookkeeping from a parsed YAML structure."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
