"""The npm tools behind the page checks: the W3C Nu HTML checker (vnu-jar, run with Java) and Lighthouse.

`make browser-tools` installs both (package.json pins them) and Debian's Java when it can. Without them
the checks skip with the reason; with REQUIRE_BROWSER=1 (as .ci/run sets) they fail instead.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def require(present: bool, reason: str) -> None:
    """Skip the test when a tool is missing, or fail it when the run requires the browser tests."""
    if present:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def require_vnu() -> None:
    require(
        shutil.which("java") is not None, "no java on the PATH (make browser-tools installs Debian's JRE)"
    )
    require(VNU_JAR.exists(), f"{VNU_JAR} is missing (make browser-tools runs npm ci)")


def require_lighthouse() -> None:
    require(shutil.which("node") is not None, "no node on the PATH (Lighthouse needs Node.js 18 or newer)")
    require(LIGHTHOUSE.exists(), f"{LIGHTHOUSE} is missing (make browser-tools runs npm ci)")
    require(
        os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None,
        f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium when it can)",
    )


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


def lighthouse_report(url: str, output: Path) -> dict:
    """Lighthouse's report on one page: mobile (its default form factor), in Debian's Chromium.

    Lighthouse sometimes loses the page load's trace in headless Chromium ("NO_NAVSTART", a runtime
    error that leaves the performance score empty); one more run then measures it properly.
    """
    for _attempt in range(2):
        output.unlink(missing_ok=True)
        completed = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
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
            report["categories"][category]["score"] is not None for category in LIGHTHOUSE_CATEGORIES
        ):
            break
    return report


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, worst first: "id (score): title – what it measured"."""
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score = audit["score"]
        if not ref["weight"] or (score == 1 or (score is None and not audit.get("errorMessage"))):
            continue
        detail = audit.get("displayValue") or audit.get("errorMessage") or ""
        shown = "error" if score is None else f"{score:.2f}"
        failing.append(
            (score or 0, f"{ref['id']} ({shown}): {audit['title']}" + (f" – {detail}" if detail else ""))
        )
    return [text for _score, text in sorted(failing, key=lambda item: item[0])]
