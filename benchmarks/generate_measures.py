"""Write a valid measures file of any size, for benchmarks.

    python benchmarks/generate_measures.py COUNT OUTPUT.yaml [REPORTS [MEETINGS]]

The tests' frozen fixture (tests/fixture/measures.yaml, the signed 2023 text) is
kept (conference, memorandum, the 10 domains); its 21 measures are repeated, round
robin over the domains, until there are COUNT. With MEETINGS, COUNT measures are
shared among that many meetings, the fixture's 4th and made-up copies of it numbered
after it (5th, 6th…), each with its share. The fixture, not the live data, so
figures stay comparable whatever the editors change. Each copy gets its own number and a distinct title, so the pages, the
index and the search results grow like real content rather than one repeated
string. The text stays real Traditional Chinese, so it passes the same checks.

With REPORTS, each measure carries that many reports of progress, taken in turn from the
tests' made-up ones (tests/fixture/progress.yaml, never published), each on a day of its own,
and last_updated is that file's.
"""

from __future__ import annotations

from copy import deepcopy
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixture" / "measures.yaml"
MADE_UP_PROGRESS = ROOT / "tests" / "fixture" / "progress.yaml"
# Traditional numerals for the copy mark of a title, so titles stay distinct.
_DIGITS = "〇一二三四五六七八九"
# Fewer would leave a domain without measures, which the checks reject.
REAL_MEASURE_COUNT = 21


def _numeral(value: int) -> str:
    return "".join(_DIGITS[int(digit)] for digit in str(value))


def generate(count: int, reports: int = 0, meetings: int = 1) -> dict:
    yaml = YAML()
    document = yaml.load(FIXTURE_DATA.read_text(encoding="utf-8"))
    if reports:
        document["last_updated"] = yaml.load(MADE_UP_PROGRESS.read_text(encoding="utf-8"))["last_updated"]
    (fourth,) = document["meetings"]
    shares = [count // meetings + (1 if index < count % meetings else 0) for index in range(meetings)]
    document["meetings"] = [_meeting(fourth, place, share, reports) for place, share in enumerate(shares)]
    return document


def _meeting(fourth: dict, place: int, count: int, reports: int) -> dict:
    """The 4th meeting (place 0), or a made-up copy of it numbered `place` after it, with `count` measures."""
    made_up = YAML().load(MADE_UP_PROGRESS.read_text(encoding="utf-8"))
    examples = [entry for entries in made_up["progress"].values() for entry in entries]
    meeting = deepcopy(fourth)  # its own copy: shared values would be written as YAML aliases
    if place:
        number = fourth["conference"]["meeting_number"] + place
        name = f"{fourth['conference']['name']}（生成：第{_numeral(number)}）"
        meeting["conference"].update(meeting_number=number, name=name)
    real = list(fourth["measures"])
    slugs = [domain["slug"] for domain in fourth["domains"]]
    measures = []
    for index in range(count):
        source = real[index % len(real)]
        copy = index // len(real)
        title = source["title"] if copy == 0 else f"{source['title'].rstrip('。')}（第{_numeral(copy + 1)}輪）。"
        measures.append(
            {
                "number": index + 1,
                # Real measures keep their domain; copies spread evenly so every domain grows.
                "domain": source["domain"] if copy == 0 else slugs[index % len(slugs)],
                "title": title,
                "body": source["body"],
            }
        )
        if reports:
            measures[-1]["progress"] = [
                # One a day: the examples' days, moved back a year for each round through them.
                {**example, "date": f"{int(str(example['date'])[:4]) - turn // len(examples)}{str(example['date'])[4:]}"}
                for turn, example in ((turn, examples[(index + turn) % len(examples)]) for turn in range(reports))
            ]
    meeting["measures"] = measures
    return meeting


def main(argv: list[str]) -> int:
    reports = argv[2] if len(argv) >= 3 else "0"
    meetings = argv[3] if len(argv) == 4 else "1"
    if (
        len(argv) not in (2, 3, 4)
        or not (argv[0].isdigit() and reports.isdigit() and meetings.isdigit())
        or int(meetings) < 1
        or int(argv[0]) < REAL_MEASURE_COUNT * int(meetings)
    ):
        print(
            f"usage: generate_measures.py COUNT OUTPUT.yaml [REPORTS [MEETINGS]] (COUNT ≥ {REAL_MEASURE_COUNT} a meeting)",
            file=sys.stderr,
        )
        return 2
    yaml = YAML()
    yaml.width = 100_000  # one line per text, as editors write them
    with Path(argv[1]).open("w", encoding="utf-8") as output:
        yaml.dump(generate(int(argv[0]), int(reports), int(meetings)), output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
