"""The ``policykit`` command: a thin layer over the Python API.

Each command parses its options, calls the library and prints. Heavy modules
(readers, jieba, spaCy, jsonschema) are imported inside the commands, so
``policykit --help`` stays fast.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import PolicykitError

STDIN = "-"
ERRORS_FILE = "errors.json"


class Failure(click.ClickException):
    """An error a user can act on, shown as ``policykit: error: PATH: message``."""

    def show(self, file=None) -> None:
        click.echo(f"policykit: error: {self.format_message()}", err=True)


def report(label: str, message: str) -> None:
    Failure(f"{label}: {message}").show()


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


def write_stdout(text: str) -> None:
    """JSON and source text go out as UTF-8 whatever the terminal's locale."""
    click.echo(text.encode("utf-8"), nl=False)


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


@click.group(name="policykit", context_settings={"help_option_names": ["-h", "--help"]})
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
    from .readers import SUPPORTED_SUFFIXES

    found: list[str] = []
    empty: list[dict] = []
    for given in inputs:
        if not is_folder(given):
            found.append(given)
            continue
        files = sorted(
            p for p in Path(given).iterdir()
            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith((".", "~$"))
        )
        if not files:
            message = f"folder holds no {' '.join(SUPPORTED_SUFFIXES)} files"
            empty.append({"source": given, "error": {"code": "empty_folder", "message": message}})
        found.extend(str(p) for p in files)
    return found, empty


def is_folder(given: str) -> bool:
    return given != STDIN and Path(given).is_dir()


def extract_one(item: str, encoding: str | None):
    import policykit

    if item != STDIN:
        return policykit.extract_file(item, encoding)
    from .readers import read_stdin_bytes

    read = read_stdin_bytes(read_stdin(), encoding)
    return policykit.extract_text(read.text, None, format=read.format, encoding=read.encoding,
                                  read_warnings=read.warnings, tables=read.tables)


def failure_of(exc: Exception) -> dict[str, str]:
    if isinstance(exc, PolicykitError):
        return {"code": exc.code, "message": exc.message}
    if isinstance(exc, OSError):
        return {"code": "read_error", "message": exc.strerror or str(exc)}
    # A bug in an extractor must not cost the rest of the batch its output.
    return {"code": "internal_error", "message": f"{type(exc).__name__}: {exc}"}


def output_name(item: str) -> str:
    return "stdin.json" if item == STDIN else Path(item).stem + ".json"


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write one <stem>.json per input into this folder (created if missing).")
@click.option("--jsonl", is_flag=True, help="JSON Lines on standard output, even for one input.")
@click.option("--compact", is_flag=True, help="One-line JSON instead of indented.")
@encoding_option
def extract(inputs, outdir, jsonl, compact, encoding):
    """Extract policy documents to policykit/1 JSON.

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

    Example:

    \b
        policykit extract 实施意见.docx
        policykit extract corpus/ -o outputs/
        policykit extract a.txt b.pdf --jsonl > all.jsonl
        cat 方案.txt | policykit extract -
    """
    if outdir is not None and jsonl:
        raise click.UsageError("--jsonl writes to standard output; use it without -o")
    items, failures = expand_inputs(inputs)
    for failure in failures:
        report(failure["source"], failure["error"]["message"])
    if outdir is not None:
        failures += write_folder(items, outdir, encoding, compact)
        record_failures(outdir, failures)
    else:
        as_lines = jsonl or len(inputs) > 1 or any(map(is_folder, inputs))
        failures += print_documents(items, encoding, as_lines, compact, failures)
    if failures:
        raise click.exceptions.Exit(1)


def attempt(item: str, encoding: str | None) -> tuple[dict | None, dict | None]:
    """(policykit/1 object, None), or (None, failure record) after reporting it."""
    try:
        return extract_one(item, encoding).to_dict(), None
    except Exception as exc:
        error = failure_of(exc)
    report(item, error["message"])
    return None, {"source": item, "error": error}


def print_documents(items: list[str], encoding, as_lines: bool, compact: bool, earlier: list[dict]) -> list[dict]:
    from .writers.jsonout import dumps

    for failure in earlier:
        write_stdout(dumps(failure, pretty=False) + "\n")
    failures = []
    for item in items:
        doc, failure = attempt(item, encoding)
        if failure:
            failures.append(failure)
        if doc or as_lines:
            write_stdout(dumps(doc or failure, pretty=not (compact or as_lines)) + "\n")
    return failures


def write_folder(items: list[str], outdir: Path, encoding, compact: bool) -> list[dict]:
    from .writers.jsonout import write_json_atomic

    outdir.mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {}
    failures = []
    for item in items:
        name = output_name(item)
        if name in written or name == ERRORS_FILE:
            taken = written.get(name, "the list of failures")
            message = f"{name} is already written for {taken}; rename one of them"
            report(item, message)
            failures.append({"source": item, "error": {"code": "duplicate_output", "message": message}})
            continue
        doc, failure = attempt(item, encoding)
        if failure:
            failures.append(failure)
        else:
            write_json_atomic(outdir / name, doc, pretty=not compact)
            written[name] = item
    return failures


def record_failures(outdir: Path, failures: list[dict]) -> None:
    """DIR/errors.json lists this run's failures; a run without any removes it."""
    from .writers.jsonout import write_json_atomic

    path = outdir / ERRORS_FILE
    if failures:
        write_json_atomic(path, failures)
    else:
        path.unlink(missing_ok=True)


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
    """Print the source text that spans index into.

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
    """Show how FILE divides: its heading outline, sentences or words.

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
    """Print the JSON Schema (draft 2020-12) of the policykit/1 output.

    Example:

    \b
        policykit schema > policykit-1.schema.json
    """
    from .schema import schema_text

    write_stdout(schema_text())


def parse_documents(name: str, content: str) -> list[tuple[str, object]]:
    """(label, document) for a JSON text, or for every line of JSON Lines."""
    if not name.lower().endswith(".jsonl"):
        try:
            return [(name, json.loads(content))]
        except json.JSONDecodeError as exc:
            if not exc.msg.startswith("Extra data"):
                raise
    documents = []
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            try:
                documents.append((f"{name}:{number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise json.JSONDecodeError(f"line {number}: {exc.msg}", exc.doc, exc.pos) from None
    return documents


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def validate(files):
    """Check JSON or JSON Lines files against the policykit/1 schema.

    FILE may be - for standard input. Prints FILE: ok, or every error as
    FILE: $.json.path: message (FILE:LINE: … for JSON Lines). The exit code
    is 1 when anything is invalid.

    Example:

    \b
        policykit validate outputs/*.json
        policykit extract corpus/ --jsonl | policykit validate -
    """
    from .schema import validate as schema_errors

    bad = False
    for file in files:
        try:
            if file == STDIN:
                content = read_stdin().decode("utf-8-sig")
            else:
                content = Path(file).read_text(encoding="utf-8-sig")
            documents = parse_documents(file, content)
        except OSError as exc:
            report(file, exc.strerror or str(exc))
            bad = True
            continue
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            click.echo(f"{file}: not JSON: {exc}")
            bad = True
            continue
        if not documents:
            click.echo(f"{file}: no documents")
            bad = True
            continue
        problems = [f"{label}: {message}" for label, doc in documents for message in schema_errors(doc)]
        bad = bad or bool(problems)
        for line in problems or [f"{file}: ok"]:
            click.echo(line)
    if bad:
        raise click.exceptions.Exit(1)
