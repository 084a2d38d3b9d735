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
        "actions/cache",
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
    command = ".venv/bin/python scripts/build_measures.py check --format github --changed-since \"$BASE_SHA\""
    assert lines.index("make setup") < lines.index(command)
    assert any("build_measures.py review" in line and '>> "$GITHUB_STEP_SUMMARY"' in line for line in lines)
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
    assert "--require-hashes" in makefile and "scripts/build_measures.py build" in makefile
    assert '"mkdocs", "build", "--strict"' in (ROOT / "scripts" / "measures_site" / "commands" / "build.py").read_text("utf-8")


def test_site_url_is_the_pages_address(workflow) -> None:
    build = next(s for s in steps(workflow, "build") if s.get("name") == "Build")
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    upload = next(s for s in steps(workflow, "build") if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"


def test_share_images_are_kept_between_runs_under_a_key_of_what_they_are_drawn_from(workflow) -> None:
    from measures_site.project import share_image_cache
    from measures_site.site import share_images

    build_steps = steps(workflow, "build")
    position = {step.get("name"): index for index, step in enumerate(build_steps)}
    cache = next(step for step in build_steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["uses"] in ACTIONS_READ
    # The folder the build reads and writes, as the cache action names it (from the checkout).
    assert cache["with"]["path"] == share_image_cache(Path(".")).as_posix()
    key = cache["with"]["key"]
    fonts, drawing, texts = re.fullmatch(r"share-images-\$\{\{ (.+?) \}\}-\$\{\{ (.+?) \}\}-\$\{\{ (.+?) \}\}", key).groups()
    # The fonts' version, as the step that installs them says it.
    fonts_step = next(step for step in build_steps if step.get("id") == "fonts")
    assert fonts == "steps.fonts.outputs.noto-cjk"
    assert "echo \"noto-cjk=$(dpkg-query --show --showformat='${Version}' fonts-noto-cjk)\" >> \"$GITHUB_OUTPUT\"" in fonts_step["run"]
    # The drawing code, every module of the images' own key, and Pillow's version in the lock.
    drawn_by = re.fullmatch(r"hashFiles\((.+)\)", drawing)[1]
    folder = Path(share_images.__file__).parent.relative_to(ROOT).as_posix()
    assert re.findall(r"'([^']+)'", drawn_by) == [*(f"{folder}/{name}" for name in share_images.DRAWING_MODULES), "requirements.lock"]
    assert re.search(r"^pillow==", (ROOT / "requirements.lock").read_text("utf-8"), re.MULTILINE)
    # The pages' texts: the data and everything that writes the pages from it.
    assert texts == "hashFiles('data/**', 'scripts/**', 'mkdocs.yml')"
    for pattern in re.findall(r"'([^']+)'", key):
        assert list(ROOT.glob(pattern)) if "*" in pattern else (ROOT / pattern).is_file(), pattern
    # A change of the texts restores the latest images of the same fonts and code.
    assert cache["with"]["restore-keys"].split("\n") == [key.removesuffix("${{ " + texts + " }}"), ""]
    # Restored once the fonts are known, before the build draws.
    assert position[fonts_step["name"]] < position[cache["name"]] < position["Build"]


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
        name = name.split("[")[0]  # the lock names a package without its extras (pagefind[extended])
        assert locked[name.lower().replace("_", "-").replace(".", "-")] == version, requirement


def makefile_expanded() -> str:
    """The Makefile with continued lines joined and its `NAME := value` variables expanded."""
    text = (ROOT / "Makefile").read_text("utf-8").replace("\\\n", " ")
    variables = dict(re.findall(r"^(\w+) := (.*)$", text, re.M))
    for _ in range(3):
        text = re.sub(r"\$\((\w+)\)", lambda match: variables.get(match[1], match[0]), text)
    return text


def recipe(target: str) -> list[str]:
    text = makefile_expanded()
    return [line.strip() for line in text.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0].splitlines()[1:]]


def test_make_lock_refreshes_both_locks_with_hashes_using_the_locked_tools() -> None:
    lines = recipe("lock")
    assert not [line for line in lines if "pip install" in line], "make lock installs tools outside the lock"
    compiles = [line for line in lines if "pip-compile" in line]
    assert [line.split(" -o ", 1)[1].split()[0] for line in compiles] == ["requirements.lock", "requirements-tools.lock"]
    for line in compiles:
        assert line.startswith(".venv/bin/pip-compile ")  # the one requirements-tools.lock installs
        assert "--generate-hashes" in line and "--allow-unsafe" in line
        assert "--no-build-isolation" in line  # reading pyproject.toml fetches no build tools


def locked(lock_file: str) -> dict[str, str]:
    text = (ROOT / lock_file).read_text("utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M)
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(entries) == len(requirement_lines)
    return {name.lower(): version for name, version, _ in entries}


def test_setup_installs_nothing_unhashed_and_builds_with_the_locked_setuptools() -> None:
    lines = recipe(".venv/.installed")
    installs = [line for line in lines if "pip install" in line]
    assert [line.split(" -r ", 1)[1] for line in installs] == ["requirements-tools.lock", "requirements.lock"]
    for line in installs:
        assert "--require-hashes" in line and "--no-deps" in line
    # the project's lock: jieba and feedgen, published only as source, are built with the tools'
    # setuptools (no build isolation: pip fetches no build requirement), and no other package may be source
    project = installs[1]
    assert "--no-build-isolation" in project and "--only-binary=:all:" in project
    assert re.search(r"--no-binary=jieba,feedgen(\s|$)", project)
    tools = locked("requirements-tools.lock")
    assert {"pip", "setuptools", "pip-tools"} <= set(tools)
    # the first pip (Python's bundled copy) installs only the tools; the locked pip the rest
    assert installs[0].startswith(".venv/bin/python -m pip")


def test_both_locks_agree_on_what_they_share() -> None:
    project, tools = locked("requirements.lock"), locked("requirements-tools.lock")
    assert {name: version for name, version in tools.items() if name in project} == {
        name: project[name] for name in tools if name in project
    }
    # the project's build backend is the one the tools lock installs
    import tomllib

    build_system = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["build-system"]["requires"]
    assert build_system == [f"setuptools=={tools['setuptools']}"]


# Each action the workflow uses, at its pinned commit, read for what it runs in turn: a
# JavaScript action runs only its own bundled code; a composite one runs the actions it
# names, which must be pinned by commit too. A new action or commit fails here until it
# has been read and recorded.
ACTIONS_READ = {
    "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683": "node",
    "actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b": "node",
    "actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b": "node",
    # composite: tar, then actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 (v4.6.2)
    "actions/upload-pages-artifact@7b1f4a764d45c48632c6b24a0339c27f5614fb0b": "composite, pinned inside",
    "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02": "node",
    "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e": "node",
    "actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830": "node",  # v4.3.0: restore, and save after the job
}


def test_every_action_runs_only_code_pinned_by_commit(workflow) -> None:
    assert sorted(set(uses(workflow))) == sorted(ACTIONS_READ)

# ── a change of data/ alone: the short path ──────────────────────────────────


def scope_step(workflow: dict) -> dict:
    return next(step for step in steps(workflow, "check-data") if step.get("id") == "scope")


def run_scope(workflow: dict, repository: Path, base: str) -> str:
    """The scope step's script, run as the runner runs it (bash -e), in `repository`: its output."""
    output = repository.parent / "github_output"  # outside the repository, as on the runner
    output.write_text("")
    subprocess.run(
        ["bash", "-e", "-c", scope_step(workflow)["run"]],
        cwd=repository,
        env={"PATH": "/usr/bin:/bin", "BASE_SHA": base, "GITHUB_OUTPUT": str(output)},
        check=True,
        capture_output=True,
    )
    return output.read_text()


def commit(repository: Path, path: str, text: str) -> str:
    (repository / path).parent.mkdir(parents=True, exist_ok=True)
    (repository / path).write_text(text)
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run([*git, "add", "."], cwd=repository, check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", path], cwd=repository, check=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repository, capture_output=True, text=True, check=True).stdout.strip()


def test_the_scope_step_tells_a_change_of_data_alone_from_any_other(workflow, tmp_path: Path) -> None:
    tmp_path = tmp_path / "repository"
    tmp_path.mkdir()
    subprocess.run(["git", "init", "--quiet"], cwd=tmp_path, check=True)
    base = commit(tmp_path, "data/measures.yaml", "a\n")
    commit(tmp_path, "data/measures.yaml", "b\n")
    commit(tmp_path, "data/conversion.yaml", "c\n")
    assert run_scope(workflow, tmp_path, base) == "data-only=true\n"
    software = commit(tmp_path, "scripts/measures_site/data/load.py", "d\n")
    assert run_scope(workflow, tmp_path, base) == "data-only=false\n"
    commit(tmp_path, "data/measures.yaml", "e\n")
    assert run_scope(workflow, tmp_path, software) == "data-only=true\n"
    # A workflow or a test is software too; a first push (no base) or a base outside the history runs everything.
    commit(tmp_path, ".github/workflows/pages.yml", "f\n")
    assert run_scope(workflow, tmp_path, software) == "data-only=false\n"
    assert run_scope(workflow, tmp_path, "") == "data-only=false\n"
    assert run_scope(workflow, tmp_path, "0" * 40) == "data-only=false\n"


def runs(condition: str | None, data_only: bool, event: str) -> bool:
    """Whether a step with this `if:` runs: the workflow's conditions, and only those, evaluated."""
    if condition is None:
        return True
    known = {
        "needs.check-data.outputs.data-only": repr("true" if data_only else "false"),
        "github.event_name": repr(event),
        "github.ref": repr("refs/heads/main"),
    }
    expression = condition
    for name, value in known.items():
        expression = expression.replace(name, value)
    expression = expression.replace("&&", " and ").replace("||", " or ")
    # Nothing left but quoted values, comparisons and and/or: a condition on anything else fails here.
    assert set(re.findall(r"[A-Za-z_][\w.-]*", re.sub(r"'[^']*'", "", expression))) <= {"and", "or"}, condition
    return bool(eval(expression, {"__builtins__": {}}))  # noqa: S307 - the workflow's own expressions, checked above


def steps_run(workflow: dict, job: str, data_only: bool, event: str) -> list[str]:
    return [step.get("name", step.get("uses", "")) for step in steps(workflow, job) if runs(step.get("if"), data_only, event)]


@pytest.mark.parametrize("event", ["push", "pull_request"])
def test_a_change_of_data_alone_runs_the_data_check_the_build_and_the_live_checks_only(workflow, event: str) -> None:
    assert workflow["jobs"]["check-data"]["outputs"]["data-only"] == "${{ steps.scope.outputs.data-only }}"
    short = steps_run(workflow, "build", data_only=True, event=event)
    assert "Check the live content" in short and "Test" not in short
    assert "Build" in short
    full = steps_run(workflow, "build", data_only=False, event=event)
    assert "Test" in full and "Check the live content" not in full
    assert [name for name in short if name != "Check the live content"] == [name for name in full if name != "Test"]
    # The data check itself runs on every change, and deploying waits for the build either way.
    assert "Check the data" in steps_run(workflow, "check-data", data_only=True, event=event)
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    run = {step.get("name"): step.get("run") for step in steps(workflow, "build")}
    assert (run["Test"], run["Check the live content"]) == ("make test", "make test-live")
    # make test-live is the checks of the live content: the tests marked live_content.
    command = recipe("test-live")[-1]
    assert command.startswith(".venv/bin/python -m pytest ") and command.endswith(" -m live_content"), command
