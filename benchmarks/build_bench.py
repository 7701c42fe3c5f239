"""Build benchmark: words per second per core of spaCy alone, `extract` and `build`; the
speed-up of worker processes and of a Dask cluster; peak memory; store size per article.

    python benchmarks/build_bench.py [--articles 10000] [--json]

Generates a corpus of --articles short diplomatic news articles (the templates and actors of
tests/corpus.py: knowledge-base countries, organisations and people) as one JSON Lines file,
then measures in the same run, each step in a fresh process on the same corpus:

- spacy:    spaCy's own pipeline (nlp.pipe) over the texts (model loading left out);
- extract:  the whole extraction pipeline, pipeline.extract_many (model loading left out);
- build:    `actorgraph build CORPUS --jobs 1`, `--jobs 2`, and `--dask local --jobs 2` (a
            Dask LocalCluster of two worker processes), each into a new embedded store, timed
            from the command's start to its end;
- memory:   `build --jobs 1` on the first tenth of the corpus, to compare its peak memory with
            the whole corpus's (flat memory: ratio near 1).

Prints words per second per core, the ratios build/spaCy and extract/spaCy (time per core;
target for build: 1.5 or less; and the same in CPU time, which other work on a shared machine
disturbs less), the speed-ups over --jobs 1 (target for --jobs 2: 1.7 or
more), peak memory (the largest of the build process and the workers it started), store bytes
per article, and the time 1M such articles would take on N cores at the measured rate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def write_corpus(path: Path, count: int, seed: int = 7) -> int:
    """`count` generated articles as JSON Lines; returns their words."""
    from corpus import article, cast

    rng = random.Random(seed)
    actors = cast()
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            text = article(rng, actors)
            words += len(text.split())
            day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            record = {"id": f"gen-{number:07d}", "date": day, "title": f"Report {number}"}
            out.write(json.dumps({**record, "text": text}) + "\n")
    return words


def head(path: Path, out: Path, count: int) -> None:
    with path.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as target:
        for _, line in zip(range(count), source, strict=False):
            target.write(line)


def run(command: list[str]) -> dict[str, float]:
    """Run a command; its wall time and the peak memory of it and the children it waited for."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{output.decode()}")
    cpu = usage.ru_utime + usage.ru_stime  # the command's and its waited-for children's
    result = {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": usage.ru_maxrss / 1024}
    last = output.decode().strip().splitlines()[-1:] or [""]
    if last[0].startswith("{"):
        result.update(json.loads(last[0]))
    return result


def timed_stage(stage: str, corpus: Path) -> None:
    """In a child process: time spaCy alone or the extraction pipeline on the corpus."""
    import spacy

    from actorgraph import nlp, pipeline, read

    documents = list(read.read_documents([corpus]))
    if stage == "spacy":
        model = spacy.load(nlp.model_name())
        list(model.pipe([documents[0].text]))
        started, cpu = time.perf_counter(), time.process_time()
        for _ in model.pipe(d.text for d in documents):
            pass
    else:
        model = pipeline.prepare(nlp.load())
        list(pipeline.extract_many(documents[:1], model))
        started, cpu = time.perf_counter(), time.process_time()
        for _ in pipeline.extract_many(documents, model):
            pass
    inner = {"inner_seconds": time.perf_counter() - started}
    print(json.dumps({**inner, "inner_cpu_seconds": time.process_time() - cpu}))


def store_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(articles: int, work: Path) -> dict[str, float]:
    corpus = work / "corpus.jsonl"
    words = write_corpus(corpus, articles)
    tenth = work / "tenth.jsonl"
    head(corpus, tenth, max(1, articles // 10))
    me = [sys.executable, str(Path(__file__).resolve())]
    cli = [sys.executable, "-m", "actorgraph", "build"]
    figures: dict[str, float] = {"articles": articles, "words": words}
    spacy_run = run([*me, "--stage", "spacy", str(corpus)])
    extract_run = run([*me, "--stage", "extract", str(corpus)])
    figures["spacy_seconds"] = spacy_run["inner_seconds"]
    figures["extract_seconds"] = extract_run["inner_seconds"]
    figures["spacy_cpu_seconds"] = spacy_run["inner_cpu_seconds"]
    figures["extract_cpu_seconds"] = extract_run["inner_cpu_seconds"]
    builds = {
        "jobs1": ["--jobs", "1"],
        "jobs2": ["--jobs", "2"],
        "dask2": ["--dask", "local", "--jobs", "2"],
    }
    for name, options in builds.items():
        location = work / f"store-{name}"
        result = run([*cli, str(corpus), "--store", str(location), *options])
        figures[f"{name}_seconds"] = result["seconds"]
        figures[f"{name}_cpu_seconds"] = result["cpu_seconds"]
        figures[f"{name}_peak_mb"] = result["peak_mb"]
        if name == "jobs1":
            figures["store_bytes_per_article"] = store_bytes(location) / articles
    small = run([*cli, str(tenth), "--store", str(work / "store-tenth"), "--jobs", "1"])
    figures["tenth_peak_mb"] = small["peak_mb"]
    return figures


def report(f: dict[str, float]) -> list[str]:
    words = f["words"]
    per_core = {
        "spaCy alone": words / f["spacy_seconds"],
        "extract": words / f["extract_seconds"],
        "build --jobs 1": words / f["jobs1_seconds"],
        "build --jobs 2": words / f["jobs2_seconds"] / 2,
        "build --dask local --jobs 2": words / f["dask2_seconds"] / 2,
    }
    rate = f["articles"] / f["jobs2_seconds"] / 2  # articles per second per core
    lines = [f"corpus: {f['articles']:.0f} articles, {words:.0f} words (JSON Lines)"]
    lines += [f"{name:<28} {value:>8.0f} words/s per core" for name, value in per_core.items()]
    lines += [
        f"extract / spaCy time: {f['extract_seconds'] / f['spacy_seconds']:.2f}",
        f"build --jobs 1 / spaCy time (per core): "
        f"{f['jobs1_seconds'] / f['spacy_seconds']:.2f} (target 1.5 or less)",
        f"in CPU time (busy machine: less affected than wall time): extract / spaCy "
        f"{f['extract_cpu_seconds'] / f['spacy_cpu_seconds']:.2f}, build --jobs 1 / spaCy "
        f"{f['jobs1_cpu_seconds'] / f['spacy_cpu_seconds']:.2f}, --jobs 2 / --jobs 1 "
        f"{f['jobs2_cpu_seconds'] / f['jobs1_cpu_seconds']:.2f}",
        f"speed-up of --jobs 2 over --jobs 1: "
        f"{f['jobs1_seconds'] / f['jobs2_seconds']:.2f} (target 1.7 or more)",
        f"speed-up of a 2-worker Dask cluster over --jobs 1: "
        f"{f['jobs1_seconds'] / f['dask2_seconds']:.2f}",
        f"peak memory: --jobs 1 {f['jobs1_peak_mb']:.0f} MB (on a tenth of the corpus "
        f"{f['tenth_peak_mb']:.0f} MB: {f['jobs1_peak_mb'] / f['tenth_peak_mb']:.2f}x), "
        f"--jobs 2 {f['jobs2_peak_mb']:.0f} MB, Dask {f['dask2_peak_mb']:.0f} MB (largest process)",
        f"store: {f['store_bytes_per_article'] / 1024:.1f} KB per article",
    ]
    for cores in (2, 8, 32, 128):
        hours = 1_000_000 / (rate * cores) / 3600
        lines.append(f"projected: 1M such articles on {cores} cores: {hours:.1f} h")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build speed, scaling, memory and store size.")
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--stage", choices=("spacy", "extract"), help=argparse.SUPPRESS)
    parser.add_argument("corpus", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        timed_stage(args.stage, args.corpus)
        return 0
    with tempfile.TemporaryDirectory(prefix="build-bench-") as work:
        figures = measure(args.articles, Path(work))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print("\n".join(report(figures)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
