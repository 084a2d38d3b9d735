"""What search knows of the language readers type, rather than of the content: the words
they ask with, the words Hong Kong, the mainland and Taiwan write differently for one
thing, and everyday words for the text's formal ones. The content's own terms (its names'
English forms, its everyday synonyms) are the editors', in data/search.yaml.

Each table is small and reviewed; the build keeps, for each site, only what finds a word
of its text (search_index.py), so a table's entries cost the index nothing until the text
holds one of their words.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from measures_site.data import hanzi
from measures_site.site import segment

# The words readers ask with, which say how, not what (怎麼申請助學金 asks for 助學金), in
# Mandarin and in Cantonese, and the particles that end a question: a query's share of
# content is counted without them (MAINTAINERS.md, Search).
ASKING_WORDS = (
    # Mandarin
    "怎麼", "怎樣", "如何", "甚麼", "什麼", "為甚麼", "為什麼", "哪裡", "哪裏", "哪兒", "哪些", "多少", "幾時",
    "可以", "可否", "能否", "能不能", "可不可以", "是不是", "是否", "會不會", "有沒有", "請問", "申請", "想",
    "要", "嗎", "呢", "吧", "啊",
    # Cantonese
    "喺", "咩", "乜嘢", "乜", "點樣", "點解", "點", "邊度", "邊個", "邊", "有冇", "係咪", "係唔係", "係",
    "可唔可以", "得唔得", "會唔會", "嘅", "㗎", "呀", "咗", "嘛", "啦", "囉", "吖", "咁",
)

# Groups of words for one thing that Hong Kong, the mainland and Taiwan write differently,
# Hong Kong's first. OpenCC has no table of Hong Kong's phrases, so these are the project's;
# the mainland and Taiwan pairs of OpenCC's TWPhrases.txt join them (`regional_groups`), so
# that 數碼 (Hong Kong, here) and 數字 (the mainland) find 數位 (Taiwan, OpenCC) too.
HONG_KONG_WORDS = (
    ("數碼", "數字"),
    ("義工", "志願者", "志願服務", "志工"),
    ("網上", "線上", "在線"),
    ("質素", "質量", "品質"),
    ("社會保障", "社保"),
    ("資訊科技", "信息技術"),
    ("的士", "出租車"),
    ("巴士", "公交車", "公車"),
    ("手提電話", "手機"),
    ("私隱", "隱私"),
    ("外判", "外包"),
)

# Everyday words readers use for what the text says formally, one way: 着數 (Cantonese) and
# 福利, 優惠 ask for the benefits and treatment the text calls 待遇 and 便利; 做嘢 (Cantonese)
# for work, 集資 for raising funds.
EVERYDAY_WORDS = {
    "着數": ("待遇", "便利"),
    "福利": ("待遇", "便利"),
    "優惠": ("待遇", "便利"),
    "做嘢": ("工作", "就業"),
    "集資": ("融資",),
}

# OpenCC's mainland and Taiwan phrases, the mainland's in Traditional characters (數字 數位).
TAIWAN_PHRASES = "TWPhrases.txt"


@functools.cache
def regional_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of words of one meaning: HONG_KONG_WORDS and OpenCC's mainland and Taiwan
    phrases, groups that share a word made one."""
    groups = list(HONG_KONG_WORDS)
    for mainland, taiwan in hanzi.read_table(TAIWAN_PHRASES).items():
        words = tuple(dict.fromkeys((mainland, *taiwan)))
        if len(words) > 1 and all(len(word) > 1 and segment.HAN_RUN.fullmatch(word) for word in words):
            groups.append(words)
    return tuple(joined(groups))


def joined(groups: Iterable[Sequence[str]]) -> list[tuple[str, ...]]:
    """The groups, those that share a member made one (the Hong Kong and the Taiwan variant
    tables both pair 啓 with 啟), each led by the first member of the first of them."""
    parent: dict[str, str] = {}

    def root(member: str) -> str:
        while parent.setdefault(member, member) != member:
            member = parent[member]
        return member

    for group in groups:
        for member in group[1:]:
            parent[root(member)] = root(group[0])
        root(group[0])
    members: dict[str, list[str]] = defaultdict(list)
    for member in parent:
        members[root(member)].append(member)
    return [(first, *(member for member in others if member != first)) for first, others in members.items()]


def language_synonyms(is_text_word: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(what readers type, the text's word it finds), in the source script: each word of a
    regional group finds the group's other words that the text holds (數位 of 數位產業 finds
    數字 of 數字經濟, and 數字 數位), and each everyday word its text words, where the text
    holds them (`is_text_word`)."""
    pairs = []
    for group in regional_groups():
        in_text = [word for word in group if is_text_word(word)]
        pairs += [(word, found) for word in group for found in in_text if found != word]
    for word, finds in EVERYDAY_WORDS.items():
        pairs += [(word, found) for found in finds if is_text_word(found)]
    return pairs
