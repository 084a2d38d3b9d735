"""Write a valid measures file of any size, for benchmarks.

    python benchmarks/generate_measures.py COUNT OUTPUT.yaml

The tests' frozen fixture (tests/fixture/measures.yaml, the signed 2023 text) is
kept (conference, memorandum, the 10 domains); its 21 measures are repeated, round
robin over the domains, until there are COUNT. The fixture, not the live data, so
figures stay comparable whatever the editors change. Each copy gets its own number and a distinct title, so the pages, the
index and the search results grow like real content rather than one repeated
string. The text stays real Traditional Chinese, so it passes the same checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixture" / "measures.yaml"
# Traditional numerals for the copy mark of a title, so titles stay distinct.
_DIGITS = "〇一二三四五六七八九"
# Fewer would leave a domain without measures, which the checks reject.
REAL_MEASURE_COUNT = 21


def _numeral(value: int) -> str:
    return "".join(_DIGITS[int(digit)] for digit in str(value))


def generate(count: int) -> dict:
    yaml = YAML()
    document = yaml.load(FIXTURE_DATA.read_text(encoding="utf-8"))
    real = list(document["measures"])
    slugs = [domain["slug"] for domain in document["domains"]]
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
    document["measures"] = measures
    return document


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit() or int(argv[0]) < REAL_MEASURE_COUNT:
        print(f"usage: generate_measures.py COUNT OUTPUT.yaml (COUNT ≥ {REAL_MEASURE_COUNT})", file=sys.stderr)
        return 2
    yaml = YAML()
    yaml.width = 100_000  # one line per text, as editors write them
    with Path(argv[1]).open("w", encoding="utf-8") as output:
        yaml.dump(generate(int(argv[0])), output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
