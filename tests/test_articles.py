"""The articles stage: real files on disk, good and bad, read into Articles and Problems."""

import os
import sys
from datetime import date
from pathlib import Path

import pytest

from geo.articles import (
    MAX_BYTES,
    SEEDS,
    article_id,
    articles_folder,
    default_folders,
    first_line_title,
    load_folder,
    load_folders,
)

GOOD = "Los enfrentamientos en el corredor de Lachin dejaron un soldado muerto.\n"
HEADER = "file,title,published,source,url\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def problems_by_subject(problems) -> dict[str, str]:
    return {problem.subject: problem.reason for problem in problems}


def test_seeds_load_with_their_metadata_and_exact_text():
    articles, problems = load_folder(SEEDS)

    assert problems == []
    assert [a.path.name for a in articles] == [
        "000_72a5ace2c57cf10c.txt",
        "003_d53284755918ea0b.txt",
    ]
    first, second = articles
    assert (first.title, first.published) == (
        "Enfrentamientos en el corredor de Lachin",
        date(2022, 8, 4),
    )
    assert first.source.startswith("Reuters y TASS") and first.url == ""
    assert second.published == date(2021, 5, 14)
    assert second.source == "Diario Armenia"
    assert second.url.startswith("https://diarioarmenia.org.ar/")
    for article in articles:
        assert article.text.encode("utf-8") == article.path.read_bytes()
        assert article.id == article_id(article.text) and len(article.id) == 16
        assert article.notes == ()


def test_without_metadata_the_title_is_a_short_first_line_else_the_file_name(tmp_path):
    write(tmp_path, "headline.txt", "Choques en la frontera\n\n" + GOOD)
    write(tmp_path, "long.txt", "Una primera línea muy larga " * 10 + "\n" + GOOD)

    (headline, long), problems = load_folder(tmp_path)

    assert problems == []
    assert (headline.title, headline.published, headline.source) == (
        "Choques en la frontera",
        None,
        "",
    )
    assert (long.title, long.published) == ("long", None)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("noise.txt", bytes(range(1, 32)) * 50, "binary"),
        ("scripts.html", b"<script>var a = 1;</script><style>p {}</style>", "no readable text"),
        ("report.pdf", b"%PDF-1.4 text", "not a .txt, .md, .html, .htm file"),
    ],
)
def test_a_bad_file_is_a_problem_naming_it_and_the_others_still_load(
    tmp_path, name, content, reason
):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, name, content)

    articles, problems = load_folder(tmp_path)

    assert [a.path.name for a in articles] == ["good.txt"]
    assert reason in problems_by_subject(problems)[name]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, "huge.txt", b"a" * (MAX_BYTES + 1))
    write(tmp_path, "just-fits.txt", b"b" * MAX_BYTES)

    articles, problems = load_folder(tmp_path)

    assert [a.path.name for a in articles] == ["good.txt", "just-fits.txt"]
    assert problems_by_subject(problems) == {"huge.txt": "larger than the 2 MB size limit"}


def test_hidden_files_temporary_files_and_fifos_are_skipped(tmp_path):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, ".tmp-half-written", GOOD[:10])
    write(tmp_path, ".draft.txt", "Un borrador.")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "sub.txt").mkdir()

    articles, problems = load_folder(tmp_path)

    assert [a.path.name for a in articles] == ["good.txt"]
    assert problems == []


def test_a_manifest_date_that_is_not_iso_is_named_with_its_line_and_the_rest_kept(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", "Otro texto sobre Syunik.")
    write(
        tmp_path,
        "articles.csv",
        HEADER + "a.txt,Título A,2022-08-04,Fuente A,\nb.txt,Título B,04/08/2022,Fuente B,\n",
    )

    (a, b), problems = load_folder(tmp_path)

    assert (a.title, a.published) == ("Título A", date(2022, 8, 4))
    assert (b.title, b.published, b.source) == ("Título B", None, "Fuente B")
    reason = problems_by_subject(problems)["articles.csv"]
    assert "line 3" in reason and "04/08/2022" in reason and "b.txt" in reason


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("b.txt,Un título, con coma,2021-05-14,Fuente,", "6 values for 5 columns"),
        ('b.txt,"Comillas sin cerrar,2021-05-14,Fuente,', "cannot be read as CSV"),
    ],
)
def test_a_broken_manifest_line_loses_only_itself(tmp_path, line, why):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", "Otro texto sobre Syunik.")
    write(tmp_path, "c.txt", "Un tercero sobre Gegharkunik.")
    write(tmp_path, "articles.csv", f"{HEADER}a.txt,A,2022-08-04,,\n{line}\nc.txt,C,2021-05-15,,\n")

    (a, b, c), problems = load_folder(tmp_path)

    assert (a.title, c.title, c.published) == ("A", "C", date(2021, 5, 15))
    assert (b.title, b.published) == ("Otro texto sobre Syunik.", None)
    assert [(p.subject, p.reason.startswith("line 3 ")) for p in problems] == [
        ("articles.csv", True)
    ]
    assert why in problems[0].reason


def test_a_manifest_row_for_a_missing_file_and_an_unsafe_address_are_problems(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(
        tmp_path,
        "articles.csv",
        HEADER + "a.txt,A,2022-08-04,Fuente,javascript:alert(1)\ngone.txt,G,,,\n",
    )

    (a,), problems = load_folder(tmp_path)

    assert (a.title, a.source, a.url) == ("A", "Fuente", "")
    reasons = [p.reason for p in problems if p.subject == "articles.csv"]
    assert any("javascript:alert(1)" in r and "not an http(s) address" in r for r in reasons)
    assert any("gone.txt, which is not in the folder" in r for r in reasons)


def test_a_manifest_without_a_file_column_is_reported_and_articles_still_load(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "articles.csv", "name,title\na.txt,A\n")

    (a,), problems = load_folder(tmp_path)

    assert a.title == GOOD.strip()
    assert "no 'file' column" in problems_by_subject(problems)["articles.csv"]


def test_the_same_text_twice_is_one_article_with_a_note(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", GOOD.replace("\n", "\r\n") + "\n\n")

    (article,), problems = load_folder(tmp_path)

    assert article.path.name == "a.txt"
    assert article.notes == ("the same text is also in b.txt",)
    reason = "the same text as a.txt; loaded once, as a.txt"
    assert problems_by_subject(problems) == {"b.txt": reason}


@pytest.mark.parametrize(
    ("data", "note"),
    [
        ("Azerbaiyán “dijo” — año".encode("cp1252"), "not UTF-8; decoded as Windows-1252"),
        ("Ereván, año, Gegharkunik".encode("latin-1"), "not UTF-8; decoded as Latin-1"),
        ("Ereván, año, Gegharkunik".encode("utf-16"), "decoded as UTF-16"),
    ],
)
def test_other_encodings_are_decoded_with_a_note(tmp_path, data, note):
    write(tmp_path, "old.txt", data)

    (article,), problems = load_folder(tmp_path)

    assert problems == []
    assert article.text in ("Azerbaiyán “dijo” — año", "Ereván, año, Gegharkunik")
    assert len(article.notes) == 1 and article.notes[0].startswith(note)


def test_utf8_with_a_bom_or_a_few_bad_bytes_stays_utf8(tmp_path):
    write(tmp_path, "bom.txt", "\ufeffEreván y Syunik".encode())
    write(tmp_path, "damaged.txt", "Ereván, Syunik, Azerbaiyán ".encode() + b"\xff" + b"fin")

    bom, damaged = load_folder(tmp_path)[0]

    assert (bom.text, bom.notes) == ("Ereván y Syunik", ())
    assert damaged.text == "Ereván, Syunik, Azerbaiyán \ufffdfin"
    assert damaged.notes == ("not valid UTF-8: 1 byte(s) replaced by \ufffd",)


def test_line_breaks_are_unified_before_anything_refers_to_offsets(tmp_path):
    write(tmp_path, "crlf.txt", b"Primera linea.\r\nSegunda.\rTercera.")

    (article,), _ = load_folder(tmp_path)

    assert article.text == "Primera linea.\nSegunda.\nTercera."


def test_html_is_reduced_to_its_readable_text(tmp_path):
    write(
        tmp_path,
        "page.html",
        """<!DOCTYPE html><html><head><title>Choques | Diario</title>
        <meta property="article:published_time" content="2022-08-04T09:30:00+00:00">
        <style>p { color: red }</style><script>alert("head")</script></head>
        <body><nav><a href="/">Portada</a> Moscú Tokio</nav>
        <article><h1>Choques en  el corredor</h1>
        <p>Azerbaiyán &amp; Armenia:&nbsp;un soldado <b>muerto</b>.</p>
        <script>document.title = "x"</script><noscript>Active JavaScript</noscript>
        <template><p>Plantilla</p></template>
        <p>Segundo párrafo<br>con salto.</p></article>
        <div class="related"><article><p>Otra noticia: Moscú</p></article></div>
        <footer>© Diario, Ereván</footer></body></html>""",
    )

    (article,), problems = load_folder(tmp_path)

    assert problems == []
    assert article.text == (
        "Choques en el corredor\n"
        "Azerbaiyán & Armenia: un soldado muerto.\n"
        "Segundo párrafo\ncon salto."
    )
    assert article.title == "Choques en el corredor"
    assert article.published == date(2022, 8, 4)
    assert article.notes == ("reduced from HTML to its text",)


def test_html_title_comes_from_title_without_h1_and_the_manifest_wins(tmp_path):
    write(tmp_path, "a.htm", "<title>Título de la página</title><p>Texto sobre Syunik.</p>")
    write(tmp_path, "b.html", "<h1>Encabezado</h1><p>Texto sobre Lachin.</p>")
    write(tmp_path, "articles.csv", HEADER + "b.html,Del manifiesto,,,\n")

    (a, b), _ = load_folder(tmp_path)

    assert (a.title, a.text) == ("Título de la página", "Texto sobre Syunik.")
    assert b.title == "Del manifiesto"


def test_malformed_html_loses_no_text(tmp_path):
    write(tmp_path, "marked.html", "<![if !IE]><p>Antes</p><![bogus[ x ]]><p>Después</p>")
    write(tmp_path, "webforms.htm", '<body><form id="form1"><p>Texto sobre Lachin.</p></body>')

    (marked, webforms), problems = load_folder(tmp_path)

    assert problems == []
    assert marked.text == "Antes\nDespués"
    assert webforms.text == "Texto sobre Lachin."


def test_a_manifest_saved_by_a_spreadsheet_is_read(tmp_path):
    bom, windows = tmp_path / "bom", tmp_path / "windows"
    for folder, manifest in (
        (bom, (HEADER + "a.txt,Ereván,,,\n").encode("utf-8-sig")),
        (windows, (HEADER + "a.txt,Ereván “hoy”,,,\r\n").encode("cp1252")),
    ):
        folder.mkdir()
        write(folder, "a.txt", GOOD)
        write(folder, "articles.csv", manifest)

    (a,), problems = load_folder(bom)
    (b,), trouble = load_folder(windows)

    assert (a.title, problems) == ("Ereván", [])
    assert b.title == "Ereván “hoy”"
    assert [str(p) for p in trouble] == ["articles.csv: not UTF-8; decoded as Windows-1252"]


def test_markup_in_a_text_file_is_kept_verbatim_as_text(tmp_path):
    hostile = (
        "Ataque en Lachin <script>alert(1)</script>\n"
        '<img src=x onerror=alert(1)> y <a href="javascript:alert(2)">aquí</a>\n'
        "[pulse](javascript:alert(3)) ![x](http://evil.example/t.png)\n"
    )
    write(tmp_path, "hostile.txt", hostile)
    write(tmp_path, "hostile.md", "# Título\n" + hostile)

    (markdown, text), problems = load_folder(tmp_path)

    assert problems == []
    assert text.text == hostile
    assert markdown.text == "# Título\n" + hostile
    assert markdown.title == "Título"


def test_load_folders_merges_folders_and_drops_a_text_found_in_both(tmp_path):
    seeds, own = tmp_path / "seeds", tmp_path / "mine"
    seeds.mkdir()
    own.mkdir()
    write(seeds, "a.txt", GOOD)
    write(own, "copy.txt", GOOD)
    write(own, "b.txt", "Otro texto sobre Syunik.")

    articles, problems = load_folders([seeds, own, tmp_path / "missing"])

    assert [a.path.name for a in articles] == ["a.txt", "b.txt"]
    assert problems_by_subject(problems) == {
        "mine/copy.txt": "the same text as seeds/a.txt; loaded once, as seeds/a.txt",
        str(tmp_path / "missing"): "no such folder",
    }


def test_the_articles_folder_is_the_argument_else_the_environment_else_articles(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("INCIDENT_ATLAS_ARTICLES", str(tmp_path / "from-env"))
    assert articles_folder(tmp_path / "given") == tmp_path / "given"
    assert articles_folder() == tmp_path / "from-env"
    monkeypatch.delenv("INCIDENT_ATLAS_ARTICLES")
    assert articles_folder() == SEEDS.parent / "articles"


def test_default_folders_are_the_seeds_and_the_users_folder_created_on_first_use(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("INCIDENT_ATLAS_ARTICLES", str(tmp_path / "mine"))

    folders = default_folders()

    assert folders == [SEEDS, tmp_path / "mine"]
    assert (tmp_path / "mine").is_dir()


def test_any_run_of_any_space_between_the_words_gives_the_same_id():
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    laid_out = "".join(f"{space * n}palabra" for n, space in enumerate(spaces, start=1)) + "\n "
    assert article_id(laid_out) == article_id(" ".join(["palabra"] * len(spaces)))
    assert article_id(laid_out) != article_id("palabra" * len(spaces))


def test_the_title_is_the_first_line_whatever_ends_it():
    assert first_line_title(" \n\x0c\t Un  titular\u2028el texto") == "Un titular"
    assert first_line_title("\x1c\n\x85## Otro\x1e", markdown=True) == "Otro"
    assert first_line_title(" \n\t") == ""
