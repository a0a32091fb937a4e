"""The article store and the result cache: real files, new instances, killed writers."""

import os
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from geo.articles import PROJECT_ROOT, load_folder
from geo.library import ArticleStore, ResultCache, safe_name

TEXT = "Los enfrentamientos en el corredor de Lachin dejaron un soldado muerto."
OTHER = "Tropas azerbaiyanas avanzaron hacia el lago Sev, en Syunik."


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if not path.name.startswith("."))


def test_added_edited_and_deleted_articles_survive_a_new_store(tmp_path):
    store = ArticleStore(tmp_path)
    first, problems = store.add(
        "lachin.txt",
        TEXT.encode(),
        title="Choques en Lachin",
        published=date(2022, 8, 4),
        source="Reuters",
        url="https://example.org/lachin",
    )
    second, _ = store.add_text(OTHER, title="Avance hacia el lago Sev")
    assert problems == []

    reopened = ArticleStore(tmp_path)
    articles, problems = reopened.articles()
    assert problems == []
    assert articles == [second, first]
    assert (first.path.name, first.title, first.published, first.source, first.url) == (
        "lachin.txt",
        "Choques en Lachin",
        date(2022, 8, 4),
        "Reuters",
        "https://example.org/lachin",
    )
    assert second.path.name == "Avance_hacia_el_lago_Sev.txt"
    assert second.text == OTHER

    assert (
        reopened.update_metadata(
            first.id, title="Nuevo título", published=None, source="AFP", url=""
        )
        == []
    )
    assert ArticleStore(tmp_path).delete(second.id) == []

    (edited,), problems = ArticleStore(tmp_path).articles()
    assert problems == []
    assert (edited.id, edited.title, edited.published, edited.source, edited.url) == (
        first.id,
        "Nuevo título",
        None,
        "AFP",
        "",
    )
    assert listing(tmp_path) == ["articles.csv", "lachin.txt"]


@pytest.mark.parametrize(
    ("wish", "kept"),
    [
        ("../x.txt", "x.txt"),
        ("a/b.txt", "a_b.txt"),
        ("..\\x.txt", "x.txt"),
        ("../../../../etc/cron.d/job.txt", "etc_cron.d_job.txt"),
        ("/tmp/abs.md", "tmp_abs.md"),
        (".hidden.html", "hidden.html"),
        ("CON.txt", "_CON.txt"),
        ("_.txt", "article.txt"),
        ("nota\x00\x1b[31m\u202e.txt", "nota_31m.txt"),
        ("Ｆｕｌｌ／ｗｉｄｔｈ.TXT", "Full_width.txt"),
    ],
)
def test_file_names_are_made_safe_and_written_inside_the_folder(tmp_path, wish, kept):
    folder = tmp_path / "articles"
    store = ArticleStore(folder)

    article, problems = store.add(wish, TEXT.encode())

    assert problems == []
    assert article.path == folder / kept
    assert listing(folder) == sorted(["articles.csv", kept])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["articles"]
    assert safe_name(wish) == kept


def test_a_taken_name_gets_a_suffix_even_when_only_the_manifest_names_it(tmp_path):
    (tmp_path / "articles.csv").write_text("file,title,published,source,url\ngone.txt,Old,,,\n")
    store = ArticleStore(tmp_path)
    store.add("a.txt", TEXT.encode())

    second, _ = store.add("A.TXT", OTHER.encode())
    third, _ = store.add("gone.txt", b"Un tercer texto.", title="Nuevo")

    assert (second.path.name, third.path.name) == ("A-2.txt", "gone-2.txt")
    assert third.title == "Nuevo"


def test_a_duplicate_is_refused_naming_the_file_that_has_it(tmp_path):
    store = ArticleStore(tmp_path)
    store.add("original.txt", TEXT.encode())

    article, problems = store.add("copy.md", (TEXT + "\r\n\r\n").encode("utf-8-sig"))

    assert article is None
    assert [(p.subject, p.reason) for p in problems] == [
        ("copy.md", "the same text as original.txt, already kept; not added")
    ]
    assert listing(tmp_path) == ["articles.csv", "original.txt"]


def test_a_text_already_kept_elsewhere_is_refused(tmp_path):
    (sample,), _ = load_folder_with(tmp_path / "seeds", "sample.txt", TEXT)
    store = ArticleStore(tmp_path / "mine")

    article, problems = store.add_text(TEXT + "\n", title="Copia", known=[sample])

    assert article is None
    assert problems[0].reason == "the same text as sample.txt, already kept; not added"
    assert listing(tmp_path / "mine") == []


def load_folder_with(folder: Path, name: str, text: str):
    folder.mkdir()
    (folder / name).write_text(text)
    return load_folder(folder)


def test_an_edit_keeps_the_values_of_columns_the_store_does_not_know(tmp_path):
    (tmp_path / "articles.csv").write_text("file,title,notes\na.txt,A,revisar\n")
    (tmp_path / "a.txt").write_text(TEXT)
    store = ArticleStore(tmp_path)
    (article,), _ = store.articles()

    store.update_metadata(article.id, title="B", published=date(2022, 8, 4), source="S", url="")

    assert (tmp_path / "articles.csv").read_text().splitlines() == [
        "file,title,notes,published,source,url",
        "a.txt,B,revisar,2022-08-04,S,",
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file; not added"),
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 5, "binary file"),
        ("big.txt", b"x" * 101, "larger than the 100 B size limit; not added"),
        ("virus.exe", TEXT.encode(), "not a .txt, .md, .html, .htm file; not added"),
        ("noname", TEXT.encode(), "not a .txt, .md, .html, .htm file; not added"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_written(tmp_path, name, data, reason):
    store = ArticleStore(tmp_path, max_bytes=100)

    article, problems = store.add(name, data)

    assert article is None
    assert len(problems) == 1 and problems[0].subject == name
    assert reason in problems[0].reason
    assert listing(tmp_path) == []


def test_an_unsafe_address_is_dropped_and_the_article_kept(tmp_path):
    article, problems = ArticleStore(tmp_path).add(
        "a.txt", TEXT.encode(), url="javascript:alert(document.cookie)"
    )

    assert article.url == ""
    assert "not an http(s) address" in problems[0].reason
    assert load_folder(tmp_path)[0][0].url == ""


def test_rewriting_the_manifest_keeps_lines_it_cannot_read(tmp_path):
    broken = 'x.txt,"unclosed,2022-01-01,,'
    (tmp_path / "articles.csv").write_text(f"file,title,published,source,url\n{broken}\n")
    (tmp_path / "x.txt").write_text(OTHER)
    store = ArticleStore(tmp_path)

    article, _ = store.add("a.txt", TEXT.encode(), title="A, con coma\ny salto")
    store.update_metadata(article.id, title="B", published=date(2020, 1, 2), source="", url="")

    lines = (tmp_path / "articles.csv").read_text().splitlines()
    assert lines == ["file,title,published,source,url", broken, "a.txt,B,2020-01-02,,"]


def test_a_manifest_whose_header_lacks_file_is_not_rewritten(tmp_path):
    (tmp_path / "articles.csv").write_text("name,title\nx.txt,X\n")
    store = ArticleStore(tmp_path)

    article, problems = store.add("a.txt", TEXT.encode())

    assert article is None
    assert "no 'file' column" in problems[0].reason
    assert (tmp_path / "articles.csv").read_text() == "name,title\nx.txt,X\n"
    assert listing(tmp_path) == ["articles.csv"]


def test_editing_or_deleting_an_unknown_article_changes_nothing(tmp_path):
    store = ArticleStore(tmp_path)
    store.add("a.txt", TEXT.encode(), title="A")
    before = (tmp_path / "articles.csv").read_bytes()

    assert "no such article" in store.delete("0" * 16)[0].reason
    edit = store.update_metadata("0" * 16, title="B", published=None, source="", url="")
    assert "no such article" in edit[0].reason
    assert (tmp_path / "articles.csv").read_bytes() == before


def test_deleting_removes_every_file_with_the_text(tmp_path):
    (tmp_path / "one.txt").write_text(TEXT)
    (tmp_path / "two.txt").write_text(TEXT + "\n")
    (tmp_path / "keep.txt").write_text(OTHER)
    store = ArticleStore(tmp_path)
    (_, article), _ = store.articles()

    assert article.path.name == "one.txt"
    assert store.delete(article.id) == []
    assert listing(tmp_path) == ["articles.csv", "keep.txt"]


def test_writers_in_threads_lose_nothing(tmp_path):
    store = ArticleStore(tmp_path)

    def add(worker: int) -> None:
        for index in range(5):
            store.add(f"w{worker}.txt", f"Texto {worker}-{index} sobre Lachin.".encode(), title="T")

    threads = [threading.Thread(target=add, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    articles, problems = load_folder(tmp_path)
    assert problems == []
    assert len(articles) == 20 and {a.title for a in articles} == {"T"}


# A writer that stops for good just before its n-th call of `os.replace` (or of `os.fsync`, when
# the file's bytes are written but not yet flushed to disk nor renamed) so the test can kill it.
WRITER = """
import os, sys, time
from datetime import date
from pathlib import Path
from geo.library import ArticleStore

folder, action, hook, stop_at = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
store = ArticleStore(folder)
real = getattr(os, hook)
calls = 0

def stopping(*args):
    global calls
    calls += 1
    if calls == stop_at:
        print("stopped", flush=True)
        time.sleep(600)
    return real(*args)

setattr(os, hook, stopping)
(article,), _ = store.articles()
if action == "add":
    store.add("new.txt", sys.stdin.buffer.read(), title="Nuevo", published=date(2022, 8, 4))
elif action == "edit":
    store.update_metadata(article.id, title="Editado", published=None, source="", url="")
elif action == "delete":
    store.delete(article.id)
elif action == "many":
    for index in range(10_000):
        store.add(f"n{index}.txt", f"Texto {index}.".encode() * 50, title=f"T{index}")
        print(index, flush=True)
print("finished", flush=True)
"""


def run_writer(folder: Path, action: str, hook: str, stop_at: int, stdin: bytes = b"") -> str:
    """Start the writer, kill it (SIGKILL) where it stops, and return the first line it said."""
    script = folder.parent / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(script), str(folder), action, hook, str(stop_at)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    child.stdin.write(stdin)
    child.stdin.close()
    said = child.stdout.readline().decode().strip()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    return said


def old_article(folder: Path) -> None:
    folder.mkdir()
    (folder / "old.txt").write_text(OTHER)
    (folder / "articles.csv").write_text("file,title,published,source,url\nold.txt,Viejo,,,\n")


def state(folder: Path) -> list[tuple[str, str, str, date | None]]:
    """What the loader sees; a half-written article, manifest or temp file would show here."""
    articles, problems = load_folder(folder)
    assert all(problem.reason.endswith("which is not in the folder") for problem in problems)
    return [(a.path.name, a.text, a.title, a.published) for a in articles]


BIG = ("Ataque con drones cerca de Verishen. " * 50_000).encode()  # 1.8 MB, under the limit
OLD = [("old.txt", OTHER, "Viejo", None)]
ADDED = [("new.txt", BIG.decode(), "Nuevo", date(2022, 8, 4)), *OLD]


@pytest.mark.parametrize(
    ("action", "hook", "stop_at", "seen_at_once", "after_reopening"),
    [
        # add: fsync of the article's bytes, then replace journal, article, manifest
        ("add", "fsync", 1, OLD, OLD),
        ("add", "replace", 1, OLD, OLD),
        ("add", "replace", 2, OLD, ADDED),
        ("add", "replace", 3, [("new.txt", BIG.decode(), "new", None), *OLD], ADDED),
        ("edit", "replace", 1, OLD, OLD),
        ("edit", "replace", 2, OLD, [("old.txt", OTHER, "Editado", None)]),
        ("delete", "replace", 1, OLD, OLD),
        ("delete", "replace", 2, [], []),
    ],
)
def test_a_writer_killed_midway_leaves_the_old_state_or_the_new(
    tmp_path, action, hook, stop_at, seen_at_once, after_reopening
):
    folder = tmp_path / "articles"
    old_article(folder)

    assert run_writer(folder, action, hook, stop_at, BIG if action == "add" else b"") == "stopped"

    assert state(folder) == seen_at_once
    ArticleStore(folder)
    assert state(folder) == after_reopening
    assert load_folder(folder)[1] == []
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == [".lock"]


def test_a_writer_killed_at_any_moment_leaves_whole_articles_with_their_metadata(tmp_path):
    folder = tmp_path / "articles"
    old_article(folder)

    assert run_writer(folder, "many", "replace", 0) == "0"

    ArticleStore(folder)
    articles, problems = load_folder(folder)
    assert problems == []
    for article in articles[:-1]:
        index = int(article.path.stem[1:])
        assert article.text == f"Texto {index}." * 50
        assert article.title == f"T{index}"
    assert articles[-1].path.name == "old.txt"


class Unpicklable:
    """Pickled under a module name that does not exist when it is read back."""


def test_the_result_cache_hits_only_for_the_same_article_version_and_settings(tmp_path):
    cache = ResultCache(tmp_path, version="1", settings="offline")
    assert cache.get("abc") is None
    cache.put("abc", {"incidents": [1, 2, 3]})

    again = ResultCache(tmp_path, version="1", settings="offline")
    assert again.get("abc") == {"incidents": [1, 2, 3]}
    assert ResultCache(tmp_path, version="2", settings="offline").get("abc", "miss") == "miss"
    assert ResultCache(tmp_path, version="1", settings="nominatim").get("abc", "miss") == "miss"
    assert again.get("other", "miss") == "miss"
    assert (again.hits, again.misses) == (1, 1)


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),
        lambda blob: b"not a cache entry at all",
    ],
    ids=["empty", "truncated", "bit flipped", "garbage"],
)
def test_a_damaged_cache_entry_is_a_miss_and_is_recomputed(tmp_path, damage):
    cache = ResultCache(tmp_path, version="1")
    cache.put("abc", list(range(100)))
    path = cache.path("abc")
    path.write_bytes(damage(path.read_bytes()))

    assert cache.get("abc", "miss") == "miss"
    cache.put("abc", "recomputed")
    assert ResultCache(tmp_path, version="1").get("abc") == "recomputed"


def test_a_cache_entry_whose_class_is_gone_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setattr(Unpicklable, "__module__", "geo.module_since_removed")
    monkeypatch.setitem(sys.modules, "geo.module_since_removed", sys.modules[__name__])
    cache = ResultCache(tmp_path, version="1")
    cache.put("abc", Unpicklable())
    monkeypatch.delitem(sys.modules, "geo.module_since_removed")

    assert cache.get("abc", "miss") == "miss"
    assert not cache.path("abc").exists()
