"""How long the article store takes with many articles: adding, loading, and the result cache.

    uv run python benchmarks/articles.py [COUNT]

Articles are the two samples with a serial number added, so each is a distinct text of
realistic length; every fourth is HTML.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from geo.articles import SEEDS, load_folder
from geo.library import ArticleStore, ResultCache
from geo.model import Excerpt


def main(count: int) -> None:
    samples = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as scratch:
        store = ArticleStore(Path(scratch) / "articles")
        started = time.perf_counter()
        for index in range(count):
            text = f"{samples[index % 2]}\nNúmero {index}."
            if index % 4 == 3:
                body = "".join(f"<p>{line}</p>" for line in text.splitlines())
                store.add(f"a{index}.html", f"<html><body>{body}</body></html>".encode())
            else:
                store.add(f"a{index}.txt", text.encode(), title=f"Artículo {index}")
        added = time.perf_counter() - started
        print(f"add:        {count} articles in {added:.2f} s ({added / count * 1000:.1f} ms each)")

        started = time.perf_counter()
        articles, problems = load_folder(store.folder)
        loaded = time.perf_counter() - started
        assert len(articles) == count and not problems, problems
        print(f"load_folder: {count} articles in {loaded:.2f} s")

        started = time.perf_counter()
        store.delete(articles[0].id)
        print(f"delete one with {count} in the folder: {time.perf_counter() - started:.3f} s")

        cache = ResultCache(Path(scratch) / "cache", version="bench")
        started = time.perf_counter()
        for a in articles:
            excerpt = Excerpt(a.id, a.title, a.published, a.source, a.url, a.text[:200])
            cache.put(a.id, [excerpt] * 20)
        put = time.perf_counter() - started
        started = time.perf_counter()
        hits = sum(cache.get(article.id) is not None for article in articles)
        got = time.perf_counter() - started
        print(f"cache put:  {count} entries in {put:.2f} s; get: {hits} hits in {got:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
