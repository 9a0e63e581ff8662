"""Plain-text articles: the file's own text, with an optional ``date YYYY-MM-DD <section>`` first line."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lading.model import Article

HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+([^\r\n]*?))?[ \t]*(?:\r?\n|\Z)")


class ReadError(ValueError):
    """An input that cannot become an article; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def article_from_text(text: str, doc_id: str, *, path: str | None = None, date_override: date | None = None) -> Article:
    """Build an article from text; offsets stay those of ``text`` itself, header included."""
    published, section, body_start = None, None, 0
    match = HEADER.match(text)
    if match:
        try:
            published = date.fromisoformat(match.group(1))
        except ValueError as exc:
            raise ReadError(path or doc_id, f"invalid date in header line: {match.group(1)!r}") from exc
        section = (match.group(2) or "").strip() or None
        body_start = match.end()
    if date_override is not None:
        published = date_override
    title = _first_line(text, body_start)
    return Article(doc_id=doc_id, text=text, date=published, title=title, section=section, path=path, body_start=body_start)


def _first_line(text: str, start: int) -> str | None:
    for line in text[start:].splitlines():
        if line.strip():
            return line.strip()
    return None


def read_text_file(path: Path, *, date_override: date | None = None) -> Article:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ReadError(path, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(path, "UTF-16 text; lading extract reads UTF-8 (convert it, e.g. with iconv)")
    if b"\x00" in data[:4096]:
        raise ReadError(path, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from exc
    return article_from_text(text, path.stem, path=str(path), date_override=date_override)


def iter_text_files(paths: list[Path]) -> tuple[list[Path], list[ReadError]]:
    """Expand folders into their ``.txt`` files (sorted); name paths that do not exist."""
    files: list[Path] = []
    errors: list[ReadError] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*.txt") if f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            errors.append(ReadError(p, "no such file or folder"))
    return files, errors
