"""可能的新提法：从一篇文档里找出词典还没有的固定说法。New-formulation candidates, and a personal dictionary.

做法（无需训练数据，只看这篇文档本身）：

* 在每个汉字串（标点、数字、字母把文本切成汉字串）内数出所有 2—8 字的片段；
* **内部凝固度**：片段 ``w`` 在任一处切成 ``a + b``，点互信息 ``log2(c(w)·N / (c(a)·c(b)))`` 的最小值
  （``N`` 为汉字数）。常常一起出现的字（五育并举）凝固度高，偶然相邻的字（育并）低；
* **边界自由度**：片段左边、右边紧邻的字的分布熵（左右信息熵）。真正的词左右可以接各种字；
  “听党”右边总是“话”，右熵为 0，说明它只是“听党话”的一部分。串首串尾的每次出现算作不同的邻字；
* 去掉已知的词（政策术语词典、个人词典、停用词、套话，可选再加 jieba 词典里的普通词）、以虚词开头
  或结尾的片段、纯数字，以及几乎只出现在更长候选词里的片段（“质生产”在“新质生产力”里）。

``score = log2(1 + count) × min(pmi, 12) × min(left_entropy, right_entropy)``：出现多、凝固、两边都自由的
排在前面。计数与统计都是一遍扫描，时间与文本长度 × 8 成正比。

The reader accepts a candidate into a :class:`PersonalDictionary`, a jieba user dictionary file in a path they
choose (``word nz  # category``), which :func:`edu_helpers.words.load_user_dictionary` (or ``EDU_USER_DICT``)
loads next time and which :func:`candidates` leaves out.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from edu_helpers.errors import DataFileError

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["term", "count", "pmi", "left_entropy", "right_entropy", "score"]
#: 汉字（CJK 基本区与扩展 A、兼容区）
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: 候选词不以这些字开头或结尾（虚词、代词、量词、方位词）
EDGE_CHARS = frozenset("的了和与及是在对把将为以等也都而并或之其这那个们着过于被从向就才又再还很更最要把让使由各该此每")
_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
_JIEBA_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


def candidates(
    text: str,
    *,
    min_len: int = 2,
    max_len: int = 8,
    min_count: int = 2,
    min_pmi: float = 3.0,
    min_entropy: float = 0.9,
    known: Iterable[str] | Callable[[str], bool] | None = None,
    dictionary: str | Callable[[str], bool] | None = "jieba",
    top: int | None = 30,
) -> pd.DataFrame:
    """一篇文档中“可能的新提法”，得分高的在前。

    Args:
        text: the document's text (``doc.text`` or the body paragraphs joined).
        min_len, max_len: candidate length in characters (2–8 by default).
        min_count: how often a candidate must occur.
        min_pmi: the smallest internal cohesion (bits).
        min_entropy: the smallest left and right branching entropy (bits).
        known: words that are not new (a collection or a predicate). ``None``: the policy-term dictionary
            (:mod:`edu_helpers.analysis.lexicon_terms`), the stopword and boilerplate lists.
        dictionary: ``"jieba"`` (default) also leaves out words of our jieba dictionary (loads it whole, ~0.5 s);
            or a predicate; ``None`` leaves them in (fast, but common words then rank high).
        top: at most this many rows (``None``: all).

    Returns:
        DataFrame with columns ``term, count, pmi, left_entropy, right_entropy, score``.
    """
    import pandas as pd

    if not 1 <= min_len <= max_len:
        raise ValueError(f"need 1 <= min_len <= max_len, not {min_len}, {max_len}")
    is_known = _known_predicate(known)
    in_dictionary = _dictionary_predicate(dictionary)
    runs = _HAN_RUN.findall(text)
    total = sum(len(r) for r in runs)
    if not total:
        return pd.DataFrame(columns=COLUMNS)

    counts: Counter[str] = Counter()
    for run in runs:  # every substring up to max_len: O(len(text) × max_len)
        n = len(run)
        for i in range(n):
            for k in range(i + 1, min(n, i + max_len) + 1):
                counts[run[i:k]] += 1

    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    boundary = 0
    for run in runs:
        n = len(run)
        for i in range(n):
            for k in range(i + min_len, min(n, i + max_len) + 1):
                gram = run[i:k]
                if counts[gram] < min_count:
                    continue
                if i > 0:
                    left[gram][run[i - 1]] += 1
                else:
                    boundary += 1
                    left[gram][boundary] += 1  # each run boundary is a distinct neighbour
                if k < n:
                    right[gram][run[k]] += 1
                else:
                    boundary += 1
                    right[gram][boundary] += 1

    rows = {}
    for gram, neighbours in left.items():
        c = counts[gram]
        if gram[0] in EDGE_CHARS or gram[-1] in EDGE_CHARS or set(gram) <= _NUMERALS:
            continue
        if is_known(gram) or in_dictionary(gram):
            continue
        pmi = min(math.log2(c * total / (counts[gram[:k]] * counts[gram[k:]])) for k in range(1, len(gram)))
        le, re_ = _entropy(neighbours), _entropy(right[gram])
        if pmi < min_pmi or min(le, re_) < min_entropy:
            continue
        rows[gram] = (c, pmi, le, re_)

    # a candidate that occurs (almost) only inside a longer candidate is a fragment of it
    fragments = set()
    for gram, (c, *_rest) in rows.items():
        for i in range(len(gram)):
            for k in range(i + min_len, len(gram) + 1):
                part = gram[i:k]
                if part != gram and part in rows and rows[part][0] - c < min_count:
                    fragments.add(part)
    table = [
        (g, c, pmi, le, re_, math.log2(1 + c) * min(pmi, 12.0) * min(le, re_))
        for g, (c, pmi, le, re_) in rows.items()
        if g not in fragments
    ]
    table.sort(key=lambda row: (-row[5], -row[1], row[0]))
    if top is not None:
        table = table[:top]
    return pd.DataFrame(table, columns=COLUMNS).astype({"count": int})


def _entropy(counter: Counter) -> float:
    total = sum(counter.values())
    return -sum(v / total * math.log2(v / total) for v in counter.values()) if total else 0.0


def _known_predicate(known) -> Callable[[str], bool]:
    if callable(known):
        return known
    if known is not None:
        words = frozenset(known)
        return words.__contains__
    from edu_helpers.analysis.lexicon_terms import load_policy_terms
    from edu_helpers.data_files import bundled_word_list

    words = load_policy_terms().words | bundled_word_list("stopwords.txt") | bundled_word_list("boilerplate.txt")
    return frozenset(words).__contains__


def _dictionary_predicate(dictionary) -> Callable[[str], bool]:
    if dictionary is None:
        return lambda word: False
    if callable(dictionary):
        return dictionary
    if dictionary != "jieba":
        raise ValueError(f"dictionary must be None, 'jieba' or a predicate, not {dictionary!r}")
    from edu_helpers.analysis import lexicon

    freq = lexicon.tokenizer().FREQ
    return lambda word: freq.get(word, 0) > 0


# --- personal dictionary ---------------------------------------------------------------------------
def document_candidates(doc, *, dictionary_path: str | Path | None = None, top: int | None = 20) -> pd.DataFrame:
    """可能的新提法 of a document's body paragraphs, leaving out what the reader has already accepted.

    Same columns as :func:`candidates`. Kept in the disk cache (:mod:`edu_helpers.analysis.disk_cache`), keyed
    by the words of the personal dictionary too: a second kernel need not load jieba's whole dictionary.
    """
    from edu_helpers.analysis.disk_cache import cached
    from edu_helpers.analysis.lexicon import personal_dictionary_path

    mine = PersonalDictionary(dictionary_path or personal_dictionary_path()).words
    top = None if top is None else int(top)

    def compute() -> pd.DataFrame:
        body = "\n".join(p.text for p in doc.paragraph_records if p.kind not in ("heading", "attendance"))
        known = _known_predicate(None)
        return candidates(body, known=lambda w: w in mine or known(w), top=top)

    return cached(doc, "candidates", (tuple(sorted(mine)), top), compute)


class PersonalDictionary:
    """读者自己的词典：接受的新提法存进读者指定的文件，下次加载文档时使用。

    文件是 jieba 用户词典格式，一行一词：``新质生产力 nz  # 提法``（``#`` 后为类别），所以
    :func:`edu_helpers.words.load_user_dictionary` 和环境变量 ``EDU_USER_DICT`` 可以直接读它。
    文件不存在时是空词典；保存是原子的（先写临时文件再改名）。

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "my_terms.txt"
    >>> d = PersonalDictionary(path)
    >>> d.accept("新质生产力", "五育并举", category="提法")
    2
    >>> PersonalDictionary(path).words
    ('新质生产力', '五育并举')
    """

    HEADER = "# 个人词典（edu_helpers）：词 词性  # 类别。Personal dictionary in jieba user-dict format."

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.entries: dict[str, str] = {}
        if self.path.exists():
            self._read()

    def _read(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise DataFileError(self.path, "not UTF-8 text") from None
        except OSError as exc:
            raise DataFileError(self.path, f"cannot read the file ({exc.strerror or exc})") from None
        for number, line in enumerate(text.splitlines(), 1):
            entry, _, comment = line.partition("#")
            fields = entry.split()
            if not fields:
                continue
            word = fields[0]
            if not _JIEBA_WORD.fullmatch(word) or len(fields) > 3:
                raise DataFileError(self.path, f"{entry.strip()!r} is not 'word [freq] [tag]'", number)
            self.entries[word] = comment.strip() or "提法"

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.entries)

    def __contains__(self, word: object) -> bool:
        return word in self.entries

    def accept(self, *words: str, category: str = "提法") -> int:
        """Add words (checked first: jieba must be able to keep each in one word) and save; returns how many are new."""
        for word in words:
            if not isinstance(word, str) or not _JIEBA_WORD.fullmatch(word):
                raise ValueError(f"{word!r}: jieba cannot keep it as one word (punctuation or spaces)")
        if "#" in category or "\n" in category:
            raise ValueError(f"category {category!r} cannot contain '#' or a line break")
        new = [w for w in dict.fromkeys(words) if w not in self.entries]
        for word in new:
            self.entries[word] = category
        self.save()
        return len(new)

    def remove(self, word: str) -> bool:
        """Forget a word and save; ``False`` if it was not there."""
        if word not in self.entries:
            return False
        del self.entries[word]
        self.save()
        return True

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = [self.HEADER] + [f"{word} nz  # {category}" for word, category in self.entries.items()]
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
