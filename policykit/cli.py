"""The ``policykit`` command: a thin layer over the Python API.

Each command parses its options, calls the library and prints. Heavy modules
(readers, jieba, spaCy, jsonschema) are imported inside the commands, so
``policykit --help`` stays fast.
"""
from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

import click

from .errors import PolicykitError

STDIN = "-"
ERRORS_FILE = "errors.json"


class Failure(click.ClickException):
    """An error a user can act on, shown as ``policykit: error: PATH: message``."""

    def show(self, file=None) -> None:
        from .paths import printable

        # sys.stderr as it is now: under a progress bar it is rich's proxy, which prints above the bar.
        # printable: a file name with a newline or an escape sequence cannot forge a line.
        try:
            click.echo(f"policykit: error: {printable(self.format_message())}", file=file or sys.stderr)
        except OSError:
            pass   # standard error itself is gone: the exit code still tells


def report(label: str, message: str) -> None:
    Failure(f"{label}: {message}").show()


def note(label: str, message: str) -> None:
    """A line on standard error that is not an error (``policykit: PATH: message``)."""
    from .paths import printable

    try:
        click.echo(f"policykit: {printable(f'{label}: {message}')}", err=True)
    except OSError:
        pass


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from . import __version__

    click.echo(f"policykit {__version__}")
    ctx.exit()


encoding_option = click.option(
    "--encoding",
    metavar="ENC",
    help="Text encoding of .txt input (e.g. gb18030); detected when left out.",
)


aliases_option = click.option(
    "--aliases", "aliases_file", type=click.Path(exists=True, dir_okay=False), metavar="FILE.yaml",
    help="Unit aliases (canonical name: [aliases], YAML or TOML) on top of the built-in list "
         "and the [aliases] of ./policykit.toml.",
)


def load_aliases(aliases_file: str | None):
    """Built-in aliases, then ./policykit.toml, then --aliases; a bad file is a one-line error."""
    from .aliases import AliasError, load

    try:
        return load(aliases_file)
    except AliasError as exc:
        raise Failure(str(exc)) from exc


def write_stdout(text: str) -> None:
    """JSON and source text go out as UTF-8 whatever the terminal's locale,
    flushed at once: a full device or a closed pipe is found at the document
    that met it, not at exit."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, "standard output is closed")
    # backslashreplace: half a surrogate pair from a hand-edited JSON file goes out as the \ud800 it came in as
    click.echo(text.encode("utf-8", "backslashreplace"), nl=False)
    sys.stdout.flush()


def read_stdin() -> bytes:
    """Standard input, read up to one byte past the file size limit (then
    refused, not read on), JSON as well as documents."""
    from .limits import LimitError, current
    from .readers import read_at_most

    if sys.stdin is None:
        raise Failure(f"{STDIN}: standard input is closed")
    try:
        limit = current().max_file_bytes
        return read_at_most(sys.stdin.buffer, limit)
    except LimitError as exc:
        raise Failure(str(exc)) from exc
    except OSError as exc:
        raise Failure(f"{STDIN}: cannot read standard input ({exc.strerror or exc})") from exc


def budget(timeout: float | None) -> tuple[float | None, float | None]:
    """Seconds a document may take (``timeout``, else the limit; 0: None) and
    megabytes it may take in a worker. A limit set to nonsense is reported by
    each document as it is read; the budget falls back to the built-in one."""
    from .data import read_toml
    from .limits import LimitError, current

    try:
        limits = current()
        default, memory = limits.timeout_seconds, limits.max_worker_memory_mb
    except LimitError:
        built_in = read_toml("limits.toml")
        default, memory = built_in["timeout_seconds"], built_in["max_worker_memory_mb"]
    seconds = default if timeout is None else timeout
    return (seconds or None), memory


def output_folder(folder: Path) -> Path:
    """The output folder, created if missing, once a file could be written in
    it: checked before any work, so a run that cannot save does not start."""
    from .writers.files import OutputError, writable_folder

    try:
        return writable_folder(folder)
    except OutputError as exc:
        raise Failure(str(exc)) from exc


class Commands(click.Group):
    """The ``policykit`` group. No command ends in a traceback:

    - Ctrl-C, SIGTERM and SIGHUP end it with one line (``policykit:
      interrupted``) and exit code 128 + the signal (130 for Ctrl-C); a batch
      stops its workers at once; files are written atomically, so what an
      interrupted run leaves is whole (``policykit.signals``);
    - standard output that cannot be written (closed, a full device) is
      ``policykit: error: standard output: …`` and exit code 1 (a reader
      that went away, as ``| head`` does, only the exit code);
    - anything else unforeseen is one line naming the error, exit code 1
      (``POLICYKIT_TRACEBACK=1`` shows the traceback, for a bug report).
    """

    def invoke(self, ctx: click.Context):
        from .signals import guard_closed_output, stop_on_signals, stopped_by

        guard_closed_output()
        try:
            with stop_on_signals():
                result = super().invoke(ctx)
                if sys.stdout is not None:
                    sys.stdout.flush()
                return result
        except KeyboardInterrupt as exc:
            _stopped(stopped_by(exc))
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            behind = interrupt_behind(exc)
            if behind is not None:   # a library failed while Ctrl-C unwound it
                _stopped(stopped_by(behind))
            _unforeseen(exc)


#: What writing standard output can fail with: closed, a full device, a broken terminal.
OUTPUT_ERRORS = frozenset({errno.EBADF, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _stopped(stop) -> None:
    try:
        click.echo(stop.line, err=True)
    except OSError:
        pass
    raise click.exceptions.Exit(stop.exit_code) from None


def interrupt_behind(exc: BaseException | None) -> KeyboardInterrupt | None:
    """The Ctrl-C during which ``exc`` was raised, if any."""
    for _ in range(16):
        if exc is None or isinstance(exc, KeyboardInterrupt):
            return exc
        exc = exc.__context__
    return None


def _unforeseen(exc: Exception) -> None:
    """The last line of defence: an error no command handled, as one line."""
    from .signals import flush_quietly

    if isinstance(exc, OSError):
        if exc.errno == errno.EPIPE:
            flush_quietly()
            raise click.exceptions.Exit(1) from None
        if exc.filename is not None:
            raise Failure(f"{exc.filename}: {exc.strerror or exc}") from None
        if exc.errno in OUTPUT_ERRORS:   # with no file named, the one stream every command writes
            flush_quietly()
            raise Failure(f"standard output: {exc.strerror or exc}") from None
        raise Failure(f"{exc.strerror or exc}") from None
    if os.environ.get("POLICYKIT_TRACEBACK"):
        raise exc
    raise Failure(f"internal error, please report it: {type(exc).__name__}: {exc}") from None


@click.group(name="policykit", cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
def cli() -> None:
    """Turn Chinese policy documents (实施意见, 工作方案 …) into structured
    tasks: measures, lead and co units, deadlines, citations and targets.

    Example:

    \b
        policykit extract 实施意见.docx -o out/
        policykit validate out/*.json
    """


main = cli


# -- extract -------------------------------------------------------------------


def expand_inputs(inputs: tuple[str, ...]) -> tuple[list[str], list[dict]]:
    """Files as given, folders replaced by their supported files sorted by name;
    and a failure for every folder with none."""
    from .paths import readable
    from .readers import SUPPORTED_SUFFIXES

    found: list[str] = []
    empty: list[dict] = []
    for given in inputs:
        if not is_folder(given):
            found.append(given)
            continue
        try:
            # Not only regular files: a broken link, a pipe or a device named .txt is
            # reported by the reader, not skipped in silence.
            files = sorted(
                p for p in Path(given).iterdir()
                if p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith((".", "~$")) and not p.is_dir()
            )
        except OSError as exc:
            message = f"cannot list this folder ({(exc.strerror or str(exc)).lower()})"
            empty.append({"source": readable(given), "error": {"code": "read_error", "message": message}})
            continue
        if not files:
            message = f"folder holds no {' '.join(SUPPORTED_SUFFIXES)} files"
            empty.append({"source": readable(given), "error": {"code": "empty_folder", "message": message}})
        found.extend(str(p) for p in files)
    return found, empty


def is_folder(given: str) -> bool:
    return given != STDIN and Path(given).is_dir()


def extract_one(item: str, encoding: str | None, aliases=None):
    import policykit

    if item != STDIN:
        return policykit.extract_file(item, encoding, aliases)
    from .readers import read_stdin_bytes

    read = read_stdin_bytes(read_stdin(), encoding)
    return policykit.extract_text(read.text, None, format=read.format, encoding=read.encoding,
                                  read_warnings=read.warnings, tables=read.tables, aliases=aliases)


def output_name(item: str) -> str:
    """``<stem>.json``, the stem shortened if the name would pass 255 bytes."""
    from .paths import bounded_name

    return "stdin.json" if item == STDIN else bounded_name(Path(item).stem, ".json")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write one <stem>.json per input into this folder (created if missing).")
@click.option("--jsonl", is_flag=True, help="JSON Lines on standard output, even for one input.")
@click.option("--compact", is_flag=True, help="One-line JSON instead of indented.")
@click.option("--summary", "summary_only", is_flag=True,
              help="Print the summary table (documents, measures, units …) on standard output instead of JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary table on standard error.")
@click.option("-w", "--workers", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for a batch (default: one per core); 1 extracts in this process.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes on this machine; dask: a Dask cluster (the dask extra).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: a running scheduler (tcp://host:8786); default: a local cluster of N workers.")
@click.option("--start-method", type=click.Choice(["fork", "spawn", "forkserver"]), envvar="POLICYKIT_START_METHOD",
              hidden=True, help="How worker processes start (default: the platform's).")
@click.option("--timeout", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Longest one document may take; then it is an error record (code timeout) and the batch goes "
                   "on. Default 300, from limits.toml or POLICYKIT_TIMEOUT_SECONDS; 0: no limit.")
@click.option("--strict", is_flag=True,
              help="Exit 3 when a document has review flags (places policykit may have read wrong), "
                   "naming each such document on standard error.")
@aliases_option
@encoding_option
def extract(inputs, outdir, jsonl, compact, summary_only, quiet, workers, engine, scheduler, start_method,
            timeout, strict, aliases_file, encoding):
    """提取 Extract policy documents to policykit/1 JSON.

    Finds the measures (tasks) with their lead and co units and deadlines,
    the cited documents, the numeric targets and the document's metadata.

    INPUT is a file (.txt .docx .html .htm .pdf .doc), a folder (every such
    file directly inside it, sorted by name) or - for standard input (read
    as a .txt file).

    One file goes to standard output as indented JSON; several inputs, a
    folder, or --jsonl give JSON Lines, one document per line. With -o, each
    input is written to DIR/<stem>.json and failures are listed in
    DIR/errors.json. A file that cannot be read is reported on standard
    error, the others still finish, and the exit code is 1.

    A batch is extracted by --workers processes (one per core unless told),
    or on a Dask cluster with --engine dask; the output is the same, in the
    same order, as with --workers 1. Each document has --timeout seconds;
    each worker process a memory ceiling (POLICYKIT_MAX_WORKER_MEMORY_MB):
    a document past either is an error record, and the batch goes on.

    On a terminal, a batch (several inputs, a folder or -o) shows a progress
    bar on standard error and a summary table at the end; --quiet turns both
    off. --summary prints the table on standard output instead of the JSON
    (-o files are still written). The units index lists each unit under its
    canonical name (see --aliases).

    Review flags are warnings that mark places to check (a note no task
    took, a unit name that does not look like one, …); the table counts them
    under 待核 flags. With --strict the exit code is 3 when any document has
    one (1 still wins when a document failed).

    Example:

    \b
        policykit extract 实施意见.docx
        policykit extract corpus/ -o outputs/
        policykit extract a.txt b.pdf --jsonl > all.jsonl
        policykit extract archive/ -o out/ --workers 8
        policykit extract archive/ -o out/ --timeout 60
        cat 方案.txt | policykit extract -
        policykit extract 实施意见.docx --summary
        policykit extract 工作方案.docx -o out/ --strict
    """
    from contextlib import closing

    from .batch import Options, default_workers
    from .console import Summary, on_terminal, progress, render, summary_table, wants_progress
    from .paths import readable
    from .writers.jsonout import dumps

    if outdir is not None and jsonl:
        raise click.UsageError("--jsonl writes to standard output; use it without -o")
    if summary_only and jsonl:
        raise click.UsageError("--summary prints a table instead of JSON; use it without --jsonl")
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler is the address of a Dask scheduler; use it with --engine dask")
    aliases = load_aliases(aliases_file)
    items, failures = expand_inputs(inputs)
    for failure in failures:
        report(failure["source"], failure["error"]["message"])
    batch = len(items) > 1 or any(map(is_folder, inputs)) or outdir is not None
    summary = Summary(f"汇总 summary · {Path(items[0]).name}" if len(items) == 1 else "汇总 summary")
    as_lines = jsonl or len(inputs) > 1 or any(map(is_folder, inputs))
    if outdir is not None:
        output_folder(outdir)
        pretty = not compact
    elif summary_only:
        pretty = None
    else:
        pretty = not (compact or as_lines)
        for failure in failures:
            write_stdout(dumps(failure, pretty=False) + "\n")
    timeout, memory_mb = budget(timeout)
    options = Options(encoding, aliases, pretty, timeout=timeout, memory_mb=memory_mb)
    written: dict[str, str] = {}
    flagged: list[tuple[str, int]] = []
    # The workers start before the progress bar does: its thread is never forked.
    with closing(extractions(items, options, workers or default_workers(), engine, scheduler, start_method)) as results:
        queue = progress(items, sys.stderr, wants_progress(sys.stderr, quiet, len(items)))
        for item, result in zip(queue, cluster_errors(results)):
            failure = result.failure if outdir is None else write_output(outdir, item, result, written)
            if failure:
                report(readable(item), failure["error"]["message"])
                failures.append(failure)
            elif result.counts:
                summary.add_counts(result.counts)
                if strict and result.counts.flags:
                    flagged.append((readable(item), result.counts.flags))
            if outdir is None and not summary_only and (failure is None or as_lines):
                write_stdout((result.json if failure is None else dumps(failure, pretty=False)) + "\n")
    if outdir is not None:
        record_failures(outdir, failures, [readable(item) for item in items])
    summary.failures = len(failures)
    if summary_only:
        write_stdout(render(summary_table(summary), sys.stdout))
    elif batch and not quiet and on_terminal(sys.stderr):
        click.echo(render(summary_table(summary), sys.stderr), err=True, nl=False)
    for name, count in flagged:
        note(name, f"{count} review flag{'s' if count > 1 else ''} (待核): check them with policykit show")
    if failures:
        raise click.exceptions.Exit(1)
    if flagged:
        raise click.exceptions.Exit(3)


def cluster_errors(results):
    """The results; a cluster that fails in the middle of a batch is one error line."""
    try:
        yield from results
    except PolicykitError as exc:
        raise Failure(str(exc)) from exc
    finally:
        results.close()


def extractions(items: list[str], options, workers: int, engine: str, scheduler: str | None,
                start_method: str | None):
    """A policykit.batch.Extracted per item, in order, from the engine chosen."""
    from .batch import Job, extract_all
    from .paths import readable

    # The source as JSON names it (a name that is not UTF-8 written \xNN), the path as it is.
    jobs = [Job(readable(item), read_stdin() if item == STDIN else None, None if readable(item) == item else item)
            for item in items]
    if engine != "dask":
        return extract_all(jobs, options, workers, start_method)
    try:
        from .daskbag import extract_on_dask
    except ImportError as exc:
        raise Failure(f"--engine dask needs Dask ({exc.name} is missing): pip install 'policykit[dask]'") from exc
    try:
        return extract_on_dask(jobs, options, scheduler=scheduler, workers=workers)
    except PolicykitError as exc:
        raise Failure(str(exc)) from exc


#: How policykit's JSON outputs begin: a file that does not is never overwritten.
JSON_MARKS = (b'{\n  "schema": "policykit/', b'{"schema":"policykit/')
ERRORS_MARKS = (b'[\n  {\n    "source": ',)


def write_output(outdir: Path, item: str, result, written: dict[str, str]) -> dict | None:
    """Write ``result`` to DIR/<stem>.json; the failure record instead if it failed,
    the name is taken, or the file there is not one policykit wrote. A folder
    that takes no more (a full disk) stops the batch with one error line."""
    from .paths import readable
    from .writers.files import FOLDER_ERRORS, atomic_write_text, written_by_policykit

    name = output_name(item)
    source = readable(item)
    if name in written or name == ERRORS_FILE:
        taken = written.get(name, "the list of failures")
        message = f"{readable(name)} is already written for {taken}; rename one of them"
        return {"source": source, "error": {"code": "duplicate_output", "message": message}}
    if result.failure:
        return result.failure
    target = outdir / name
    if os.path.lexists(target) and not written_by_policykit(target, *JSON_MARKS):
        message = f"{readable(target)} is there and policykit did not write it; move it or choose another folder"
        return {"source": source, "error": {"code": "output_exists", "message": message}}
    try:
        atomic_write_text(target, result.json + "\n")
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        if exc.errno in FOLDER_ERRORS:
            raise Failure(f"{readable(target)}: cannot write ({reason}); nothing more was written") from None
        return {"source": source, "error": {"code": "output_error",
                                            "message": f"cannot write {readable(target)} ({reason})"}}
    written[name] = source
    return None


def record_failures(outdir: Path, failures: list[dict], sources: list[str]) -> None:
    """DIR/errors.json lists the failures of the documents in the folder: this
    run's, and those of earlier runs for documents this run did not redo (so
    a run of other documents keeps them); emptied, it is removed."""
    from .writers.files import folder_lock
    from .writers.jsonout import write_json_atomic

    path = outdir / ERRORS_FILE
    try:
        with folder_lock(outdir, wait=True):   # two runs into one folder: one updates it at a time
            earlier = _earlier_failures(path)
            redone = set(sources)
            kept = [record for record in earlier if record.get("source") not in redone]
            if kept or failures:
                write_json_atomic(path, kept + failures)
            elif earlier or os.path.lexists(path) and _ours(path):
                path.unlink(missing_ok=True)
    except OSError as exc:
        from .paths import readable

        raise Failure(f"{readable(path)}: cannot write the list of failures "
                      f"({(exc.strerror or str(exc)).lower()})") from None


def _ours(path: Path) -> bool:
    from .writers.files import written_by_policykit

    return written_by_policykit(path, *ERRORS_MARKS)


def _earlier_failures(path: Path) -> list[dict]:
    """The records of an errors.json policykit wrote; a file or folder of
    another kind there is an error (never overwritten)."""
    if not os.path.lexists(path):
        return []
    if not _ours(path):
        from .paths import readable

        raise Failure(f"{readable(path)}: is there and policykit did not write it; the failures are not "
                      "listed there (move it away)")
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []


# -- text and segment ----------------------------------------------------------


def read_source_text(file: str, encoding: str | None) -> str:
    try:
        if file == STDIN:
            from .readers import read_stdin_bytes

            return read_stdin_bytes(read_stdin(), encoding).text
        from .pipeline import source_text

        return source_text(file, encoding)
    except PolicykitError as exc:
        raise Failure(f"{file}: {exc.message}") from exc
    except OSError as exc:
        raise Failure(f"{file}: {exc.strerror or exc}") from exc


@cli.command()
@click.argument("file")
@encoding_option
def text(file, encoding):
    """原文 Print the source text that spans index into.

    For .txt it is the decoded file without BOM; for .docx, .html and .pdf
    the plain text the reader extracted, one paragraph per line.

    Example:

    \b
        policykit text 实施意见.docx > 实施意见.txt
    """
    write_stdout(read_source_text(file, encoding))


def echo_outline(sections, depth: int = 0) -> None:
    for section in sections:
        click.echo("  " * depth + section.marker + (section.title or ""))
        echo_outline(section.children, depth + 1)


@cli.command()
@click.argument("file")
@click.option("--sentences", "mode", flag_value="sentences", help="One sentence per line.")
@click.option("--words", "mode", flag_value="words", help="One sentence per line, jieba words separated by spaces.")
@click.option("--json", "as_json", is_flag=True, help="The same as JSON, with spans into the source text.")
@encoding_option
def segment(file, mode, as_json, encoding):
    """分段 Show how FILE divides: its heading outline, sentences or words.

    By default prints the heading tree (一、 → （一） → 1. → （1）), one
    heading per line, indented by depth. Sentences end after 。！？； or at
    a line end, the delimiter kept.

    Example:

    \b
        policykit segment 实施意见.docx
        policykit segment 实施意见.docx --sentences
        policykit segment 实施意见.docx --words --json
    """
    from .writers.jsonout import dumps

    source = read_source_text(file, encoding)
    if mode is None:
        from .outline import build_outline

        outline = build_outline(source)
        if as_json:
            write_stdout(dumps([s.to_dict() for s in outline]) + "\n")
        else:
            echo_outline(outline)
        return

    from .segment import sentences

    found = sentences(source)
    if mode == "words":
        from .nlp import words

        rows = [[w for w in words(s.text) if w.strip()] for s in found]
        if as_json:
            write_stdout(dumps([{**s.to_dict(), "words": ws} for s, ws in zip(found, rows)]) + "\n")
        else:
            for ws in rows:
                click.echo(" ".join(ws))
    elif as_json:
        write_stdout(dumps([s.to_dict() for s in found]) + "\n")
    else:
        for s in found:
            click.echo(s.text)


# -- schema and validate -------------------------------------------------------


@cli.command()
def schema():
    """模式 Print the JSON Schema (draft 2020-12) of the policykit/1 output.

    Example:

    \b
        policykit schema > policykit-1.schema.json
    """
    from .schema import schema_text

    write_stdout(schema_text())


def parse_documents(name: str, content: str) -> list[tuple[str, object]]:
    """(label, document) for a JSON text, or for every line of JSON Lines.
    Raises ReadError for JSON nobody should feed a program (policykit.jsoninput)."""
    from .jsoninput import parse

    if not name.lower().endswith(".jsonl"):
        try:
            return [(name, parse(content, name))]
        except json.JSONDecodeError as exc:
            if not exc.msg.startswith("Extra data"):
                raise
    documents = []
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            try:
                documents.append((f"{name}:{number}", parse(line, f"{name}:{number}")))
            except json.JSONDecodeError as exc:
                raise json.JSONDecodeError(f"line {number}: {exc.msg}", exc.doc, exc.pos) from None
    return documents


def json_content(file: str) -> str:
    """The text of a JSON or JSON Lines file, or of standard input, within the size limit."""
    from .jsoninput import read_text

    return read_text(file, read_stdin() if file == STDIN else None)


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def validate(files):
    """校验 Check JSON or JSON Lines files against the policykit/1 schema.

    FILE may be - for standard input. Prints FILE: ok, or every error as
    FILE: $.json.path: message (FILE:LINE: … for JSON Lines). The exit code
    is 1 when anything is invalid.

    Example:

    \b
        policykit validate outputs/*.json
        policykit extract corpus/ --jsonl | policykit validate -
    """
    from .paths import printable
    from .schema import validate as schema_errors

    bad = False
    for file in files:
        shown = printable(file)
        try:
            documents = parse_documents(file, json_content(file))
        except PolicykitError as exc:
            report(file, exc.message)
            bad = True
            continue
        except json.JSONDecodeError as exc:
            click.echo(f"{shown}: not JSON: {exc}")
            bad = True
            continue
        if not documents:
            click.echo(f"{shown}: no documents")
            bad = True
            continue
        problems = [f"{printable(label)}: {message}" for label, doc in documents for message in checked(doc)]
        bad = bad or bool(problems)
        for line in problems or [f"{shown}: ok"]:
            click.echo(line)
    if bad:
        raise click.exceptions.Exit(1)


def checked(doc) -> list[str]:
    """The schema's complaints about ``doc``, printable (a value quoted in a
    message may hold anything a hand-edited file does)."""
    from .paths import printable
    from .schema import validate as schema_errors

    try:
        return [printable(message) for message in schema_errors(doc)]
    except RecursionError:
        return ["$: nested too deeply to check"]


# -- show ---------------------------------------------------------------------


@cli.command(name="show")
@click.argument("file")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.html",
              help="Write the page to this file instead of standard output.")
@encoding_option
def show_command(file, output, encoding):
    """审阅 Write a review page: FILE's text with everything extracted highlighted.

    One self-contained HTML file (no scripts, fonts or images from outside;
    it opens offline). The source text shows every measure on a tinted
    background, its lead and co units, citations, targets and deadlines in
    their own colours, and warnings underlined. Beside it: a legend, the
    units panel (each department once, the forms the text writes for it,
    its tasks as lead and co, placeholder groups and likely duplicates
    marked; a click shows only its measures), the table of measures with
    their units, targets, citations and deadline (a click on a row scrolls
    to the text), the warnings, citations and targets, all in Chinese.

    Example:

    \b
        policykit show 实施意见.docx -o review.html
        policykit show 工作方案.txt > review.html
    """
    import policykit
    from .paths import readable
    from .writers.review import review_page

    if output is not None:
        output_folder(output.parent)
        review_target(output, file)
    try:
        read = read_input(file, encoding)
    except PolicykitError as exc:
        raise Failure(f"{file}: {exc.message}") from exc
    except OSError as exc:
        raise Failure(f"{file}: {exc.strerror or exc}") from exc
    doc = policykit.extract_text(read.text, None if file == STDIN else readable(file), format=read.format,
                                 encoding=read.encoding, read_warnings=read.warnings,
                                 tables=getattr(read, "tables", ()))
    page = review_page(doc, read.text)
    if output is None:
        write_stdout(page)
    else:
        from .writers.files import atomic_write_text

        try:
            atomic_write_text(output, page)
        except OSError as exc:
            raise Failure(f"{output}: {exc.strerror or exc}") from exc


#: What every review page holds near its top.
REVIEW_MARK = b'<meta name="generator" content="policykit show">'


def review_target(output: Path, source: str) -> None:
    """-o of show may replace a review page policykit wrote, never its own
    input or any other file."""
    from .paths import readable
    from .writers.files import written_by_policykit

    if source != STDIN and os.path.exists(source) and os.path.exists(output) and os.path.samefile(source, output):
        raise Failure(f"{readable(output)}: is the input itself; write the review page to another file")
    if os.path.lexists(output) and not written_by_policykit(output, REVIEW_MARK):
        raise Failure(f"{readable(output)}: is there and is no review page policykit wrote; "
                      "move it or choose another name")


def read_input(item: str, encoding: str | None):
    """What the reader makes of a file, or of standard input read as .txt."""
    from .readers import read_file, read_stdin_bytes

    if item == STDIN:
        return read_stdin_bytes(read_stdin(), encoding)
    return read_file(item, encoding=encoding)


# -- units --------------------------------------------------------------------


@cli.command(name="units")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--csv", "form", flag_value="csv", help="CSV: unit,lead,co,total,documents,written_as.")
@click.option("--json", "form", flag_value="json", help="JSON: one object per unit.")
@aliases_option
@encoding_option
def units_command(files, form, aliases_file, encoding):
    """单位 Count the tasks each department leads and supports, across documents.

    FILE is policykit/1 JSON or JSON Lines (from policykit extract, or - for
    standard input) or a policy document, extracted on the fly. Names that
    stand for one department (市科技局 = 市科学技术局) are merged: the
    built-in aliases, the [aliases] table of ./policykit.toml, then
    --aliases FILE. A measure a unit leads counts as lead, one it only
    supports as co. Busiest first.

    Example:

    \b
        policykit units out/*.json
        policykit units out/*.json --csv > 任务量.csv
        policykit units 实施意见.docx 工作方案.txt --aliases 单位简称.yaml
    """
    from .console import render, workload_table
    from .workload import workload

    aliases = load_aliases(aliases_file)
    documents, bad = [], False
    for file in files:
        try:
            loaded = load_documents(file, encoding, aliases)
        except Failure as exc:   # unreadable, not JSON, too deep …: one line, and the other files still count
            exc.show()
            bad = True
            continue
        for label, doc in loaded:
            failed = isinstance(doc, dict) and "error" in doc and "schema" not in doc
            problems = [] if failed else checked(doc)
            if not failed and not problems:
                documents.append(doc)
            elif failed:
                error = doc["error"]
                message = error.get("message") if isinstance(error, dict) else None
                report(label, f"extraction failed: {message}" if isinstance(message, str) else "extraction failed")
                bad = True
            else:
                report(label, f"not a valid policykit/1 document: {problems[0]}")
                bad = True
    loads = workload(documents, aliases)
    if form == "json":
        from .writers.jsonout import dumps

        write_stdout(dumps([load.to_dict() for load in loads]) + "\n")
    elif form == "csv":
        write_stdout(workload_csv(loads))
    else:
        write_stdout(render(workload_table(loads, len(documents)), sys.stdout))
    if bad:
        raise click.exceptions.Exit(1)


def load_documents(file: str, encoding: str | None, aliases) -> list[tuple[str, object]]:
    """(label, policykit/1 object) for a JSON or JSON Lines file, or for a document extracted now."""
    from .readers import SUPPORTED_SUFFIXES

    try:
        if file != STDIN and Path(file).suffix.lower() in SUPPORTED_SUFFIXES:
            return [(file, extract_one(file, encoding, aliases).to_dict())]
        return parse_documents(file, json_content(file))
    except PolicykitError as exc:
        raise Failure(f"{file}: {exc.message}") from exc
    except OSError as exc:
        raise Failure(f"{file}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise Failure(f"{file}: not JSON: {exc}") from exc


def workload_csv(loads) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["unit", "lead", "co", "total", "documents", "written_as"])
    for load in loads:
        writer.writerow([csv_cell(load.unit), load.lead, load.co, load.total, load.documents,
                         csv_cell("、".join(load.written_as))])
    return buffer.getvalue()


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that begins with = + - @
    (or a tab or carriage return) would be read as a formula, so it gets a ' in front."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


# -- assign -------------------------------------------------------------------


@cli.command(name="assign")
@click.argument("input_file", metavar="INPUT")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              metavar="DIR", help="Folder for the files (created if missing); default the current folder.")
@click.option("--dept", "depts", multiple=True, metavar="UNIT",
              help="Only this department's sheet; repeat for more. The summary always covers every task.")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.docx",
              help="Take styles, page setup and header/footer from this Word document.")
@click.option("--xlsx", is_flag=True, help="Also write the 督查台账 任务台账.xlsx (one row per task, with columns to track it).")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option("--title", metavar="TEXT",
              help="The document's name on the sheets: 《TEXT》重点任务分工表 (default: the plan's own title).")
@click.option("--attachment", type=click.IntRange(min=1), metavar="N", help="Print 附件N above the title.")
@click.option("--doc-number", metavar="TEXT", help="The 文号 printed under the title (default: the document's).")
@click.option("--deadline", metavar="TEXT",
              help="完成时限 for the tasks whose deadline the document does not state (e.g. 2025年12月底前).")
@aliases_option
@encoding_option
def assign_command(input_file, outdir, depts, template, xlsx, force, title, attachment, doc_number, deadline,
                   aliases_file, encoding):
    """分工 Write Word task-assignment sheets: one per department, and a summary.

    INPUT is a policy document (.txt .docx .html .pdf .doc), its
    policykit/1 JSON, or the ledger 任务台账.xlsx that --xlsx wrote, as the
    office corrected it: units, 完成时限, 截止日期 and task text edited there,
    rows deleted or added, go into every sheet (and, with --xlsx, into a new
    ledger that keeps what the office wrote in its own columns). For every department of the document (placeholder
    groups such as 市政府各部门 get none), DIR/任务分工表-UNIT.docx lists the
    tasks it leads and those it supports in two blocks, each row with its
    序号 of the summary; DIR/任务分工总表.docx lists every task under its
    section headings. Columns use the document's own role words (牵头单位,
    配合单位, or one 责任单位 column). The sheets follow GB/T 9704 (A4
    landscape, 小标宋 title, 仿宋 text, header row on every page, page
    numbers at the outside corners) unless --template gives your own.

    Prints each file written and a summary line. Existing files are left
    alone (an error names the first) unless --force; every file is written
    whole or not at all.

    Example:

    \b
        policykit assign 实施意见.docx -o sheets/
        policykit assign out/a.json --dept 市科技局 --dept 市财政局
        policykit assign a.txt -o sheets/ --template 我们的模板.docx
        policykit assign a.txt -o sheets/ --xlsx --force
        policykit assign a.json --attachment 1 --deadline 2025年12月底前
        policykit assign sheets/任务台账.xlsx -o sheets2/ --xlsx
    """
    from .writers.taskfiles import SHEET_PREFIX, assign, load_input

    aliases = load_aliases(aliases_file)
    output_folder(outdir)
    try:
        loaded = load_input(input_file, encoding, aliases)   # a ledger also gives its title, 文号 and own columns
        doc = loaded.doc
        written = assign(doc, outdir, depts=list(depts) or None, template=template, xlsx=xlsx, force=force,
                         title=title or loaded.title, attachment=attachment,
                         doc_number=doc_number or loaded.doc_number, deadline=deadline, tracking=loaded.tracking)
    except PolicykitError as exc:
        raise Failure(f"{exc.path or input_file}: {exc.message}") from exc
    except OSError as exc:
        raise Failure(f"{exc.filename or input_file}: {exc.strerror or exc}") from exc
    for path in written:
        click.echo(str(path))
    if not depts:
        # A corrected unit leaves the sheet of its old name behind from an earlier run.
        for path in sorted(set(outdir.glob(SHEET_PREFIX + "*.docx")) - set(written)):
            click.echo(f"note: {path}: not from this run (no department of the document has that name now)",
                       err=True)
    departments = len(written) - 1 - xlsx  # the summary and the ledger are not departments
    click.echo(f"{departments} department{'s' * (departments != 1)}, "
               f"{len(doc.measures)} task{'s' * (len(doc.measures) != 1)}")
