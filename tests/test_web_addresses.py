"""Addresses in the data: a parser's rule (the gallery has the located messages), and no
placeholder published. Fast: the check is called in-process, no site is built."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import build_measures
import pytest
from conftest import FIXTURE_FOLDER, build_site

from measures_site import publication
from measures_site.data.web_address import placeholder_problem, web_address_problem
from measures_site.publication import Publication

PLACEHOLDER = 'feedback_url: "https://github.com/OWNER/REPO/issues"'
PUBLIC_URL = "https://someone.github.io/measures/"


@pytest.mark.parametrize(
    "address",
    [
        "https://www.cmab.gov.hk/",
        "https://WWW.CMAB.GOV.HK/path/?query=1#part",
        "https://creativecommons.org/licenses/by/4.0/",
        "https://www.gov.hk/tc/residents/",
        "https://中国政府.政务/",  # one script (Han) in every label
        "https://пример.рф/",  # Cyrillic throughout
        "https://www.fujian.gov.cn/zwgk/%E6%96%B0%E9%97%BB/",
        "https://www.cmab.gov.hk:443/",
    ],
)
def test_real_addresses_pass(address: str) -> None:
    assert web_address_problem(address) is None


@pytest.mark.parametrize(
    "address, words",
    [
        ("http://www.cmab.gov.hk/", "starts with http://"),
        ("javascript:alert(1)", "starting with https://"),
        ("https://www.cmab.gov.hk@evil.example/", "leads to «evil.example»"),
        ("https://user:pass@www.cmab.gov.hk/", "before the host"),
        ('https://www.cmab.gov.hk/"onmouseover="alert(1)', "cannot be part of a web address"),
        ("https://www.cmab.gov.hk/ <b>", "space"),
        ("https://www.cmab.gov.h\u0456k/", "mix scripts"),
        ("https://\u0430pple.com/", "mix scripts"),  # Cyrillic а, then Latin
        ("https://xn--80ak6aa92e.com/", "leads to «аррӏе.com»"),
        ("https://\uff57\uff57\uff57.cmab.gov.hk/", "not a valid host name"),  # full-width letters
        ("https://cmab/", "not a full host name"),
        ("https://www.cmab.gov.hk:http/", "is not a web address"),
    ],
)
def test_addresses_that_are_not_what_they_look_like_are_refused(address: str, words: str) -> None:
    assert words in (web_address_problem(address) or "")


@pytest.mark.parametrize(
    "address",
    ["https://github.com/OWNER/REPO/issues", "https://example.org/feedback", "https://www.example.com/", "https://a.test/"],
)
def test_placeholders_and_example_addresses_are_known(address: str) -> None:
    assert placeholder_problem(address)
    assert placeholder_problem("https://github.com/someone/measures/issues") is None


def test_a_build_is_public_when_its_address_is_not_this_machine_s() -> None:
    assert not Publication("http://127.0.0.1:8000/").public
    assert not Publication("http://localhost:4000/sub/").public
    assert Publication(PUBLIC_URL).public
    assert Publication(repository="someone/measures").issues_address == "https://github.com/someone/measures/issues"


def _check(tmp_path: Path, data: str) -> tuple[int, str]:
    (tmp_path / "measures.yaml").write_text(data, encoding="utf-8")
    overrides = tmp_path / "conversion.yaml"
    overrides.write_text((FIXTURE_FOLDER / "conversion.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_measures.main(["check", "--data", str(tmp_path / "measures.yaml"), "--overrides", str(overrides)])
    return status, stderr.getvalue()


@pytest.fixture
def off_github(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Neither a GitHub run nor a clone of a GitHub repository: nothing to derive an address from."""
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(publication, "clone_repository", lambda root=None: None)
    return monkeypatch


FIXTURE_TEXT = (FIXTURE_FOLDER / "measures.yaml").read_text(encoding="utf-8")


def test_a_placeholder_is_a_warning_in_a_preview(tmp_path: Path, off_github) -> None:
    status, stderr = _check(tmp_path, FIXTURE_TEXT)
    assert status == 0
    assert "measures.yaml:164:17: warning: site.feedback_url still holds the placeholder «OWNER/REPO»" in stderr


def test_a_placeholder_stops_a_public_build_at_its_line(tmp_path: Path, off_github) -> None:
    off_github.setenv("SITE_URL", PUBLIC_URL)
    status, stderr = _check(tmp_path, FIXTURE_TEXT.replace("https://www.cmab.gov.hk/", "https://www.example.org/"))
    assert status == 1 and "Traceback" not in stderr
    located = [line.split(": ", 1)[0] for line in stderr.splitlines() if ".yaml:" in line]
    assert [place.rsplit("/", 1)[-1] for place in located] == ["measures.yaml:164:17", "measures.yaml:168:10"]
    assert "site.official_source.url is an example address («www.example.org» is reserved for examples)" in stderr


def test_no_feedback_address_stops_a_public_build_off_github(tmp_path: Path, off_github) -> None:
    off_github.setenv("SITE_URL", PUBLIC_URL)
    status, stderr = _check(tmp_path, FIXTURE_TEXT.replace(f"  {PLACEHOLDER}\n", ""))
    assert status == 1
    assert "measures.yaml:160:1: site.feedback_url is not set" in stderr


def test_on_github_the_feedback_address_is_the_repository_s_issue_page(project_copy: Path, off_github) -> None:
    data = project_copy / "data" / "measures.yaml"
    data.write_text(FIXTURE_TEXT.replace(f"  {PLACEHOLDER}\n", ""), encoding="utf-8")
    off_github.setenv("GITHUB_REPOSITORY", "someone/measures")
    off_github.setenv("SITE_URL", PUBLIC_URL)
    build = build_site(project_copy)
    assert build.returncode == 0, build.output
    for page in ("about/", "zh-Hans/accessibility/"):
        assert 'href="https://github.com/someone/measures/issues"' in build.page(page), page


def test_a_clone_knows_its_github_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text(
        '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://github.com/someone/measures.git\n'
        '\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
        encoding="utf-8",
    )
    assert publication.clone_repository(tmp_path) == "someone/measures"
    (tmp_path / ".git" / "config").write_text('[remote "origin"]\n\turl = /srv/git/measures\n', encoding="utf-8")
    assert publication.clone_repository(tmp_path) is None


@pytest.mark.parametrize(
    "address, words",
    [
        ("measures@someone.org.hk", None),
        ("measures @someone.org.hk", "must be an e-mail address"),
        ("mailto:measures@someone.org.hk", "must be an e-mail address"),
        ('measures@someone.org.hk"><script>', "not a valid host name"),
        ("measures@cmab.gov.h\u0456k", "mix scripts"),
        ("measures@localhost", "not a full host name"),
    ],
)
def test_a_feedback_e_mail_address_is_one_address(address: str, words: str | None) -> None:
    from measures_site.data.web_address import email_address_problem

    problem = email_address_problem(address)
    assert (problem is None) if words is None else (words in (problem or "")), problem
