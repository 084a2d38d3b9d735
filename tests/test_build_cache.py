"""What the build keeps between runs stays in the project, not in the machine's shared folders."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site


def test_the_word_splitter_caches_its_dictionary_in_the_project(project_copy: Path, tmp_path: Path, monkeypatch):
    shared_temporary = tmp_path / "shared-tmp"
    shared_temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(shared_temporary))
    build = build_site(project_copy)
    assert build.returncode == 0, build.output
    assert list(shared_temporary.rglob("*")) == []
    assert (project_copy / ".cache" / "jieba" / "jieba.cache").is_file()
