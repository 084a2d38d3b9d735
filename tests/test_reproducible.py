"""Two builds of the same commit give the same bytes (images drawn afresh or taken from the\ncache alike); dates come from the data, not the clock."""

from __future__ import annotations

import datetime
import gzip
import re
import struct
import time
from pathlib import Path

import pytest
from conftest import build_site, copy_project

ROOT = Path(__file__).resolve().parent.parent


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def last_updated(project: Path) -> str:
    return re.search(r'^last_updated: "(\d{4}-\d\d-\d\d)"', (project / "data" / "measures.yaml").read_text("utf-8"), re.M)[1]


def test_two_builds_at_different_times_and_places_are_byte_identical(site, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    time.sleep(1.1)  # a different second from the session build, and a different folder
    again = build_site(copy_project(tmp_path / "elsewhere"))
    assert again.returncode == 0, again.output
    first, second = files_of(site.site), files_of(again.site)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert {
        "sitemap.xml.gz",
        "search/search_index.json",
        "data/measures-zh-Hant.json",
        "zh-Hans/data/measures-zh-Hans.csv",
        "changes/feed.xml",
        "zh-Hans/changes/feed.xml",
        "share.png",
        "zh-Hans/domains/education/share.png",
        "assets/images/apple-touch-icon.png",
    } <= set(first)
    # Built again where the first build left its drawn images in the cache: the same bytes.
    cache = again.project / ".cache" / "share-images"
    cached = {path.name: path.stat().st_mtime_ns for path in cache.glob("*.png")}
    assert len(cached) == len([name for name in first if name.endswith("/share.png") or name == "share.png"]) + 1  # and the icon
    warm = build_site(again.project)
    assert warm.returncode == 0, warm.output
    assert files_of(warm.site) == first
    assert {path.name: path.stat().st_mtime_ns for path in cache.glob("*.png")} == cached  # none drawn again


def test_sitemap_is_dated_by_the_datas_last_change(site) -> None:
    day = last_updated(site.project)
    sitemap = (site.site / "sitemap.xml").read_text("utf-8")
    dates = set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap))
    assert dates == {day}
    raw = (site.site / "sitemap.xml.gz").read_bytes()
    mtime = struct.unpack("<I", raw[4:8])[0]  # the gzip header's modification time
    assert datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).date().isoformat() == day
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def test_a_new_last_updated_date_reaches_sitemap_footer_and_data(project_copy: Path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = project_copy / "data" / "measures.yaml"
    data.write_text(data.read_text("utf-8").replace('last_updated: "2023-06-28"', 'last_updated: "2024-01-05"'), "utf-8")
    build = build_site(project_copy)
    assert build.returncode == 0, build.output
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (build.site / "sitemap.xml").read_text("utf-8"))) == {"2024-01-05"}
    assert re.search(r"最後更新：<a href=\"[^\"]*changes/\"><time datetime=\"2024-01-05\">2024年1月5日</time></a>", build.page("measures/"))
    assert re.search(r"最后更新：<a href=\"[^\"]*changes/\"><time datetime=\"2024-01-05\">2024年1月5日</time></a>", build.page("zh-Hans/measures/"))
    assert '"last_updated": "2024-01-05"' in (build.site / "zh-Hans" / "data" / "measures-zh-Hans.json").read_text("utf-8")


def test_source_date_epoch_given_by_the_caller_is_honoured(project_copy: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2025, 3, 1, tzinfo=datetime.timezone.utc).timestamp())))
    build = build_site(project_copy)
    assert build.returncode == 0, build.output
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (build.site / "sitemap.xml").read_text("utf-8"))) == {"2025-03-01"}
