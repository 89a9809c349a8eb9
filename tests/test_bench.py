"""`bench/run.py --quick`: the benchmark script runs end to end and prints its table.

A smoke run only: the figures of a quick run on a busy test machine mean
nothing, so nothing here looks at them.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "run.py"


def test_the_quick_bench_prints_every_figure_and_writes_the_results(tmp_path):
    results = tmp_path / "RESULTS.md"
    run = subprocess.run([sys.executable, str(BENCH), "--quick", "--results", str(results)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    table = run.stdout
    assert table.startswith("| figure")
    for figure in ("throughput: extract ÷ jieba.lcut", "workers: --workers", "cold start: policykit --help",
                   "cold start: extract seed ÷ jieba initialise", "memory: 100 docs", "word: policykit assign",
                   "large: 1 MB of text: memory added ÷ input", "large: time per MB",
                   "review: page of 1000 measures, time per measure"):
        assert figure in table, figure
    written = results.read_text(encoding="utf-8")
    assert "## Machine" in written and "- CPU:" in written and "- Python:" in written
    rows = "\n".join(line for line in table.splitlines() if line.startswith("|"))
    assert rows in written


def test_only_large_rewrites_the_large_rows_and_keeps_the_others(tmp_path):
    results = tmp_path / "RESULTS.md"
    kept = "|   of which import jieba                  | 0.08 s          | —       | —   |"
    results.write_text("# policykit benchmark\n\n## Machine\n\n- CPU: x\n\n## Results\n\n"
                       "| figure                                 | value           | target  | met |\n"
                       "| -------------------------------------- | --------------- | ------- | --- |\n"
                       "| cold start: policykit --help           | 0.05 s          | ≤ 0.3 s | yes |\n"
                       f"{kept}\n"
                       "| large: 1 MB of text: time, peak memory | 99.0 s, 9999 MB | —       | —   |\n\n"
                       "## Targets not met\n\n- Cold start: an old note that stays.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(BENCH), "--only", "large", "--quick", "--results", str(results)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    written = results.read_text(encoding="utf-8")
    assert "cold start: policykit --help" in written and "|   of which import jieba" in written   # kept as they were
    assert "99.0 s, 9999 MB" not in written and "large: 0.25 MB of text: time, peak memory" in written
    assert "- CPU: x" in written and "rerun alone (`bench/run.py --only large`)" in written
    assert "- Cold start: an old note that stays." in written
