"""The user's own articles on disk, and the results already computed for them.

Every change (add, edit, delete) is prepared in hidden temporary files, then committed by a
journal that names the renames and removals still to do. A crash before the journal is written
leaves the old state; after it, opening the store again finishes the change. The loader never
reads the hidden files, so it never sees a half-written article or manifest.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from geo.articles import (
    MANIFEST,
    MAX_BYTES,
    SUFFIXES,
    ArticleError,
    check_size,
    load_folder,
    parse_article,
    read_limited,
    read_manifest,
)
from geo.manifest import Manifest, Metadata, check_url
from geo.model import Article, Problem
from geo.paths import cache_dir

TEMP_PREFIX = ".tmp-"
JOURNAL = ".journal.json"
LOCK = ".lock"
NAME_MAX_BYTES = 120
"""Leaves room for a collision suffix within the 255 bytes most filesystems allow."""
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}


def safe_name(filename: str) -> str:
    """A file name that stays inside the folder, whatever `filename` the browser or user sent.

    Path parts are joined ("a/b.txt" -> "a_b.txt"; "../x.txt" -> "x.txt"), anything but letters,
    digits, "-", "_" and "." becomes "_", leading dots go (no hidden files), and names Windows
    reserves get a "_". Only the suffixes the loader reads are accepted.
    """
    name = unicodedata.normalize("NFKC", filename).strip()
    name = "_".join(part for part in re.split(r"[/\\]", name) if part not in ("", ".", ".."))
    stem, dot, suffix = name.rpartition(".")
    suffix = f".{suffix.lower()}"
    if not dot or suffix not in SUFFIXES:
        raise ArticleError(f"not a {', '.join(SUFFIXES)} file")
    stem = re.sub(r"__+", "_", re.sub(r"[^\w.\-]+", "_", stem)).strip("._- ") or "article"
    if stem.split(".")[0].lower() in _RESERVED:
        stem = f"_{stem}"
    return stem.encode("utf-8")[:NAME_MAX_BYTES].decode("utf-8", errors="ignore") + suffix


class ArticleStore:
    """A folder of articles with its manifest, changed only in ways a crash cannot break."""

    def __init__(
        self, folder: Path | str, *, manifest_name: str = MANIFEST, max_bytes: int = MAX_BYTES
    ) -> None:
        self.folder = Path(folder)
        self.manifest_name = manifest_name
        self.max_bytes = max_bytes
        self.folder.mkdir(parents=True, exist_ok=True)
        self._ids: dict[str, tuple[tuple[int, int], str]] = {}
        with self._locked():
            self._recover()

    def articles(self) -> tuple[list[Article], list[Problem]]:
        return load_folder(self.folder, manifest_name=self.manifest_name, max_bytes=self.max_bytes)

    def add(
        self,
        filename: str,
        data: bytes,
        *,
        title: str = "",
        published: date | None = None,
        source: str = "",
        url: str = "",
        known: Iterable[Article] = (),
    ) -> tuple[Article | None, list[Problem]]:
        """Keep `data` as a new article; None and the reason when it cannot be, or is already here.

        `filename` is only a wish: the name kept is `article.path.name`. `known` are articles
        kept elsewhere (the samples, say) whose text counts as already here too.
        """
        metadata, problems = _metadata(filename, title, published, source, url)
        try:
            name = safe_name(filename)
            article = parse_article(name, check_size(data, self.max_bytes), metadata=metadata)
        except ArticleError as error:
            return None, [Problem(filename, f"{error}; not added")]
        elsewhere = {other.id: other.path.name if other.path else other.title for other in known}
        with self._locked():
            here = self._files_by_id().get(article.id)
            same = here[0] if here else elsewhere.get(article.id)
            if same:
                reason = f"the same text as {same}, already kept; not added"
                return None, [Problem(filename, reason)]
            manifest, trouble = self._manifest()
            if manifest is None:
                return None, [Problem(filename, f"{trouble}; not added")]
            taken = {n.lower() for n in os.listdir(self.folder) + list(manifest.file_names())}
            name = _free(name, taken)
            self._commit(
                writes={name: data, self.manifest_name: manifest.with_entry(name, metadata).text()},
                removes=[],
            )
        return replace(article, path=self.folder / name), problems

    def add_text(
        self,
        text: str,
        *,
        title: str,
        published: date | None = None,
        source: str = "",
        url: str = "",
        known: Iterable[Article] = (),
    ) -> tuple[Article | None, list[Problem]]:
        """Keep pasted text as a .txt file named after its title."""
        return self.add(
            f"{title.strip() or 'pasted'}.txt",
            text.encode("utf-8"),
            title=title,
            published=published,
            source=source,
            url=url,
            known=known,
        )

    def update_metadata(
        self, article_id: str, *, title: str, published: date | None, source: str, url: str
    ) -> list[Problem]:
        """Replace what is known about the article: every field, as the edit form shows them all."""
        with self._locked():
            names = self._files_by_id().get(article_id)
            if not names:
                return [Problem(article_id, "no such article in this folder; nothing changed")]
            metadata, problems = _metadata(names[0], title, published, source, url)
            manifest, trouble = self._manifest()
            if manifest is None:
                return [Problem(names[0], f"{trouble}; nothing changed")]
            self._commit(
                writes={self.manifest_name: manifest.with_entry(names[0], metadata).text()},
                removes=[],
            )
        return problems

    def delete(self, article_id: str) -> list[Problem]:
        """Remove the article: every file with its text, and their manifest rows."""
        with self._locked():
            names = self._files_by_id().get(article_id)
            if not names:
                return [Problem(article_id, "no such article in this folder; nothing deleted")]
            manifest, trouble = self._manifest()
            if manifest is None:
                return [Problem(names[0], f"{trouble}; nothing deleted")]
            for name in names:
                manifest = manifest.without(name)
            self._commit(writes={self.manifest_name: manifest.text()}, removes=names)
        return []

    def _manifest(self) -> tuple[Manifest | None, str]:
        """The manifest to rewrite, or None and why it must not be (it would lose its rows)."""
        path = self.folder / self.manifest_name
        if not path.exists():
            return Manifest.parse(""), ""
        manifest, problems = read_manifest(path, self.max_bytes)
        if manifest is None:
            return None, problems[0].reason
        header = manifest.header_problem()
        if header:
            return None, f"{self.manifest_name} {header}; fix it first"
        return manifest, ""

    def _files_by_id(self) -> dict[str, list[str]]:
        """Names of the readable article files by id, re-reading only files that changed."""
        found: dict[str, list[str]] = {}
        seen = {}
        for name in sorted(os.listdir(self.folder)):
            path = self.folder / name
            if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            try:
                info = path.stat()
                key = (info.st_size, info.st_mtime_ns)
                cached = self._ids.get(path.name)
                if cached is None or cached[0] != key:
                    article = parse_article(path.name, read_limited(path, self.max_bytes))
                    cached = (key, article.id)
            except (ArticleError, OSError):
                continue
            seen[path.name] = cached
            found.setdefault(cached[1], []).append(path.name)
        self._ids = seen
        return found

    def _commit(self, *, writes: dict[str, bytes | str], removes: list[str]) -> None:
        """Write each file of `writes` and remove `removes`, all or nothing across a crash."""
        renames = [(self._temp(content), name) for name, content in writes.items()]
        plan = self._temp(json.dumps({"rename": renames, "remove": removes}))
        os.replace(self.folder / plan, self.folder / JOURNAL)
        self._replay(renames, removes)
        # Not synced: if the removal is lost, replaying the journal again changes nothing.
        (self.folder / JOURNAL).unlink()

    def _replay(self, renames: list[tuple[str, str]], removes: list[str]) -> None:
        for name in removes:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / name).unlink()
        for temp, name in renames:
            with contextlib.suppress(FileNotFoundError):
                os.replace(self.folder / temp, self.folder / name)
        _sync_folder(self.folder)

    def _recover(self) -> None:
        """Finish a change whose journal was written; drop temporary files of any other."""
        journal = self.folder / JOURNAL
        if journal.exists():
            self._replay(*_read_journal(journal))
        for leftover in self.folder.glob(f"{TEMP_PREFIX}*"):
            leftover.unlink()
        journal.unlink(missing_ok=True)
        _sync_folder(self.folder)

    def _temp(self, content: bytes | str) -> str:
        data = content.encode("utf-8") if isinstance(content, str) else content
        handle, path = tempfile.mkstemp(dir=self.folder, prefix=TEMP_PREFIX)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        return Path(path).name

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time, across threads and processes (each call opens its own lock)."""
        with (self.folder / LOCK).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _read_journal(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """The journal's renames and removals; nothing at all if it is damaged or names a path."""
    try:
        plan = json.loads(path.read_text("utf-8"))
        renames = [(temp, name) for temp, name in plan["rename"]]
        removes = list(plan["remove"])
    except (OSError, ValueError, KeyError, TypeError):
        return [], []
    named = [name for pair in renames for name in pair] + removes
    if all(isinstance(n, str) and n == Path(n).name and n not in ("", ".", "..") for n in named):
        return renames, removes
    return [], []


def _metadata(
    subject: str, title: str, published: date | None, source: str, url: str
) -> tuple[Metadata, list[Problem]]:
    try:
        url = check_url(url)
    except ValueError as error:
        return Metadata(title, published, source, ""), [Problem(subject, str(error))]
    return Metadata(title, published, source, url), []


def _free(name: str, taken: set[str]) -> str:
    """`name`, or `stem-2.txt`, `stem-3.txt`... the first not taken (compared case-blind)."""
    stem, suffix = os.path.splitext(name)
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    return candidate


def _sync_folder(folder: Path) -> None:
    """Make renames and removals in `folder` durable, not only the files' contents."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


CACHE = cache_dir() / "results"
_MAGIC = b"IAR1"


class ResultCache:
    """Per-article results kept between runs, so a restart re-reads only new articles.

    An entry is found only under the same article id, `version` (bump it when the pipeline's
    output changes) and `settings` (a fingerprint of the geocoder's configuration). Each entry
    carries a checksum: a truncated or damaged one is a miss, never a crash. Entries are
    pickles, trusted because only this program writes them, in a folder nobody else writes to.
    """

    def __init__(self, folder: Path | str = CACHE, *, version: str, settings: str = "") -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.version = version
        self.settings = settings
        self.hits = 0
        self.misses = 0

    def path(self, article_id: str) -> Path:
        key = "\0".join((self.version, self.settings, article_id)).encode("utf-8")
        return self.folder / f"{hashlib.sha256(key).hexdigest()[:32]}.pickle"

    def get(self, article_id: str, default: object = None) -> object:
        path = self.path(article_id)
        try:
            blob = path.read_bytes()
            payload = blob[len(_MAGIC) + 32 :]
            if blob[: len(_MAGIC)] != _MAGIC or blob[len(_MAGIC) : len(_MAGIC) + 32] != (
                hashlib.sha256(payload).digest()
            ):
                raise ValueError("damaged cache entry")
            value = pickle.loads(payload)
        except FileNotFoundError:
            self.misses += 1
            return default
        # Unpickling can raise almost anything (a class since renamed, say): all mean "recompute".
        except Exception:
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return default
        self.hits += 1
        return value

    def put(self, article_id: str, value: object) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temp = tempfile.mkstemp(dir=self.folder, prefix=TEMP_PREFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temp, self.path(article_id))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
