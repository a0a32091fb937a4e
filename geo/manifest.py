"""The CSV beside the articles that says what is known about them (title, date, source, address).

It is kept line by line, so that rewriting it after an upload, an edit or a delete changes only
the line concerned and keeps every other line, even one we cannot read, exactly as it was. One
line is one row: a value never spans lines (the store writes none that do), so one broken line
never swallows the lines after it.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from geo.model import Problem

COLUMNS = ("file", "title", "published", "source", "url")


@dataclass(frozen=True)
class Metadata:
    """What the manifest says about one file; empty strings and None mean unknown."""

    title: str = ""
    published: date | None = None
    source: str = ""
    url: str = ""


def parse_date(value: str) -> date:
    """An ISO date, or an ISO date-time of which the date is kept; anything else is refused.

    "04/08/2022" is refused rather than guessed: April in one country, August in another.
    """
    return datetime.fromisoformat(value.strip()).date()


def check_url(url: str) -> str:
    """Return `url` stripped if it is an http(s) address, else raise ValueError.

    The dashboard turns it into a link, so a `javascript:` or `data:` address must never get there.
    """
    url = url.strip()
    if url and (urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).netloc):
        raise ValueError(f"address {url!r} is not an http(s) address; ignored")
    return url


def one_line(value: str) -> str:
    """Metadata is one line of text: line breaks and tabs become spaces."""
    return " ".join(value.split())


class Manifest:
    """The lines of a manifest: a header naming the columns, then one row per line."""

    def __init__(self, columns: list[str], lines: list[str]) -> None:
        self.columns = columns
        self.lines = lines

    @classmethod
    def parse(cls, text: str) -> Manifest:
        lines = text.splitlines()
        if not lines:
            return cls(list(COLUMNS), [])
        header = next(csv.reader([lines[0]]), [])
        return cls([name.strip().lower() for name in header], lines[1:])

    def header_problem(self) -> str | None:
        """Why the header is unusable, if it is: without a `file` column no row means anything."""
        if "file" not in self.columns:
            return f"line 1: the header {','.join(self.columns)!r} has no 'file' column"
        return None

    def rows(self) -> list[tuple[int, dict[str, str] | None, str]]:
        """(line number, values by column or None if broken, why broken) for each non-blank line."""
        out = []
        for number, line in enumerate(self.lines, start=2):
            if line.strip():
                values, error = self._split(line)
                out.append((number, values, error))
        return out

    def _split(self, line: str) -> tuple[dict[str, str] | None, str]:
        fields, error = _fields(line)
        if error:
            return None, error
        if len(fields) > len(self.columns):
            return None, (
                f"has {len(fields)} values for {len(self.columns)} columns "
                "(a comma in a value that is not in double quotes?)"
            )
        padded = fields + ("",) * (len(self.columns) - len(fields))
        return dict(zip(self.columns, padded, strict=True)), ""

    def entries(self, name: str) -> tuple[dict[str, Metadata], list[Problem]]:
        """Metadata by file name; an unusable line or value is a Problem naming `name` and the line.

        A bad value loses only itself: a row with a malformed date keeps its title and source.
        """
        problems: list[Problem] = []
        header = self.header_problem()
        if header:
            return {}, [Problem(name, f"{header}; no metadata read from it")]
        entries: dict[str, Metadata] = {}
        for number, values, error in self.rows():
            if values is None:
                problems.append(Problem(name, f"line {number} {error}; ignored"))
                continue
            file = values["file"].strip()
            if not file or file != file.replace("/", "").replace("\\", "") or file.startswith("."):
                problems.append(
                    Problem(name, f"line {number}: {file!r} is not a file name; ignored")
                )
                continue
            if file in entries:
                problems.append(
                    Problem(name, f"line {number}: a second row for {file}; the first one is used")
                )
                continue
            entries[file] = self._metadata(values, f"line {number} ({file})", name, problems)
        return entries, problems

    @staticmethod
    def _metadata(values: dict[str, str], where: str, name: str, problems: list) -> Metadata:
        published = None
        if values.get("published", "").strip():
            try:
                published = parse_date(values["published"])
            except ValueError:
                problems.append(
                    Problem(
                        name,
                        f"{where}: date {values['published']!r} is not YYYY-MM-DD; "
                        "the article loads with its date unknown",
                    )
                )
        url = ""
        try:
            url = check_url(values.get("url", ""))
        except ValueError as error:
            problems.append(Problem(name, f"{where}: {error}"))
        return Metadata(
            title=one_line(values.get("title", "")),
            published=published,
            source=one_line(values.get("source", "")),
            url=url,
        )

    def file_names(self) -> set[str]:
        """Every file a readable row names, including rows for files that are gone."""
        return {values["file"].strip() for _, values, _ in self.rows() if values}

    def with_entry(self, file: str, metadata: Metadata) -> Manifest:
        """A copy where `file` has this metadata: its first row replaced, or a row appended."""
        columns = self.columns + [c for c in COLUMNS if c not in self.columns]
        widened = Manifest(columns, [self._widen(line, columns) for line in self.lines])
        for index, line in enumerate(widened.lines):
            values, _ = widened._split(line) if line.strip() else (None, "")
            if values and values["file"].strip() == file:
                widened.lines[index] = self._format(columns, file, metadata, values)
                return widened
        widened.lines.append(self._format(columns, file, metadata, {}))
        return widened

    def without(self, file: str) -> Manifest:
        """A copy with every row for `file` removed."""
        kept = []
        for line in self.lines:
            values, _ = self._split(line) if line.strip() else (None, "")
            if not (values and values["file"].strip() == file):
                kept.append(line)
        return Manifest(self.columns, kept)

    def _widen(self, line: str, columns: list[str]) -> str:
        """Give a readable row empty values for the columns a rewrite added; keep others as is."""
        if len(columns) == len(self.columns) or not line.strip():
            return line
        values, _ = self._split(line)
        if values is None:
            return line
        return _csv_line([values.get(column, "") for column in columns])

    @staticmethod
    def _format(columns: list[str], file: str, metadata: Metadata, old: dict[str, str]) -> str:
        """The row for `file`; columns the store does not know keep their `old` values."""
        known = old | {
            "file": file,
            "title": one_line(metadata.title),
            "published": metadata.published.isoformat() if metadata.published else "",
            "source": one_line(metadata.source),
            "url": one_line(metadata.url),
        }
        return _csv_line([known.get(column, "") for column in columns])

    def text(self) -> str:
        return "".join(line + "\n" for line in [_csv_line(self.columns), *self.lines])


@functools.lru_cache(maxsize=8192)
def _fields(line: str) -> tuple[tuple[str, ...], str]:
    """The values of a line, or why it is not CSV; cached, as each change re-reads the manifest."""
    try:
        return tuple(next(csv.reader([line], strict=True))), ""
    except csv.Error as error:
        return (), f"cannot be read as CSV ({error})"


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()
