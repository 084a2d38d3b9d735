"""The build deletes only what it made, and says in one line why it stopped: refused site folders,
interrupted builds, folders it cannot write or that go away mid-build, `make clean`."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from measures_site.commands import build as build_script  # for the faults injected in-process
from conftest import ROOT, copy_project
from measures_site.commands.site_folder import mark
from processes import catches, child_commands, wait_while_running
from test_publishing import make_build, snapshot


def build_into(project: Path, site_dir: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/build_measures.py", "build", "--site-dir", site_dir],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize(
    ("site_dir", "reason"),
    [
        (".", "it is the project itself"),
        ("..", "it contains the project"),
        ("data", "it is in data/"),
        ("data/site", "it is in data/"),
        ("docs", "it is in docs/"),
        ("scripts", "it holds files the build did not make"),
        ("notes", "it holds files the build did not make"),
        ("mkdocs.yml", "it is a file"),
    ],
)
def test_the_build_refuses_a_site_folder_it_did_not_make(project_copy: Path, site_dir: str, reason: str):
    (project_copy / "notes").mkdir()
    (project_copy / "notes" / "draft.txt").write_text("an editor's note", encoding="utf-8")
    (project_copy / "data" / "measures.yaml").write_text(
        (project_copy / "data" / "measures.yaml").read_text("utf-8").replace("攜手融入", "攜手共融"), encoding="utf-8"
    )  # an editor's unsaved work, as it were
    before = snapshot(project_copy.parent)
    result = build_into(project_copy, site_dir)
    assert result.returncode == 1
    assert reason in result.stderr
    assert "Nothing was built or deleted" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(project_copy.parent) == before


def test_the_build_replaces_an_empty_folder_and_a_site_it_made(project_copy: Path):
    (project_copy / "public").mkdir()
    assert build_into(project_copy, "public").returncode == 0
    assert (project_copy / "public" / ".built-site").is_file()
    assert (project_copy / "public" / "index.html").is_file()
    (project_copy / "public" / "stale.html").write_text("left from an older build", encoding="utf-8")
    assert build_into(project_copy, "public").returncode == 0
    assert not (project_copy / "public" / "stale.html").exists()


def working_folders(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site-"))


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with a good site/ built, copied again by each test that breaks a build."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    assert make_build(project).returncode == 0
    return project


def _mkdocs_running(build: subprocess.Popen, project: Path) -> bool:
    return any("mkdocs" in command for command in child_commands(build.pid))


def _site_being_written(build: subprocess.Popen, project: Path) -> bool:
    try:  # more than the build's own mark of a build in progress
        return any(len(list((project / folder).iterdir())) > 1 for folder in working_folders(project))
    except FileNotFoundError:
        return False


# Moments of the build's own making, so no delay is guessed. Python catches SIGTERM only
# once the script's first line has run, and the imports come next; a signal sent before
# that line ends the interpreter itself, with nothing touched.
MOMENTS = {
    "its first line": lambda build, project: catches(build.pid, signal.SIGTERM),
    "its working folder made": lambda build, project: working_folders(project),
    "MkDocs started": _mkdocs_running,
    "MkDocs writing the site": _site_being_written,
}


def interrupt(project: Path, moment: str, signal_number: int, whole_group: bool = False) -> tuple[int, str]:
    """Start `make build`'s command, signal it at `moment`; its exit status and what it printed."""
    build = subprocess.Popen(
        [sys.executable, "scripts/build_measures.py", "build"],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=whole_group,
    )
    try:
        wait_while_running(build, lambda: MOMENTS[moment](build, project), moment)
        if whole_group:  # as Ctrl-C in a terminal: MkDocs and its worker get it too
            os.killpg(build.pid, signal_number)
        else:
            build.send_signal(signal_number)
        _, errors = build.communicate(timeout=60)
    finally:
        build.kill()
    return build.returncode, errors


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("moment", MOMENTS)
def test_an_interrupted_build_says_so_in_one_line_and_leaves_the_last_site(
    built_project: Path, tmp_path: Path, moment: str, signal_number: int
):
    project = shutil.copytree(built_project, tmp_path / "project", symlinks=True)
    good = snapshot(project / "site")
    status, errors = interrupt(project, moment, signal_number)
    assert status == 128 + signal_number, errors
    assert "Traceback" not in errors
    assert len(errors.strip().splitlines()) == 1, errors
    assert errors.startswith(f"Interrupted ({signal.Signals(signal_number).name}); "), errors
    assert working_folders(project) == []
    assert snapshot(project / "site") == good


def test_ctrl_c_in_the_terminal_stops_mkdocs_too_in_one_line(built_project: Path, tmp_path: Path):
    project = shutil.copytree(built_project, tmp_path / "project", symlinks=True)
    good = snapshot(project / "site")
    status, errors = interrupt(project, "MkDocs writing the site", signal.SIGINT, whole_group=True)
    assert (status, errors) == (130, "Interrupted (SIGINT); site/ is unchanged.\n")
    assert working_folders(project) == []
    assert snapshot(project / "site") == good


def test_make_clean_removes_what_the_build_made_and_keeps_the_rest(project_copy: Path):
    shutil.copy2(ROOT / "Makefile", project_copy / "Makefile")
    assert make_build(project_copy).returncode == 0
    assert list((project_copy / ".cache" / "share-images").glob("*.png"))  # drawn images kept for the next build
    (project_copy / ".site-new-k1ll3d").mkdir()  # a build killed with SIGKILL
    (project_copy / ".site-new-k1ll3d" / "index.html").write_text("half", encoding="utf-8")
    (project_copy / ".site-old").mkdir()
    hand_written = project_copy / "docs" / "zh-Hant" / "notes.md"
    hand_written.write_text("# 筆記\n", encoding="utf-8")
    assert list((project_copy / "docs" / "zh-Hans").rglob("*.md"))
    result = subprocess.run(
        ["make", "--no-print-directory", "clean", f"PYTHON={sys.executable}"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not (project_copy / "site").exists()
    assert working_folders(project_copy) == []
    assert not (project_copy / ".cache" / "share-images").exists()
    assert not (project_copy / "docs" / "zh-Hans").exists()
    assert [path.name for path in (project_copy / "docs" / "zh-Hant").rglob("*") if path.is_file()] == ["notes.md"]
    assert "zh-Hant/notes.md: not written by the generator" in result.stderr
    assert (project_copy / "data" / "measures.yaml").is_file() and (project_copy / "docs" / "assets").is_dir()


# ── a folder that cannot be written, or goes away: build_site() in-process, faults injected ──


def fake_mkdocs(command: list[str], **_) -> subprocess.CompletedProcess:
    """MkDocs' part, reduced to writing a small site: what is tested is what comes after it."""
    site = Path(command[command.index("--site-dir") + 1])
    (site / "assets").mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("新", encoding="utf-8")
    (site / "assets" / "extra.css").write_text("b{}", encoding="utf-8")
    return subprocess.CompletedProcess(command, 0, "", "")


@pytest.fixture
def last_good_site(tmp_path: Path, monkeypatch) -> Path:
    """A site folder holding a site the build made, to be replaced by a build whose MkDocs is fake_mkdocs."""
    site = tmp_path / "public" / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("舊", encoding="utf-8")
    (site / "assets" / "extra.css").write_text("a{}", encoding="utf-8")
    mark(site)
    monkeypatch.setattr(build_script, "subprocess", SimpleNamespace(run=fake_mkdocs))
    return site


def build_in_process(site: Path, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = build_script.build_site(site)
    return status, capsys.readouterr().err.splitlines()


def failing(real, fails: Callable[[Path], bool], error_number: int):
    """`real` (os.mkdir, os.rename), raising OSError(error_number) as the system would for paths that `fails`."""

    def call(source, *rest, **keywords):
        if fails(Path(source)):
            target = [os.fspath(rest[0])] if real is os.rename else []  # os.mkdir's second is its mode
            raise OSError(error_number, os.strerror(error_number), os.fspath(source), None, *target)
        return real(source, *rest, **keywords)

    return call


def beside(site: Path) -> list[str]:
    return sorted(path.name for path in site.parent.iterdir() if path != site)


FAULTS = {
    # a read-only disk: the working folder cannot even be made
    "read-only file system": ("mkdir", lambda path, site: path.name.startswith(".site-new-"), errno.EROFS),
    # site/ is a mount point (a container's volume): it cannot be renamed away
    "busy: a mount point": ("rename", lambda path, site: path == site, errno.EBUSY),
    # the last good site moved aside, then the new one cannot take its place
    "read-only after the first rename": ("rename", lambda path, site: path.name.startswith(".site-new-"), errno.EROFS),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_site_folder_that_cannot_be_replaced_is_named_in_one_line(last_good_site, monkeypatch, capsys, fault):
    site = last_good_site
    good = snapshot(site)
    function, fails, error_number = FAULTS[fault]
    monkeypatch.setattr(os, function, failing(getattr(os, function), lambda path: fails(path, site), error_number))
    status, lines = build_in_process(site, capsys)
    monkeypatch.undo()
    assert status == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{site}/ could not be replaced ({os.strerror(error_number)}: ")
    assert f"; {site}/ is unchanged. " in lines[0] and "--site-dir" in lines[0]
    assert snapshot(site) == good
    assert beside(site) == []


def test_ctrl_c_between_the_two_renames_puts_the_last_site_back(last_good_site, monkeypatch, capsys):
    site = last_good_site
    good = snapshot(site)
    real_rename = os.rename

    def rename(source, target):
        if Path(source).name.startswith(".site-new-"):
            raise KeyboardInterrupt  # Ctrl-C, the moment site/ is moved aside
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", rename)
    try:
        status, lines = build_in_process(site, capsys)
    except KeyboardInterrupt:
        pytest.fail("the interruption escaped build_site()")  # else it would stop the whole test run
    monkeypatch.undo()
    assert (status, lines) == (130, [f"Interrupted (SIGINT); {site}/ is unchanged."])
    assert snapshot(site) == good
    assert beside(site) == []


def test_a_working_folder_deleted_during_the_build_is_not_published(last_good_site, monkeypatch, capsys):
    site = last_good_site
    good = snapshot(site)

    def make_clean_meanwhile(command, **keywords):
        # `make clean` in another terminal: MkDocs makes the folder again and writes the rest of the site.
        working = Path(command[command.index("--site-dir") + 1])
        shutil.rmtree(working)
        working.mkdir()
        (working / "index.html").write_text("半", encoding="utf-8")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(build_script, "subprocess", SimpleNamespace(run=make_clean_meanwhile))
    status, lines = build_in_process(site, capsys)
    assert status == 1
    assert len(lines) == 1, lines
    assert f"; {site}/ is unchanged. " in lines[0] and "moved or deleted during the build" in lines[0]
    assert snapshot(site) == good
    assert beside(site) == []


def test_a_site_folder_deleted_during_the_build_gets_the_new_site(last_good_site, monkeypatch, capsys):
    site = last_good_site
    real_rename = os.rename

    def rename(source, target):
        if Path(source) == site:
            shutil.rmtree(site)  # `make clean` in another terminal, just before site/ is moved aside
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", rename)
    status, lines = build_in_process(site, capsys)
    monkeypatch.undo()
    assert (status, lines) == (0, [f"Built {site}/"])
    assert (site / "index.html").read_text(encoding="utf-8") == "新"
    assert beside(site) == []


def deny_writing(monkeypatch, folder: Path, read_only_disk: bool = False) -> None:
    """What os.access and os.statvfs say to a user who may not write in `folder`."""
    real_access, real_statvfs = os.access, os.statvfs
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != folder and real_access(path, mode))
    flags = os.ST_RDONLY if read_only_disk else 0
    monkeypatch.setattr(os, "statvfs", lambda path: SimpleNamespace(f_flag=flags) if Path(path) == folder else real_statvfs(path))


@pytest.mark.parametrize(
    ("read_only_disk", "said"),
    [(False, "site/assets/ is read-only: make it writable (chmod -R u+w site)"), (True, "its file system is read-only")],
)
def test_a_read_only_site_is_refused_before_anything_is_built(last_good_site, monkeypatch, capsys, read_only_disk, said):
    site = last_good_site
    good = snapshot(site)
    deny_writing(monkeypatch, site / "assets", read_only_disk)
    status, lines = build_in_process(site, capsys)
    monkeypatch.undo()
    assert status == 1
    assert len(lines) == 1 and lines[0].startswith(f"{site}/ cannot be replaced: {said}"), lines
    assert lines[0].endswith(f"Nothing was built; {site}/ is unchanged.")
    assert snapshot(site) == good
    assert beside(site) == []
