"""The GitHub Pages workflow, checked offline.

Its shape is validated against the GitHub workflow JSON Schema that check-jsonschema
ships (no network); the rules the schema cannot express are asserted one by one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


@pytest.fixture(scope="module")
def workflow() -> dict:
    return YAML(typ="safe").load(WORKFLOW.read_text("utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def uses(workflow: dict) -> list[str]:
    return [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]


def run_lines(workflow: dict, job: str) -> list[str]:
    return [line.strip() for step in steps(workflow, job) for line in step.get("run", "").splitlines()]


def test_workflow_validates_against_the_github_workflow_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text("utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1


def test_every_action_is_pinned_to_a_full_commit_with_its_version_noted(workflow) -> None:
    text = WORKFLOW.read_text("utf-8")
    assert uses(workflow)
    for action in uses(workflow):
        assert PINNED.match(action), action
        assert re.search(re.escape(action) + r" # v\d+\.\d+\.\d+$", text, re.MULTILINE), action


def test_official_pages_actions_deploy(workflow) -> None:
    names = {action.split("@")[0] for action in uses(workflow)}
    assert names == {
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/upload-artifact",
        "actions/deploy-pages",
    }
    assert [step["uses"].split("@")[0] for step in steps(workflow, "deploy")] == ["actions/deploy-pages"]


def test_permissions_are_least_privilege(workflow) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in workflow["jobs"]["build"]
    assert "permissions" not in workflow["jobs"]["check-data"]


def test_data_is_checked_first_as_annotations_and_the_change_summarised(workflow) -> None:
    assert workflow["jobs"]["build"]["needs"] == "check-data"
    check = steps(workflow, "check-data")
    assert not any("chromium" in step.get("run", "") or "make test" in step.get("run", "") for step in check)
    lines = run_lines(workflow, "check-data")
    command = ".venv/bin/python scripts/build_measures.py --check --format github --changed-since \"$BASE_SHA\""
    assert lines.index("make setup") < lines.index(command)
    assert any("--review" in line and '>> "$GITHUB_STEP_SUMMARY"' in line for line in lines)
    assert workflow["jobs"]["check-data"]["env"]["BASE_SHA"] == (
        "${{ github.event.pull_request.base.sha || github.event.before }}"
    )
    checkout = next(step for step in check if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}


def test_pull_requests_upload_their_built_site(workflow) -> None:
    upload = next(s for s in steps(workflow, "build") if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["if"] == "github.event_name == 'pull_request'"
    assert upload["with"]["path"] == "site"


def test_deploys_once_at_a_time_on_main_only(workflow) -> None:
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers
    assert workflow["concurrency"]["group"]
    deploy = workflow["jobs"]["deploy"]
    assert "github.event_name != 'pull_request'" in deploy["if"]
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    for step in steps(workflow, "build"):
        if step.get("uses", "").startswith(("actions/configure-pages", "actions/upload-pages-artifact")):
            assert step["if"] == "github.event_name != 'pull_request'"


def test_build_job_installs_from_the_lock_tests_and_builds_strictly(workflow) -> None:
    setup_python = next(s for s in steps(workflow, "build") if s.get("uses", "").startswith("actions/setup-python"))
    assert setup_python["with"] == {
        "python-version": "3.11",
        "cache": "pip",
        "cache-dependency-path": "requirements.lock",
    }
    lines = run_lines(workflow, "build")
    assert lines.index("make setup") < lines.index("make test") < lines.index("make build")
    # The browser tests need a `chromium` on PATH and CJK fonts, before `make test`.
    provide = next(i for i, line in enumerate(lines) if line.startswith("sudo ln -sf") and line.endswith("/usr/local/bin/chromium"))
    assert provide < lines.index("make test")
    assert any("apt-get install" in line and "fonts-noto-cjk" in line for line in lines)
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "--require-hashes" in makefile and "scripts/build_site.py" in makefile
    assert '"mkdocs", "build", "--strict"' in (ROOT / "scripts" / "build_site.py").read_text("utf-8")


def test_site_url_is_the_pages_address(workflow) -> None:
    build = next(s for s in steps(workflow, "build") if s.get("name") == "Build")
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    upload = next(s for s in steps(workflow, "build") if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"


# ── pinned supply chain ──────────────────────────────────────────────────────


def test_lock_pins_every_package_with_hashes_and_matches_pyproject() -> None:
    import tomllib

    lock = (ROOT / "requirements.lock").read_text("utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, re.M)
    requirement_lines = [line for line in lock.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(entries) == len(requirement_lines) > 20
    locked = {name.lower().replace("_", "-"): version for name, version, _ in entries}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        name, version = requirement.split("==")
        assert locked[name.lower().replace("_", "-").replace(".", "-")] == version, requirement


def test_make_lock_refreshes_the_lock_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = makefile.split("\nlock:", 1)[1].split("\n\n", 1)[0]
    assert "pip-compile" in recipe and "--generate-hashes" in recipe and "-o requirements.lock" in recipe
