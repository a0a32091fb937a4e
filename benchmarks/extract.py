"""How fast `python -m geo extract --offline` is: start-up, articles/s after it, stages, memory.

    uv run python benchmarks/extract.py                       # 2,000 articles, json, 3 runs
    uv run python benchmarks/extract.py --articles 5000 --format geojson --runs 5
    uv run python benchmarks/extract.py --texts tests/gold/texts   # real articles, cycled

A corpus of `--articles` generated articles of ~2,500 characters (`geo.corpus`, seeded) is
written to a scratch folder; with `--texts`, copies of the real articles of a folder instead,
cycled to `--articles` files (the gold texts name 34 places an article, the generated ones 5,
and cost about three times as much). Start-up is a cold `python -m geo extract` of one of its
files, timed as a subprocess. Throughput is `geo.cli.main` on the whole corpus in this process,
once start-up (imports, place table) is paid, with its output written to /dev/null: in wall
time and in CPU time, which other work on a shared machine disturbs less. The per-stage split
times the same `geo.cli.main` run, each stage function wrapped in a CPU-time clock where
extract looks it up: setting up the engine, reading the files (and the manifest), finding
the places, locating them, detecting events, merging incidents (per article for json,
across articles for the tables), making the output, and `other` for the rest of the run
(argument parsing, bookkeeping, printing), so that the stages add up to the run's total.
Peak RSS is that of this process and of a whole `python -m geo extract` of the corpus.
Everything runs pinned to one core where the system allows. Figures are medians of `--runs`;
nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import cli, pipeline  # noqa: E402
from geo.cli import main  # noqa: E402

STAGES = {
    "setup": [(cli, "pipeline_for")],
    "read": [(cli, "read_files")],
    "find": [(pipeline, "find_mentions")],
    "locate": [(pipeline, "locate")],
    "events": [(pipeline, "detect_events")],
    "incidents": [(cli, "build_incidents")],
    "output": [(cli, "extract_json"), (cli, "to_geodataframe"), (cli, "incidents_to_bytes")],
}
"""The functions `extract` calls for each stage, by the module it calls them from; none of
them calls another, so no time is counted twice."""


def pin_to_one_core() -> str:
    """Pin this process (and the subprocesses it starts) to one core, when the OS lets it."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    core = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def extract_process(paths: list[Path], output_format: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of a fresh `python -m geo extract`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "geo", "extract", *map(str, paths), "--offline"]
        + ["--format", output_format],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        raise SystemExit(f"extract failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def copy_cycling(texts: list[Path], folder: Path, count: int) -> None:
    """`count` files in `folder`, the texts over and over, each copy under a name of its own."""
    if not texts:
        raise SystemExit("no .txt files in the --texts folder")
    folder.mkdir(parents=True)
    for number in range(count):
        source = texts[number % len(texts)]
        (folder / f"{number:05d}-{source.name}").write_bytes(source.read_bytes())


def extract_in_process(paths: list[Path], output_format: str) -> tuple[float, float]:
    """Wall and CPU seconds of `geo.cli.main(["extract", ...])`, what `python -m geo` runs."""
    argv = ["extract", *map(str, paths), "--offline", "--format", output_format]
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        wall, cpu = time.perf_counter(), time.process_time()
        code = main(argv)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if code != 0:
        raise SystemExit(f"extract failed with exit code {code}")
    return wall, cpu


def stages(paths: list[Path], output_format: str) -> dict[str, float]:
    """CPU seconds of each stage of one `extract` run, and of the rest of it as `other`."""
    seconds = dict.fromkeys([*STAGES, "other"], 0.0)

    def timed(stage: str, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[stage] += time.process_time() - start

        return wrapper

    with contextlib.ExitStack() as patches:
        for stage, functions in STAGES.items():
            for module, name in functions:
                wrapped = timed(stage, getattr(module, name))
                patches.enter_context(mock.patch.object(module, name, wrapped))
        _, total = extract_in_process(paths, output_format)
    seconds["other"] = total - sum(seconds.values())
    return seconds


def _total(split: dict[str, float]) -> float:
    return sum(split.values())


def main_benchmark(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed")
    parser.add_argument("--format", choices=("json", "geojson", "csv"), default="json")
    parser.add_argument("--runs", type=int, default=3, help="runs to take the median of")
    parser.add_argument(
        "--texts",
        type=Path,
        help="a folder of real articles to cycle through instead of generated ones"
        " (tests/gold/texts: denser in places and events than the generated corpus)",
    )
    args = parser.parse_args(argv)

    print(pin_to_one_core())
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as scratch:
        folder = Path(scratch) / "corpus"
        if args.texts:
            copy_cycling(sorted(args.texts.glob("*.txt")), folder, args.articles)
        else:
            subprocess.run(
                [sys.executable, "-m", "geo.corpus", "--articles", str(args.articles)]
                + ["--seed", str(args.seed), "--out", str(folder)],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                check=True,
            )
        paths = sorted(folder.glob("*.txt"))
        characters = sum(len(p.read_text(encoding="utf-8")) for p in paths) / len(paths)
        print(f"corpus: {len(paths)} articles, {characters:,.0f} characters each on average")

        cold = [extract_process(paths[:1], args.format) for _ in range(args.runs)]
        print(
            f"start-up: {statistics.median(run[0] for run in cold):.2f} s wall,"
            f" {statistics.median(run[1] for run in cold):.2f} s CPU"
            " (a cold `python -m geo extract` of one file)"
        )

        extract_in_process(paths[:1], args.format)
        runs = [extract_in_process(paths, args.format) for _ in range(args.runs)]
        print(f"after start-up, --format {args.format}:")
        walls, cpus = zip(*runs, strict=True)
        for kind, seconds in (("wall", statistics.median(walls)), ("CPU", statistics.median(cpus))):
            print(
                f"  {len(paths) / seconds:6,.0f} articles/s, {1000 * seconds / len(paths):.2f}"
                f" ms/article ({kind}: {seconds:.2f} s for {len(paths)})"
            )

        split = sorted((stages(paths, args.format) for _ in range(args.runs)), key=_total)
        middle = split[(len(split) - 1) // 2]
        print(f"stages of the run of median total (CPU time, {len(split)} runs):")
        for stage, seconds in [*middle.items(), ("total", _total(middle))]:
            each = 1000 * seconds / len(paths)
            print(f"  {stage:<10} {seconds:6.2f} s {each:6.3f} ms/article")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {peak:.0f} MiB")

        wall, cpu, peak = extract_process(paths, args.format)
        print(
            f"a whole `python -m geo extract` of the corpus: {wall:.2f} s wall, {cpu:.2f} s CPU,"
            f" peak RSS {peak:.0f} MiB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main_benchmark())
