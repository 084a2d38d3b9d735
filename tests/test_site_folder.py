"""The build deletes only what it made: refused site folders, interrupted builds, `make clean`."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from test_publishing import make_build, snapshot


def build_into(project: Path, site_dir: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/build_site.py", "--site-dir", site_dir],
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


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_leaves_no_working_folder_and_the_last_site(project_copy: Path, signal_number: int):
    assert make_build(project_copy).returncode == 0
    good = snapshot(project_copy / "site")
    build = subprocess.Popen(
        [sys.executable, "scripts/build_site.py"], cwd=project_copy, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while not working_folders(project_copy) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert working_folders(project_copy), "the build never started"
    time.sleep(1)  # well inside MkDocs' build
    build.send_signal(signal_number)
    _, errors = build.communicate(timeout=60)
    assert build.returncode == 128 + signal_number
    assert "Traceback" not in errors and "site/ is unchanged" in errors
    assert working_folders(project_copy) == []
    assert snapshot(project_copy / "site") == good


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
