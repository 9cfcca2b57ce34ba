"""The programs behind the browser tests and the page benchmark: Chromium, the W3C Nu HTML checker
(vnu-jar, run with Java) and Lighthouse.

`make browser-tools` installs the checker and Lighthouse (package.json pins them) and Debian's Java when it
can; `make browser` installs Debian's Chromium. Nothing here needs pytest: the page checks
(tests/browser/test_page_checks.py) skip or fail with the reason a `*_missing` function gives, and
tests/benchmarks/pages_benchmark.py stops with it.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"


def chromium_missing() -> str | None:
    """Why Chromium cannot run here, or None."""
    if os.path.exists(CHROMIUM) or shutil.which(CHROMIUM):
        return None
    return f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium when it can)"


def vnu_missing() -> str | None:
    """Why the Nu HTML checker cannot run here, or None."""
    if shutil.which("java") is None:
        return "no java on the PATH (make browser-tools installs Debian's JRE)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing (make browser-tools runs npm ci)"
    return None


def lighthouse_missing() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if shutil.which("node") is None:
        return "no node on the PATH (Lighthouse needs Node.js 18 or newer)"
    if not LIGHTHOUSE.exists():
        return f"{LIGHTHOUSE} is missing (make browser-tools runs npm ci)"
    return chromium_missing()


def vnu_errors(files: list[Path]) -> list[dict]:
    """The Nu checker's errors in these files (HTML, and CSS and SVG by their extension), in one JVM."""
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--also-check-css",
            "--also-check-svg",
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return [message for message in json.loads(completed.stdout)["messages"] if message["type"] == "error"]


def lighthouse_report(url: str, output: Path, categories: tuple[str, ...]) -> dict:
    """Lighthouse's report on one page for these categories: its mobile preset (the default form factor,
    a slow phone simulated), in Debian's Chromium.

    Lighthouse sometimes loses the page load's trace in headless Chromium ("NO_NAVSTART", a runtime
    error that leaves a score empty); one more run then measures it properly.
    """
    for _attempt in range(2):
        output.unlink(missing_ok=True)
        completed = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--only-categories=" + ",".join(categories),
                "--output=json",
                f"--output-path={output}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        if not output.exists():
            raise AssertionError(f"Lighthouse wrote no report on {url}:\n{completed.stderr[-2000:]}")
        report = json.loads(output.read_text(encoding="utf-8"))
        if not report.get("runtimeError") and all(
            report["categories"][category]["score"] is not None for category in categories
        ):
            break
    return report


def score(report: dict, category: str) -> float | None:
    """A category's score, from 0 to 1 (None when Lighthouse could not measure it)."""
    return report["categories"][category]["score"]


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, worst first: "id (score): title – what it measured"."""
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        audit_score = audit["score"]
        if not ref["weight"] or (audit_score == 1 or (audit_score is None and not audit.get("errorMessage"))):
            continue
        detail = audit.get("displayValue") or audit.get("errorMessage") or ""
        shown = "error" if audit_score is None else f"{audit_score:.2f}"
        failing.append(
            (
                audit_score or 0,
                f"{ref['id']} ({shown}): {audit['title']}" + (f" – {detail}" if detail else ""),
            )
        )
    return [text for _score, text in sorted(failing, key=lambda item: item[0])]
