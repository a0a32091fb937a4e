"""Read a folder of news texts, with what is known about them from the manifest beside them.

Every file becomes an Article or a Problem that names it, and one bad file never stops the others.
The text is fixed here, once: decoded, line breaks unified, NFC-normalised, HTML reduced to its
readable text. Every later offset refers to `article.text`, so nothing changes it afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from geo.manifest import Manifest, Metadata, parse_date
from geo.model import Article, Problem
from geo.paths import PROJECT_ROOT

MANIFEST = "articles.csv"
SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 2 * 1024 * 1024
"""A news article is 5-50 kB, a saved web page rarely over 1 MB; 2 MiB leaves room for both."""
TITLE_MAX = 120
"""A first line longer than this is the start of the text, not a headline."""
ENV_ARTICLES = "INCIDENT_ATLAS_ARTICLES"
SEEDS = PROJECT_ROOT / "seeds"


class ArticleError(ValueError):
    """Why a file cannot become an article, in words for the user."""


def articles_folder(folder: Path | str | None = None) -> Path:
    """The user's own articles: `folder` if given, else $INCIDENT_ATLAS_ARTICLES, else articles/."""
    chosen = folder or os.environ.get(ENV_ARTICLES) or PROJECT_ROOT / "articles"
    return Path(chosen).expanduser()


def default_folders(folder: Path | str | None = None) -> list[Path]:
    """The samples and the user's articles folder, which is created here on first use."""
    own = articles_folder(folder)
    own.mkdir(parents=True, exist_ok=True)
    return [SEEDS, own]


def load_folder(
    folder: Path, *, manifest_name: str = MANIFEST, max_bytes: int = MAX_BYTES
) -> tuple[list[Article], list[Problem]]:
    """The articles of `folder` in file-name order, and a Problem for everything that went wrong."""
    loaded, problems = _read_folder(Path(folder), manifest_name, max_bytes, prefix="")
    return _without_duplicates(loaded, problems)


def load_folders(
    folders: Iterable[Path], *, manifest_name: str = MANIFEST, max_bytes: int = MAX_BYTES
) -> tuple[list[Article], list[Problem]]:
    """Several folders as one collection: the same text in two folders is one article.

    Problems name files as `folder/file`, since two folders may hold files of the same name.
    """
    loaded: list[tuple[str, Article]] = []
    problems: list[Problem] = []
    for folder in folders:
        folder = Path(folder)
        more, trouble = _read_folder(folder, manifest_name, max_bytes, prefix=f"{folder.name}/")
        loaded += more
        problems += trouble
    return _without_duplicates(loaded, problems)


def _without_duplicates(
    loaded: list[tuple[str, Article]], problems: list[Problem]
) -> tuple[list[Article], list[Problem]]:
    """Keep the first file of each text; the others are named in a Problem and a note."""
    kept: dict[str, tuple[str, Article]] = {}
    for label, article in loaded:
        if article.id not in kept:
            kept[article.id] = (label, article)
            continue
        first, original = kept[article.id]
        problems.append(Problem(label, f"the same text as {first}; loaded once, as {first}"))
        note = f"the same text is also in {label}"
        kept[article.id] = (first, replace(original, notes=(*original.notes, note)))
    return [article for _, article in kept.values()], problems


def _read_folder(
    folder: Path, manifest_name: str, max_bytes: int, prefix: str
) -> tuple[list[tuple[str, Article]], list[Problem]]:
    if not folder.is_dir():
        return [], [Problem(str(folder), "no such folder")]
    entries, problems = manifest_entries(folder / manifest_name, prefix, max_bytes)
    try:
        paths = sorted(folder.iterdir())
    except OSError as error:
        return [], [*problems, Problem(str(folder), _reason(error))]
    loaded: list[tuple[str, Article]] = []
    names = set()
    for path in paths:
        name = path.name
        if name.startswith(".") or name == manifest_name or not _is_regular(path):
            continue
        names.add(name)
        label = prefix + name
        if path.suffix.lower() not in SUFFIXES:
            problems.append(Problem(label, f"not a {', '.join(SUFFIXES)} file; ignored"))
            continue
        try:
            data = read_limited(path, max_bytes)
            article = parse_article(name, data, path=path, metadata=entries.get(name))
        except (ArticleError, OSError) as error:
            problems.append(Problem(label, _reason(error)))
            continue
        loaded.append((label, article))
    for name in sorted(set(entries) - names):
        problems.append(
            Problem(prefix + manifest_name, f"a row names {name}, which is not in the folder")
        )
    return loaded, problems


def _is_regular(path: Path) -> bool:
    """Only plain files are read: a FIFO named x.txt would block the loader forever."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return f"cannot be read ({error.strerror or error})"
    return str(error)


def read_limited(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of `path`, refused above `max_bytes` before they are read in full.

    Asks for the size the file says it has, and a byte more to see it end: asking for
    `max_bytes` at once would allocate 2 MiB for each 3 kB article. A file that says less
    than it holds (one growing, a pipe) is read on, up to the limit. Read with `os.read`:
    a buffered file object would cost five times the read itself.
    """
    descriptor = os.open(path, os.O_RDONLY)
    try:
        said = os.fstat(descriptor).st_size
        data = _read_upto(descriptor, min(said, max_bytes) + 1)
        if len(data) > said:
            data += _read_upto(descriptor, max_bytes + 1 - len(data))
    finally:
        os.close(descriptor)
    return check_size(data, max_bytes)


def _read_upto(descriptor: int, count: int) -> bytes:
    """`count` bytes, or fewer at the end of the file: a pipe hands them over piece by piece."""
    data = os.read(descriptor, count)
    while data and len(data) < count:
        more = os.read(descriptor, count - len(data))
        if not more:
            break
        data += more
    return data


def check_size(data: bytes, max_bytes: int = MAX_BYTES) -> bytes:
    if len(data) > max_bytes:
        limit = f"{max_bytes / 1024 / 1024:g} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} B"
        raise ArticleError(f"larger than the {limit} size limit")
    return data


def manifest_entries(
    path: Path, prefix: str = "", max_bytes: int = MAX_BYTES
) -> tuple[dict[str, Metadata], list[Problem]]:
    """The rows of the manifest at `path` (none when there is no such file) by file name, and
    what could not be read of it, named after `prefix` + its name."""
    if not path.is_file():
        return {}, []
    manifest, trouble = read_manifest(path, max_bytes)
    problems = [Problem(prefix + p.subject, p.reason) for p in trouble]
    if manifest is None:
        return {}, problems
    entries, trouble = manifest.entries(prefix + path.name)
    return entries, problems + trouble


def read_manifest(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Manifest | None, list[Problem]]:
    """The manifest at `path`, or None and a Problem saying why it cannot be read."""
    try:
        text, notes = decode(read_limited(path, max_bytes))
    except (ArticleError, OSError) as error:
        return None, [Problem(path.name, f"{_reason(error)}; no metadata read from it")]
    return Manifest.parse(text), [Problem(path.name, note) for note in notes]


_UNKNOWN = Metadata()


def parse_article(
    name: str, data: bytes, *, path: Path | None = None, metadata: Metadata | None = None
) -> Article:
    """The article in file `name` with contents `data`, or ArticleError saying why there is none.

    What `metadata` (its manifest row) knows wins over what the file says; what it does not
    know stays as found. Given here, it spares looking for a title the manifest has.
    """
    known = metadata or _UNKNOWN
    if not data.strip():
        raise ArticleError("empty file")
    text, notes = decode(data)
    suffix = os.path.splitext(name)[1].lower()
    title, published = "", None
    if suffix in (".html", ".htm"):
        page = _Page()
        page.feed(text)
        page.close()
        text, title, published = page.result()
        notes.append("reduced from HTML to its text")
    else:
        text = unicodedata.normalize("NFC", _unified_line_breaks(text))
    if not text.strip():
        raise ArticleError("no readable text in it")
    return Article(
        id=article_id(text),
        text=text,
        title=known.title
        or title
        or first_line_title(text, markdown=suffix == ".md")
        or Path(name).stem,
        published=known.published or published,
        source=known.source,
        url=known.url,
        path=path,
        notes=tuple(notes),
    )


def _unified_line_breaks(text: str) -> str:
    """Every line break as "\n"; most texts have no "\r", which one search tells."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
"""What `str.split()` splits at, but " " and "\n" (nothing above U+3000; a test checks all
Unicode)."""


def article_id(text: str) -> str:
    """A hash of the words of `text`, so that the same text laid out differently is one article.

    The words joined by single spaces, as `" ".join(text.split())` would join them, but made
    with `str.replace` and a split into lines, which make no object per word: several times
    faster on an article. Lines are joined without the empty ones, as a double space costs a
    slow search to undo and paragraphs leave one at each break.
    """
    for space in _SPACES:
        if space in text:
            text = text.replace(space, " ")
    text = " ".join(filter(None, text.split("\n")))
    while "  " in text:
        text = text.replace("  ", " ")
    return hashlib.sha256(text.strip(" ").encode("utf-8")).hexdigest()[:16]


_FIRST_LINE = re.compile(r"\S[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")
"""The first non-blank line, from its first character to where `str.splitlines` ends it."""


def first_line_title(text: str, *, markdown: bool = False) -> str:
    """The first non-blank line when it is short enough to be a headline, else ""."""
    found = _FIRST_LINE.search(text)
    line = found.group() if found else ""
    if markdown:
        line = line.lstrip().lstrip("#")
    line = " ".join(line.split())
    return line if len(line) <= TITLE_MAX else ""


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", ""),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
# Bytes that Windows-1252 leaves undefined; Latin-1 reads them (and all of 0x80-0x9F) as
# control characters, which no real text contains.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def decode(data: bytes) -> tuple[str, list[str]]:
    """The text of `data` and notes on how it was decoded; ArticleError if it is not text.

    UTF-8 first (with or without BOM), UTF-16/32 only with a BOM, else the 8-bit encodings of
    Spanish and English text on Windows and old sites: Windows-1252, or Latin-1 when the two
    read the bytes alike. A mostly-UTF-8 text with a few bad bytes stays UTF-8.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise ArticleError(f"not valid {label or 'UTF-8'} after its byte-order mark") from (
                    error
                )
            return _checked(text), [f"decoded as {label}"] if label else []
    if b"\x00" in data:
        raise ArticleError("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if sum(ord(c) > 127 for c in lenient) - bad > bad:
        return _checked(lenient), [f"not valid UTF-8: {bad} byte(s) replaced by \ufffd"]
    if not any(0x80 <= byte <= 0x9F for byte in data):
        return _checked(data.decode("latin-1")), ["not UTF-8; decoded as Latin-1 (ISO-8859-1)"]
    holes = sum(byte in _CP1252_HOLES for byte in data)
    note = "not UTF-8; decoded as Windows-1252"
    if holes:
        note += f" ({holes} bytes it does not define replaced by \ufffd)"
    return _checked(data.decode("cp1252", errors="replace")), [note]


def _checked(text: str) -> str:
    """Refuse what decodes but is not text: control characters in more than 1% of it.

    Most texts are printable but for their line breaks, which two C loops tell at once; only
    the others are searched character by character.
    """
    if text.replace("\n", " ").isprintable() and "\ufffd" not in text:
        return text
    if len(_CONTROL.findall(text)) > max(1, len(text) // 100):
        raise ArticleError("binary file (control characters throughout), not text")
    return text


class _Page(HTMLParser):
    """An HTML page reduced to the text a reader sees, one block (paragraph, heading...) a line.

    Only the longest <article> is kept when the page has any: saved news pages wrap the story in
    one and fill the rest with menus and other stories, whose places are not this story's.
    """

    _HIDDEN = frozenset(
        ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas")
        + ("button", "select", "textarea", "nav", "aside", "footer")
    )
    _BLOCKS = frozenset(
        ("p", "div", "section", "article", "main", "header", "blockquote", "pre", "address")
        + ("h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd")
        + ("table", "tr", "caption", "br", "hr", "figure", "figcaption", "details", "summary")
    )
    _DATE_META = frozenset(
        ("article:published_time", "og:article:published_time", "datepublished", "date")
        + ("dc.date", "dc.date.issued", "pubdate", "publishdate")
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stories: list[list[str]] = []
        self.hidden = 0
        self.story_depth = 0
        self.pre = 0
        self.title: list[str] | None = None
        self.in_title = False
        self.h1: list[str] | None = None
        self.capturing: list[str] | None = None
        self.published: date | None = None

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Skip a malformed `<![...` section instead of failing (the stdlib asserts on it)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
        if tag == "title":
            self.in_title = True
            if self.title is None:
                self.title = self.capturing = []
        if tag in self._HIDDEN:
            self.hidden += 1
        if tag == "h1" and self.h1 is None and not self.hidden:
            self.h1 = self.capturing = []
        if tag == "article":
            self.story_depth += 1
            if self.story_depth == 1:
                self.stories.append([])
        if tag == "pre":
            self.pre += 1
        if tag in self._BLOCKS:
            self._add("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
        if tag in self._BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "h1"):
            self.capturing = None
            self.in_title = self.in_title and tag != "title"
        if tag in self._HIDDEN and self.hidden:
            self.hidden -= 1
        if tag == "article" and self.story_depth:
            self.story_depth -= 1
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in self._BLOCKS:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if self.capturing is not None:
            self.capturing.append(data)
        if not self.hidden and not self.in_title:
            self._add(data if self.pre else re.sub(r"\s+", " ", data))

    def _add(self, text: str) -> None:
        self.parts.append(text)
        if self.story_depth:
            self.stories[-1].append(text)

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in self._DATE_META and self.published is None:
            with contextlib.suppress(ValueError):
                self.published = parse_date((attrs.get("content") or "")[:10])

    def result(self) -> tuple[str, str, date | None]:
        """(text, title from <h1> or else <title>, publication date from the page's metadata)."""
        parts = max(self.stories, key=lambda story: len("".join(story).strip()), default=None)
        text = _lines("".join(parts if parts and "".join(parts).strip() else self.parts))
        title = " ".join("".join(self.h1 or self.title or []).split())
        return text, title, self.published


def _lines(text: str) -> str:
    text = unicodedata.normalize("NFC", _unified_line_breaks(text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
