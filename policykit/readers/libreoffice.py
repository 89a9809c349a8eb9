"""Legacy Word .doc: converted to .docx by LibreOffice, then read as .docx.

LibreOffice runs headless with a private profile in a temporary directory,
so it neither touches the user's profile nor collides with a running office.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReadError

CONVERT_TIMEOUT = 120  # seconds; a large .doc converts in a few


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, path: str | None = None) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise ReadError("LibreOffice (soffice) is not installed; convert the .doc to .docx first", path=path)
    with tempfile.TemporaryDirectory(prefix="policykit-doc-") as tmp:
        work = Path(tmp)
        source = work / "document.doc"
        source.write_bytes(data)
        command = [soffice, "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", "docx", "--outdir", str(work), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT,
                                  env={**os.environ, "HOME": tmp}, check=False)
        except subprocess.TimeoutExpired:
            raise ReadError(f"LibreOffice did not convert the .doc within {CONVERT_TIMEOUT} s", path=path) from None
        except OSError as exc:
            raise ReadError(f"cannot run LibreOffice ({exc.strerror or exc})", path=path) from None
        result = work / "document.docx"
        if not result.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = f": {detail[-1]}" if detail else ""
            raise ReadError(f"LibreOffice could not convert this .doc file{reason}", path=path)
        return result.read_bytes()
