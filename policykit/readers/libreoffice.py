"""Legacy Word .doc: converted to .docx by LibreOffice, then read as .docx.

LibreOffice runs headless with a private profile in a temporary directory,
so it neither touches the user's profile nor collides with a running office.
That profile keeps it off the network and away from other files: links
(linked images, linked text, OLE links) are never updated, linked images
from the document are blocked, and its proxy is a closed local port, so a
document cannot make it fetch a URL (policykit promises no network at run
time). It runs in a process group of its own with a time limit
(``max_doc_seconds``); on a timeout, Ctrl-C or any other way out, the whole
group is killed, so no ``soffice.bin`` is left behind.
"""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReadError
from ..limits import Limits, current as current_limits

# A proxy nobody listens on: a fetch that slips past the link settings fails at once.
_NO_NETWORK = {"ooInetProxyType": 2, "ooInetHTTPProxyName": "127.0.0.1", "ooInetHTTPProxyPort": 9,
               "ooInetHTTPSProxyName": "127.0.0.1", "ooInetHTTPSProxyPort": 9,
               "ooInetFTPProxyName": "127.0.0.1", "ooInetFTPProxyPort": 9, "ooInetNoProxy": ""}
_SETTINGS = {
    "/org.openoffice.Office.Common/Security/Scripting": {"BlockUntrustedRefererLinks": True},
    "/org.openoffice.Office.Writer/Content/Update": {"Link": 2, "Field": False},  # 2: never update links
    "/org.openoffice.Inet/Settings": _NO_NETWORK,
}


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, path: str | None = None, limits: Limits | None = None) -> bytes:
    limits = limits or current_limits()
    soffice = soffice_path()
    if soffice is None:
        raise ReadError("LibreOffice (soffice) is not installed; convert the .doc to .docx first", path=path)
    with tempfile.TemporaryDirectory(prefix="policykit-doc-") as tmp:
        work = Path(tmp)
        source = work / "document.doc"
        source.write_bytes(data)
        profile = work / "profile"
        _write_profile(profile / "user")
        command = [*_isolated(), soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                   f"-env:UserInstallation={profile.as_uri()}",
                   "--convert-to", "docx", "--outdir", str(work), str(source)]
        done = _run(command, tmp, limits, path)
        result = work / "document.docx"
        if not result.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = f": {detail[-1]}" if detail else ""
            raise ReadError(f"LibreOffice could not convert this .doc file{reason}", path=path)
        return result.read_bytes()


@functools.lru_cache(maxsize=1)
def _isolated() -> tuple[str, ...]:
    """``unshare -rn``: LibreOffice in a network namespace of its own, with
    no network at all (not even this machine's), where the system allows an
    unprivileged user to make one (Linux); else nothing, and the profile's
    settings alone keep links from being fetched."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        works = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        works = False
    return (unshare, "-rn") if works else ()


def _run(command: list[str], home: str, limits: Limits, path: str | None) -> subprocess.CompletedProcess:
    """Run LibreOffice in a new process group; kill the group however this ends."""
    environment = {**os.environ, "HOME": home, "http_proxy": "http://127.0.0.1:9",
                   "https_proxy": "http://127.0.0.1:9", "no_proxy": ""}
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=environment, start_new_session=True)
    except OSError as exc:
        raise ReadError(f"cannot run LibreOffice ({exc.strerror or exc})", path=path) from None
    try:
        out, err = process.communicate(timeout=limits.max_doc_seconds)
    except subprocess.TimeoutExpired:
        raise limits.exceeded("max_doc_seconds", "LibreOffice did not convert the .doc in time", path=path) from None
    finally:
        _kill_group(process)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _kill_group(process: subprocess.Popen) -> None:
    """Kill every process of LibreOffice's group (soffice starts soffice.bin,
    which outlives it), then reap the one we started."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.communicate(timeout=5)
    except (subprocess.TimeoutExpired, ValueError):
        pass


def _write_profile(user: Path) -> None:
    """registrymodifications.xcu of a fresh profile: LibreOffice reads it at start."""
    items = []
    for node, props in _SETTINGS.items():
        for name, value in props.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            shown = f"<value>{text}</value>" if text else "<value/>"
            items.append(f'<item oor:path="{node}"><prop oor:name="{name}" oor:op="fuse">{shown}</prop></item>')
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' + "\n".join(items) + "\n</oor:items>\n",
        encoding="utf-8")


def looks_like_word_doc(data: bytes) -> bool:
    """An OLE2 compound file that holds a ``WordDocument`` stream: its
    directory names it (UTF-16), and the header's sector size is 512 or
    4096 bytes. Random bytes behind the 8-byte signature have neither."""
    if len(data) < 1536 or data[28:30] != b"\xfe\xff" or data[30:32] not in (b"\x09\x00", b"\x0c\x00"):
        return False
    return "WordDocument".encode("utf-16-le") in data
