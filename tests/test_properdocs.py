"""The theme's exit path: ProperDocs, the maintained fork of MkDocs 1.x, builds the same site.

MkDocs 1.x has had no release since 2024. ProperDocs reads the same mkdocs.yml and
runs the same theme, plugins and hook (it answers their `mkdocs.*` imports), so
moving to it is a change of command: this test keeps that true.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import Build, copy_project
from test_reproducible import files_of


def test_properdocs_builds_the_same_site_byte_for_byte(site: Build, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    mkdocs_files, properdocs_files = files_of(site.site), files_of(project / "site")
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    assert [name for name in mkdocs_files if mkdocs_files[name] != properdocs_files[name]] == []
