#!/usr/bin/env python3
"""policykit's benchmark: ``make bench``, or ``python bench/run.py [--quick]``.

A script, not a test. It prints one table — figure, value, target, met —
and writes it with the machine it ran on to bench/RESULTS.md. Machines are
noisy, so every timing is set against a baseline measured in the same run,
interleaved with it, and every command-line timing is the best of a few
runs:

- throughput: extract_text + one-line JSON over a corpus of at least 20 MB
  (../shared/corpus/docs/*.txt and corpus/*.txt, repeated), in this process,
  against jieba segmenting the same texts with policykit's own tokenizer
  (policykit.nlp.jieba_tokenizer(): jieba's default tokenizer with the user
  dictionary loaded; ``jieba.lcut`` calls that same tokenizer);
- workers: ``policykit extract DIR --jsonl`` with one worker per core (fork
  and spawn) against ``--workers 1``, end to end, the outputs compared byte
  for byte (and the Dask engine on a local cluster, for information);
- cold start: ``policykit --help``, and ``policykit extract`` of the seed
  against ``python -c "import jieba; jieba.initialize()"`` (plain jieba);
- memory: peak memory of ``policykit extract DIR --jsonl`` over 10,000 small
  documents: the largest process (wait4's maxrss) and the whole process tree
  (parent and workers, proportional set size summed, sampled);
- Word: ``policykit assign seed.json`` for all departments;
- large documents: ``policykit extract`` of one plain text of 1, 5 and 20 MB
  (the corpus joined), of 3 million short lines (12 MB) and of one 50 MB
  line: time and peak memory (wait4's maxrss), each set against
  ``policykit extract`` of the seed (start-up, jieba and spaCy loaded): the
  memory a document adds must stay under 10 times its size, and the time
  per megabyte of 20 MB within 1.25 times that of 5 MB (linear).

--quick runs everything small (a smoke run, about 20 seconds) and writes
the table only where --results says. ``--only large`` reruns the large
documents alone and writes their rows over the same rows of the results
(the other rows stay, and a line under Machine says when they were rerun).
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
SEED = ROOT / "corpus" / "xinzhou-ip-2015.txt"
RESULTS = ROOT / "bench" / "RESULTS.md"
MB = 1_000_000
#: Measured figures the notes under the table explain themselves with.
FACTS: dict[str, float] = {}


@dataclass
class Row:
    figure: str
    value: str
    target: str = "—"
    met: bool | None = None  # None: a figure for information, without a target

    @property
    def verdict(self) -> str:
        return "—" if self.met is None else ("yes" if self.met else "NO")


# -- the corpus ------------------------------------------------------------------------


def sources() -> list[Path]:
    found = sorted(SHARED_DOCS.glob("*.txt")) + sorted((ROOT / "corpus").glob("*.txt"))
    if not found:
        sys.exit("bench: no .txt documents in ../shared/corpus/docs or corpus/")
    return found


def repeated(files: list[Path], at_least: int) -> list[tuple[str, str]]:
    """(name, text) of ``files`` repeated until the texts hold ``at_least`` bytes of UTF-8."""
    texts = [(f.name, f.read_text(encoding="utf-8-sig")) for f in files]
    out: list[tuple[str, str]] = []
    size = 0
    round_ = 0
    while True:
        for name, text in texts:
            if size >= at_least:
                return out
            out.append((f"r{round_:03d}-{name}", text))
            size += len(text.encode("utf-8"))
        round_ += 1


def write_corpus(folder: Path, docs: list[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def megabytes(docs: list[tuple[str, str]]) -> float:
    return sum(len(text.encode("utf-8")) for _, text in docs) / MB


# -- running commands ----------------------------------------------------------------


def policykit_command() -> list[str]:
    script = Path(sys.executable).with_name("policykit")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from policykit.cli import main; main()"]


def child_env() -> dict[str, str]:
    # As installed: compiled modules are cached, as pip does for every package it installs.
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("POLICYKIT_START_METHOD", None)
    return env


@dataclass
class Run:
    seconds: float
    maxrss_mb: float      # the largest single process of the run (wait4)
    tree_mb: float        # the peak of the whole process tree, PSS summed (0 when not sampled)
    sha256: str           # of standard output, when captured
    returncode: int


class CommandFailed(Exception):
    """A benchmarked command that did not succeed: its timing would mean nothing."""


#: Runs a command and writes the peak memory of its largest process (itself or a
#: descendant it reaped) to a file. The bench itself holds jieba and spaCy, and a
#: child forked from it keeps that resident size in its maxrss across exec: a
#: small launcher in between makes the figure the command's own.
LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run(cmd: list[str], cwd: Path = ROOT, capture: Path | None = None, sample_tree: bool = False,
        extra_env: dict[str, str] | None = None, own_memory: bool = False) -> Run:
    """Run ``cmd`` to its end; CommandFailed, with its standard error, unless it exits 0.
    ``own_memory``: through LAUNCHER, so that maxrss is the command's own (a few ms more)."""
    env = {**child_env(), **(extra_env or {})}
    peak = None
    if own_memory:
        peak = tempfile.NamedTemporaryFile(prefix="policykit-maxrss-", delete=False)
        peak.close()
        cmd = [sys.executable, "-c", LAUNCHER, peak.name, *cmd]
    out = open(capture, "wb") if capture else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    sampler = None
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        if sample_tree:
            sampler = TreeSampler(proc.pid)
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if capture:
            out.close()
        if sampler:
            sampler.stop()
    if proc.returncode != 0:
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
        raise CommandFailed(f"{' '.join(cmd[-6:])}: exit {proc.returncode}: {' / '.join(tail)}")
    err.close()
    digest = hashlib.sha256(capture.read_bytes()).hexdigest() if capture else ""
    maxrss_kb = usage.ru_maxrss
    if peak is not None:
        maxrss_kb = int(Path(peak.name).read_text() or 0)
        os.unlink(peak.name)
    return Run(seconds, maxrss_kb / 1024, sampler.peak_mb if sampler else 0.0, digest, proc.returncode)


def best(cmds: dict[str, list[str]], times: int, **kwargs) -> dict[str, float]:
    """The fastest of ``times`` runs of each command, the commands interleaved."""
    fastest = {name: float("inf") for name in cmds}
    for _ in range(times):
        for name, cmd in cmds.items():
            fastest[name] = min(fastest[name], run(cmd, **kwargs).seconds)
    return fastest


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants every 50 ms: the
    proportional set size summed, so pages shared by forked workers count once."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            self.peak_mb = max(self.peak_mb, sum(map(pss_mb, descendants(self.pid))))

    def stop(self) -> None:
        self._done.set()
        self.join()


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


# -- the figures ---------------------------------------------------------------------


def throughput(docs: list[tuple[str, str]]) -> list[Row]:
    """extract_text + JSON against jieba over the same texts, in this process, interleaved."""
    from policykit.nlp import jieba_tokenizer, pipeline
    from policykit.pipeline import extract_text
    from policykit.writers.jsonout import dumps

    tokenizer = jieba_tokenizer()
    pipeline()
    warm = SEED.read_text(encoding="utf-8")
    dumps(extract_text(warm, "seed").to_dict(), pretty=False)
    tokenizer.lcut(warm)
    extract_s = jieba_s = 0.0
    rounds = 8
    for r in range(rounds):
        part = docs[r::rounds]
        start = time.perf_counter()
        for name, text in part:
            dumps(extract_text(text, name).to_dict(), pretty=False)
        extract_s += time.perf_counter() - start
        start = time.perf_counter()
        for _, text in part:
            tokenizer.lcut(text)
        jieba_s += time.perf_counter() - start
    size = megabytes(docs)
    ratio = jieba_s / extract_s
    return [
        Row(f"throughput: extract, 1 process, {size:.1f} MB", f"{size / extract_s:.2f} MB/s"),
        Row("throughput: jieba.lcut (policykit's tokenizer), same text", f"{size / jieba_s:.2f} MB/s"),
        Row("throughput: extract ÷ jieba.lcut", f"{ratio:.2f}×", "≥ 1.0×", ratio >= 1.0),
    ]


def workers(folder: Path, size: float, cores: int, tmp: Path, times: int, with_dask: bool) -> list[Row]:
    base = policykit_command() + ["extract", str(folder), "--jsonl", "--quiet"]
    timings: dict[str, list[float]] = {}
    digests: dict[str, set[str]] = {}
    variants = {"1": (["--workers", "1"], {}), "fork": ([], {"POLICYKIT_START_METHOD": "fork"}),
                "spawn": ([], {"POLICYKIT_START_METHOD": "spawn"})}
    for i in range(times):
        for name, (args, env) in variants.items():
            if name == "spawn" and i > 0:
                continue
            result = run(base + args, capture=tmp / f"out-{name}.jsonl", extra_env=env)
            timings.setdefault(name, []).append(result.seconds)
            digests.setdefault(name, set()).add(result.sha256)
    one, fork, spawn = (min(timings[n]) for n in ("1", "fork", "spawn"))
    FACTS.update(workers_one=one, workers_fork=fork, cores=cores)
    reference = digests["1"]
    same = all(d == reference for d in digests.values()) and len(reference) == 1
    rows = [
        Row(f"workers: policykit extract --workers 1, {size:.1f} MB", f"{size / one:.2f} MB/s ({one:.1f} s)"),
        Row(f"workers: --workers {cores} (fork) ÷ --workers 1", f"{one / fork:.2f}× ({fork:.1f} s)",
            f"≥ 1.7× on 2 cores", one / fork >= 1.7 if cores >= 2 else None),
        Row(f"workers: --workers {cores} (spawn) ÷ --workers 1", f"{one / spawn:.2f}× ({spawn:.1f} s)",
            f"≥ 1.7× on 2 cores", one / spawn >= 1.7 if cores >= 2 else None),
        Row("workers: output of fork, spawn = --workers 1", "identical" if same else "DIFFERENT",
            "byte for byte", same),
    ]
    if with_dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            rows.append(Row("dask: local cluster", "not installed (pip install 'policykit[dask]')"))
        else:
            try:
                result = run(base + ["--engine", "dask", "--workers", str(cores)], capture=tmp / "out-dask.jsonl")
            except CommandFailed as exc:
                return rows + [Row("dask: local cluster", f"failed: {exc}", "byte for byte", False)]
            rows.append(Row(f"dask: local cluster of {cores} ÷ --workers 1", f"{one / result.seconds:.2f}× "
                            f"({result.seconds:.1f} s)"))
            rows.append(Row("dask: output = --workers 1", "identical" if {result.sha256} == reference
                            else "DIFFERENT", "byte for byte", {result.sha256} == reference))
    return rows


def cold_start(times: int) -> list[Row]:
    pk = policykit_command()
    jieba_init = [sys.executable, "-c", "import jieba; jieba.initialize()"]
    for cmd in (pk + ["extract", str(SEED)], jieba_init):  # caches (jieba's, compiled modules) in place
        run(cmd)
    fastest = best({"help": pk + ["--help"], "seed": pk + ["extract", str(SEED)], "jieba": jieba_init}, times)
    ratio = fastest["seed"] / fastest["jieba"]
    FACTS.update(seed=fastest["seed"], jieba=fastest["jieba"])
    rows = [
        Row("cold start: policykit --help", f"{fastest['help']:.2f} s", "≤ 0.3 s", fastest["help"] <= 0.3),
        Row("cold start: python -c 'import jieba; jieba.initialize()'", f"{fastest['jieba']:.2f} s"),
        Row("cold start: policykit extract seed", f"{fastest['seed']:.2f} s"),
        Row("cold start: extract seed ÷ jieba initialise", f"{ratio:.2f}×", "≤ 1.3×", ratio <= 1.3),
    ]
    stages = startup_stages(times)
    FACTS.update(spacy_import=next(sec for stage, sec in stages if stage.startswith("import spacy")),
                 jieba_init=next(sec for stage, sec in stages if stage.startswith("jieba initialise")))
    return rows + [Row(f"  of which {stage}", f"{seconds:.2f} s") for stage, seconds in stages]


def notes(rows: list[Row]) -> list[str]:
    """Why a target is not met, and what would meet it, from the figures of this run."""
    out = []
    missed = {r.figure for r in rows if r.met is False}
    if any(f.startswith("cold start: extract seed") for f in missed):
        spacy, jieba, seed = FACTS["spacy_import"], FACTS["jieba"], FACTS["seed"]
        out.append(
            f"Cold start: `import spacy` alone takes {spacy:.2f} s, {spacy / jieba:.2f}× the whole baseline "
            f"({jieba:.2f} s), because spaCy imports thinc, pydantic, numpy and its own command line "
            f"(requests, typer, weasel) although a blank `zh` tokenizer uses none of them; jieba's "
            f"initialisation ({FACTS['jieba_init']:.2f} s) is paid by both. With spaCy on the extraction "
            f"path the floor is the baseline plus that import, {1 + spacy / jieba:.2f}×, even if policykit's "
            f"own code cost nothing (it costs {seed - jieba - spacy:.2f} s more). What would meet it: a spaCy "
            f"that imports its training and CLI machinery lazily (upstream), jieba without spaCy for the few "
            f"phrases it segments (the same words; a project decision), or a warm process: a batch pays "
            f"start-up once (once per worker with --workers, once per Dask worker)."
        )
    missed_workers = [r for r in rows if r.met is False and r.figure.startswith("workers: --workers")]
    if missed_workers and "workers_one" in FACTS:
        one, start = FACTS["workers_one"], FACTS.get("seed", 0.0)
        ideal = one / (start + (one - start) / FACTS["cores"])
        measured = "; ".join(f"{r.figure.removeprefix('workers: ')}: {r.value}" for r in missed_workers)
        out.append(
            f"Workers: both runs pay about {start:.1f} s of start-up (as the cold start: spaCy's import and "
            f"jieba's dictionary, in the parent or in each spawned worker), so even perfect scaling would "
            f"give {ideal:.2f}× here; measured {measured}. Any other process busy on the machine takes a "
            f"core from the workers (see the load averages above). What would meet it: an idle machine, a "
            f"larger batch (the start-up's share shrinks), or a start-up that costs less (see cold start)."
        )
    missed_large = [r for r in rows if r.met is False and r.figure.startswith("large: ") and "÷ input" in r.figure]
    sizes = sorted(float(key.removeprefix("large_added_")) for key in FACTS if key.startswith("large_added_"))
    if missed_large and len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        slope = (FACTS[f"large_added_{large:g}"] - FACTS[f"large_added_{small:g}"]) / (large - small)
        measured = "; ".join(f"{r.figure.removeprefix('large: ')}: {r.value}" for r in missed_large)
        out.append(
            f"Large documents: {measured}. Each further megabyte of text adds {slope:.1f} MB (from {small:g} "
            f"to {large:g} MB){', under 10 times the text' if slope < 10 else ''}. "
            f"What a document adds is what policykit holds for it at once — the source text, "
            f"its normalised copy, each measure's own text, the spans and outline around them — and the "
            f"memory allocator's slack. What would meet it: a document model that holds the text once and "
            f"refers to it by spans."
        )
    return out


STAGES = r"""
import time
t = time.perf_counter()
def lap(stage):
    global t
    now = time.perf_counter()
    print(f"{stage}\t{now - t}")
    t = now
import policykit.cli
lap("Python start + policykit.cli (click)")
import policykit.pipeline
lap("policykit.pipeline (extractors, cn2an)")
import jieba
lap("import jieba")
import spacy
lap("import spacy (thinc, pydantic, numpy, its CLI)")
from policykit.nlp import jieba_tokenizer, pipeline
jieba_tokenizer()
lap("jieba initialise + user dictionary")
pipeline()
lap("spacy.blank('zh') with jieba")
import sys
from policykit.writers.jsonout import dumps
dumps(policykit.pipeline.extract_file(sys.argv[1]).to_dict())
lap("read, extract, JSON of the seed")
"""


def startup_stages(times: int) -> list[tuple[str, float]]:
    """Where the cold start of ``extract`` goes, best of ``times``."""
    best_of: dict[str, float] = {}
    for _ in range(times):
        out = subprocess.run([sys.executable, "-c", STAGES, str(SEED)], capture_output=True, text=True,
                             env=child_env(), cwd=ROOT, check=True).stdout
        for line in out.splitlines():
            stage, seconds = line.split("\t")
            best_of[stage] = min(best_of.get(stage, float("inf")), float(seconds))
    return list(best_of.items())


def memory(tmp: Path, count: int, cores: int) -> list[Row]:
    small = [f for f in sources() if f.stat().st_size <= 12_000]
    docs = []
    for i in range(count):
        source = small[i % len(small)]
        docs.append((f"{i:05d}-{source.name}", source.read_text(encoding="utf-8-sig")))
    folder = write_corpus(tmp / "many", docs)
    size = megabytes(docs)
    del docs
    result = run(policykit_command() + ["extract", str(folder), "--jsonl", "--quiet"], sample_tree=True,
                 own_memory=True)
    label = f"{count:,} docs ({size:.0f} MB), --jsonl, {cores} workers"
    return [
        Row(f"memory: {label}: largest process", f"{result.maxrss_mb:.0f} MB", "< 400 MB", result.maxrss_mb < 400),
        Row(f"memory: {label}: whole tree (PSS)", f"{result.tree_mb:.0f} MB", "< 400 MB", result.tree_mb < 400),
    ]


def large_documents(tmp: Path, quick: bool) -> list[Row]:
    """One large document at a time, in the command's own process."""
    # With the default --timeout the command first loads all that extraction loads on first use.
    base = run(policykit_command() + ["extract", str(SEED)], own_memory=True)
    texts = [f.read_text(encoding="utf-8-sig") for f in sources()]
    rows = [Row("large: policykit extract seed (start-up, everything loaded: the baseline)",
                f"{base.seconds:.1f} s, {base.maxrss_mb:.0f} MB")]
    per_mb: dict[float, float] = {}
    sizes = (0.25, 1.0) if quick else (1.0, 5.0, 20.0)
    cases = [(f"{size:g} MB of text", size, _joined(texts, int(size * MB))) for size in sizes]
    if not quick:
        cases += [("3 million short lines (12 MB)", 12.0, "推\n" * 3_000_000),
                  ("one line of 50 MB", 50.0, "加强组织领导，" * (50 * MB // 21))]
    for label, size, text in cases:
        path = tmp / f"large-{size:g}.txt"
        path.write_text(text, encoding="utf-8")
        del text
        # The default --timeout: like the baseline, everything is loaded before the document is read.
        result = run(policykit_command() + ["extract", str(path), "--compact"], own_memory=True)
        added = max(0.0, result.maxrss_mb - base.maxrss_mb)
        rows.append(Row(f"large: {label}: time, peak memory", f"{result.seconds:.1f} s, {result.maxrss_mb:.0f} MB"))
        rows.append(Row(f"large: {label}: memory added ÷ input", f"{added / size:.1f}× ({added:.0f} MB)", "< 10×",
                        added / size < 10))
        if label.endswith("MB of text"):
            per_mb[size] = max(0.0, result.seconds - base.seconds) / size
            FACTS[f"large_added_{size:g}"] = added
        path.unlink()
    small, large = sorted(per_mb)[-2:]
    ratio = per_mb[large] / per_mb[small] if per_mb[small] else float("inf")
    rows.append(Row(f"large: time per MB, {large:g} MB ÷ {small:g} MB (start-up taken off)", f"{ratio:.2f}×",
                    "≤ 1.25× (linear)", ratio <= 1.25))
    return rows


def _joined(texts: list[str], size: int) -> str:
    """The corpus texts one after another, cut at ``size`` bytes of UTF-8: one long document."""
    parts, total = [], 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text.encode("utf-8")) + 1
            if total >= size:
                break
    return "\n".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")


def word(tmp: Path, times: int) -> list[Row]:
    seed_json = tmp / "seed.json"
    with open(seed_json, "wb") as fh:
        subprocess.run(policykit_command() + ["extract", str(SEED)], stdout=fh, check=True, env=child_env())
    fastest = float("inf")
    for i in range(times + 1):  # the first run only warms the caches
        seconds = run(policykit_command() + ["assign", str(seed_json), "-o", str(tmp / f"sheets{i}")]).seconds
        fastest = min(fastest, seconds) if i else fastest
    return [Row("word: policykit assign seed.json (all departments)", f"{fastest:.2f} s", "≤ 0.5 s",
                fastest <= 0.5)]


def review_pages(quick: bool) -> list[Row]:
    """The review page (policykit show) of a document of n and of 4n measures,
    built in this process: its time per measure may not grow with n."""
    import policykit
    from policykit.writers.review import review_page

    sizes = (250, 1000) if quick else (1000, 4000)
    per_measure = {}
    for n in sizes:
        text = "青山市工作方案\n一、重点任务\n" + "".join(
            f"{i}.推进第{i}项工作。按照《青山市条例》（青政发〔2024〕{i}号）要求，2025年底前完成率达到90%以上。"
            "（牵头单位：市发改委；配合单位：市财政局、市科技局）\n" for i in range(1, n + 1))
        doc = policykit.extract_text(text)
        fastest = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            review_page(doc, text)
            fastest = min(fastest, time.perf_counter() - started)
        per_measure[n] = fastest / n
    small, large = sizes
    ratio = per_measure[large] / per_measure[small]
    return [Row(f"review: page of {large} measures, time per measure ÷ that of {small}", f"{ratio:.2f}×",
                "≤ 1.5× (linear)", ratio <= 1.5)]


# -- the table ------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    head = ("figure", "value", "target", "met")
    cells = [head] + [(r.figure, r.value, r.target, r.verdict) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    lines = ["| " + " | ".join(c[i].ljust(widths[i]) for i in range(4)) + " |" for c in cells]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"CPU": model, "cores": str(os.cpu_count()), "usable cores": str(len(os.sched_getaffinity(0))),
            "memory": f"{memory_gb:.0f} GiB", "Python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}",
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def results_markdown(rows: list[Row], info: dict[str, str], seconds: float, quick: bool) -> str:
    lines = ["# policykit benchmark", "",
             "Written by `make bench` (`bench/run.py`" + (" --quick" if quick else "") + "). Every timing is set",
             "against a baseline measured in the same run; command-line timings are the best of",
             "several runs. See `bench/run.py` for what each figure measures.", "", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines += [f"- load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
              f"- bench run time: {seconds:.0f} s", "", "## Results", "", table(rows), ""]
    explained = notes(rows)
    if explained:
        lines += ["## Targets not met", ""] + [f"- {note}\n" for note in explained]
    return "\n".join(lines)


def only_part(part: str, results: Path | None, quick: bool) -> int:
    """One part of the bench (``large``), its rows written over the same rows
    of ``results``: a heavy part rerun after a change, without the rest."""
    started, load = time.perf_counter(), " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="policykit-bench-") as tmp_name:
        try:
            fresh = large_documents(Path(tmp_name), quick)
        except CommandFailed as exc:
            print(f"bench: a command failed, so its timing means nothing: {exc}", file=sys.stderr)
            return 1
    print(table(fresh))
    if results is None:
        return 0
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    head, _, rest = text.partition("## Results\n")
    if not rest:
        print(f"bench: {results} holds no results to update; run the whole bench", file=sys.stderr)
        return 1
    old_rows = [_parsed(line) for line in rest.split("\n\n", 1)[0].strip().splitlines()[2:]]
    prefix = f"{part}: "
    rows = [r for r in old_rows if not r.figure.startswith(prefix)] + fresh
    date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    stamp = f"- rows `{prefix.strip()}` rerun alone (`bench/run.py --only {part}`): "
    machine_lines = [line for line in head.rstrip("\n").splitlines() if not line.startswith(stamp)]
    machine_lines.append(f"{stamp}{date}, load average {load}, {time.perf_counter() - started:.0f} s")
    kept_notes = [n for n in rest.partition("## Targets not met\n")[2].strip().split("\n\n")
                  if n.strip() and not n.startswith("- Large documents:")]
    lines = machine_lines + ["", "## Results", "", table(rows), ""]
    explained = kept_notes + [f"- {note}" for note in notes(fresh)]
    if explained:
        lines += ["## Targets not met", ""] + [f"{note.strip()}\n" for note in explained]
    results.write_text("\n".join(lines), encoding="utf-8")
    print(f"bench: {part} rows written to {results}", file=sys.stderr)
    return 0


def _parsed(line: str) -> Row:
    # "| " + cells joined by " | " + " |"; a figure may begin with spaces ("  of which …")
    figure, value, target, verdict = (cell.rstrip() for cell in line.strip()[2:-2].split(" | "))
    return Row(figure, value, target, {"yes": True, "NO": False}.get(verdict))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="policykit's benchmark: one table of figures and targets.")
    parser.add_argument("--quick", action="store_true", help="a small smoke run (about 20 seconds)")
    parser.add_argument("--only", choices=["large"],
                        help="run only this part and replace its rows in the results (the others stay as they were)")
    parser.add_argument("--results", type=Path, help="write the table here (default: bench/RESULTS.md, "
                                                     "not written by --quick)")
    args = parser.parse_args(argv)
    results = args.results or (None if args.quick else RESULTS)
    started = time.perf_counter()
    if args.only:
        return only_part(args.only, results, args.quick)
    info = machine()
    cores = len(os.sched_getaffinity(0))
    docs = repeated(sources(), MB // 4 if args.quick else 20 * MB)
    times = 1 if args.quick else 3
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="policykit-bench-") as tmp_name:
        tmp = Path(tmp_name)
        folder = write_corpus(tmp / "corpus", docs)
        print(f"bench: {len(docs)} documents, {megabytes(docs):.1f} MB", file=sys.stderr)
        try:
            rows += throughput(docs)
            rows += workers(folder, megabytes(docs), cores, tmp, 1 if args.quick else 3, with_dask=not args.quick)
            del docs
            rows += cold_start(times)
            rows += memory(tmp, 100 if args.quick else 10_000, cores)
            rows += word(tmp, times)
            rows += review_pages(args.quick)
            rows += large_documents(tmp, args.quick)
        except CommandFailed as exc:
            print(f"bench: a command failed, so its timing means nothing: {exc}", file=sys.stderr)
            return 1
    print(table(rows))
    for note in notes(rows):
        print(f"\n{note}")
    if results:
        results.write_text(results_markdown(rows, info, time.perf_counter() - started, args.quick), encoding="utf-8")
        print(f"bench: written to {results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
