"""词典：我们自己的 jieba 分词器和它背后的词典。The lexicon behind the words stage.

Design (see ``../shared/notes/segmentation.md`` for the measurements behind it):

* **Our own** ``jieba.Tokenizer``: the global ``jieba.dt`` is never initialised, changed or consulted, so
  importing ``edu_helpers`` does not change jieba for other code in the kernel. We never call
  ``Tokenizer.add_word(w, 0)`` either: it writes to jieba's module-global ``finalseg.Force_Split_Words``.
* **Policy dictionary**: ``data/policy_terms.toml`` (terms by category, read and checked by
  :mod:`.lexicon_terms`, tagged ``nz``) is merged into
  jieba's ``dict.txt``; its ``freq 0`` lines delete words (教育部党组、部党组, else 教育部 splits).
* **Cold start**: building jieba's prefix dictionary costs ~0.5–0.9 s, more than our whole budget. The merged
  dictionary is therefore prepared once into an SQLite file in the user cache dir
  (``$EDU_HELPERS_CACHE``, else ``$XDG_CACHE_HOME/edu_helpers``, else ``~/.cache/edu_helpers``), named by a hash
  of the jieba version and both dictionary files, written atomically. A short text only loads the entries it
  can use: every substring whose prefixes are all dictionary entries, found length by length. jieba only ever
  looks up such substrings, so the tokens are identical to those of the full dictionary (a test checks it).
  After ~200 000 characters, or on :func:`preload`, the whole dictionary is loaded and jieba runs at full speed.
  If the cache cannot be written or read, the full dictionary is built in memory instead.
* **Users** extend the dictionary with :func:`edu_helpers.analysis.words.load_user_dictionary` or ``EDU_USER_DICT``
  (paths separated by ``os.pathsep``), read on first use. Both change segmentation for the whole process.
* jieba imports ``pkg_resources`` (~0.1 s) only to open its own data files and falls back to ``open()`` when
  that import fails; we let it take that fallback unless ``pkg_resources`` is already loaded.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import sys
import tempfile
import threading
from pathlib import Path

from edu_helpers.data_files import DATA_DIR, cache_root, data_lines
from edu_helpers.errors import DataFileError


def _import_jieba():
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # jieba's own ImportError branch
        try:
            import jieba
        finally:
            if sys.modules.get("pkg_resources", 0) is None:
                del sys.modules["pkg_resources"]
    import jieba

    return jieba


jieba = _import_jieba()

POLICY_TERMS = DATA_DIR / "policy_terms.toml"
SCHEMA = "1"
#: After this many characters segmented piecewise, the whole dictionary is loaded.
FULL_AFTER_CHARS = 200_000
_BATCH = 900  # SQLite host parameters per query
_JIEBA_CHARS = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")  # jieba's re_han_default: one block


# --- dictionary files ----------------------------------------------------------------------------
def read_dictionary(path: str | Path) -> list[tuple[str, int | None, str | None]]:
    """Entries ``(word, freq, tag)`` of a jieba user dictionary: ``word [freq] [tag]`` per line.

    ``freq`` (a whole number, ``0`` deletes the word) and ``tag`` (lower-case letters, e.g. ``nz``) are optional;
    blank lines and ``#`` comments are skipped. Stricter than jieba, which silently misreads such lines.

    Raises:
        DataFileError: naming the line, if a frequency is not a whole number, a word holds whitespace
            or characters jieba cannot keep in one word (〇, punctuation…).
    """
    path = Path(path)
    if path.suffix == ".toml":  # the policy terms by category
        from edu_helpers.analysis.lexicon_terms import load_policy_terms

        return load_policy_terms(path).jieba_entries()
    return [_parse_entry(line.split(), path, number) for number, line in data_lines(path)]


def _parse_entry(fields: list[str], path: Path, line: int) -> tuple[str, int | None, str | None]:
    word, *rest = fields
    tag = rest.pop() if rest and re.fullmatch(r"[a-z]+", rest[-1]) else None
    if len(rest) > 1 or (rest and not (rest[0].isascii() and rest[0].isdigit())):
        problem = f"{rest[0]!r} after {word!r} is neither a frequency (a whole number) nor a tag (a–z)"
        raise DataFileError(path, problem + "; a word cannot contain whitespace", line)
    if not _JIEBA_CHARS.fullmatch(word):
        bad = "".join(sorted(set(_JIEBA_CHARS.sub("", word))))
        raise DataFileError(path, f"{word!r}: jieba cannot keep {bad!r} inside one word", line)
    return word, int(rest[0]) if rest else None, tag


def _add(freq: dict[str, int], tags: dict[str, str], word: str, n: int, tag: str | None) -> None:
    """jieba's ``add_word`` on plain dicts, without its module-global force-split side effect."""
    freq[word] = n
    if tag:
        tags[word] = tag
    for i in range(1, len(word)):
        freq.setdefault(word[:i], 0)


def build_dictionary(policy: Path = POLICY_TERMS) -> tuple[dict[str, int], dict[str, str], int]:
    """jieba's ``dict.txt`` merged with the policy terms: ``(FREQ with prefixes, tags, total)``."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            word, n, *tag = line.split()
            _add(freq, tags, word, int(n), tag[0] if tag else None)
            total += int(n)
    tk = _new_tokenizer(freq, total)
    for word, n, tag in read_dictionary(policy):
        n = tk.suggest_freq(word) if n is None else n
        _add(freq, tags, word, n, tag)
        tk.total = total = total + n
    return freq, tags, total


def _new_tokenizer(freq: dict[str, int], total: int):
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = freq, total, True  # never reads dict.txt itself
    return tk


# --- the cache store -------------------------------------------------------------------------------
def cache_dir() -> Path:
    """Where the prepared dictionary is kept (see the module docstring): :func:`~edu_helpers.data_files.cache_root`."""
    return cache_root()


def cache_key(policy: Path = POLICY_TERMS) -> str:
    """Hash of the jieba version, our schema and both dictionary files."""
    h = hashlib.blake2b(f"{jieba.__version__}|{SCHEMA}|".encode(), digest_size=8)
    for path in (Path(jieba.__file__).parent / "dict.txt", policy):
        h.update(path.read_bytes())
    return h.hexdigest()


def write_store(path: Path, freq: dict[str, int], tags: dict[str, str], total: int, key: str) -> None:
    """Write the dictionary as an SQLite file, atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        con.execute("CREATE TABLE lex(word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID")
        con.execute("CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.executemany("INSERT INTO lex VALUES (?, ?, ?)", ((w, n, tags.get(w)) for w, n in freq.items()))
        con.executemany("INSERT INTO meta VALUES (?, ?)", [("key", key), ("total", str(total))])
        con.commit()
        con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def open_store(path: Path, key: str) -> tuple[sqlite3.Connection, int] | None:
    """``(connection, total)`` for a valid store with this key, else ``None`` (missing, foreign or corrupt)."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(con.execute("SELECT name, value FROM meta"))
        if meta.get("key") == key:
            return con, int(meta["total"])
        con.close()
    except (sqlite3.Error, ValueError, KeyError):
        pass
    return None


# --- the lexicon: our tokenizer and the dictionary behind it --------------------------------------
class _Lexicon:
    """Our ``jieba.Tokenizer`` whose ``FREQ`` is the full dictionary or the part of it loaded so far."""

    def __init__(self, store: sqlite3.Connection | None, total: int, full=None):
        self.store, self.lock = store, threading.RLock()
        self.tk = _new_tokenizer(full[0] if full else {}, total)
        self.tags: dict[str, str] = full[1] if full else {}
        self.checked: set[str] = set()
        self.user: list[tuple[str, int, str | None]] = []  # replayed onto the full dictionary
        self.seen = 0

    def prepare(self, text: str) -> None:
        """Make sure every dictionary entry jieba may look up while cutting ``text`` is loaded."""
        if self.store is None:
            return
        with self.lock:
            self.seen += len(text)
            if self.seen > FULL_AFTER_CHARS:
                return self.load_full()
            freq = self.tk.FREQ
            alive = [(b, k) for b in _JIEBA_CHARS.findall(text) for k in range(len(b))]
            n = 1
            try:
                while alive:
                    if new := {b[k : k + n] for b, k in alive} - self.checked:
                        self._fetch(new)
                    alive = [(b, k) for b, k in alive if k + n < len(b) and b[k : k + n] in freq]
                    n += 1
            except sqlite3.Error:
                self._recover()

    def _fetch(self, words: set[str]) -> None:
        self.checked |= words
        todo, freq, user = list(words), self.tk.FREQ, {w for w, _, _ in self.user}
        for i in range(0, len(todo), _BATCH):
            chunk = todo[i : i + _BATCH]
            sql = f"SELECT word, freq, tag FROM lex WHERE word IN ({','.join('?' * len(chunk))})"
            for word, n, tag in self.store.execute(sql, chunk):
                if word not in user:
                    freq[word] = n
                    if tag:
                        self.tags[word] = tag

    def load_full(self) -> None:
        with self.lock:
            if self.store is None:
                return
            try:
                freq = dict(self.store.execute("SELECT word, freq FROM lex"))
                tags = dict(self.store.execute("SELECT word, tag FROM lex WHERE tag IS NOT NULL"))
            except sqlite3.Error:
                return self._recover()
            for word, n, tag in self.user:
                _add(freq, tags, word, n, tag)
            self.tk.FREQ, self.tags, self.store = freq, tags, None

    def _recover(self) -> None:
        """The cache file broke while in use: build the dictionary in memory instead."""
        freq, tags, total = build_dictionary()
        for word, n, tag in self.user:
            _add(freq, tags, word, n, tag)
            total += n
        self.tk.FREQ, self.tags, self.tk.total, self.store = freq, tags, total, None

    def add(self, word: str, n: int | None, tag: str | None) -> None:
        with self.lock:
            self.prepare(word)
            n = self.tk.suggest_freq(word) if n is None else n
            _add(self.tk.FREQ, self.tags, word, n, tag)
            self.tk.total += n
            self.user.append((word, n, tag))


_LEXICON: _Lexicon | None = None
_INIT = threading.Lock()


def _lexicon() -> _Lexicon:
    global _LEXICON
    if _LEXICON is None:
        with _INIT:
            if _LEXICON is None:
                lex = _open_lexicon()
                for path in _user_dictionaries():
                    for word, n, tag in read_dictionary(path):
                        lex.add(word, n, tag)
                _LEXICON = lex
    return _LEXICON


def personal_dictionary_path() -> Path:
    """Where accepted 新提法 are kept (:class:`edu_helpers.analysis.candidates.PersonalDictionary`):
    ``$EDU_PERSONAL_DICT``, else ``personal_dictionary.txt`` in the user's data folder (beside the annotation store)."""
    env = os.environ.get("EDU_PERSONAL_DICT", "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("edu_helpers", appauthor=False)) / "personal_dictionary.txt"


def _user_dictionaries() -> list[str]:
    """``EDU_USER_DICT`` (paths separated by ``os.pathsep``), then the reader's personal dictionary if it exists."""
    paths = list(filter(None, os.environ.get("EDU_USER_DICT", "").split(os.pathsep)))
    personal = personal_dictionary_path()
    return paths + ([str(personal)] if personal.is_file() else [])


def _open_lexicon() -> _Lexicon:
    key = cache_key()
    path = cache_dir() / f"lexicon-{key}.sqlite3"
    opened = open_store(path, key)
    if opened is None:
        freq, tags, total = build_dictionary()
        try:
            write_store(path, freq, tags, total, key)
            opened = open_store(path, key)
            for stale in path.parent.glob("lexicon-*.sqlite3"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        except (OSError, sqlite3.Error):
            opened = None
        if opened is None:  # cache unusable: keep the dictionary we just built in memory
            return _Lexicon(None, total, (freq, tags))
    return _Lexicon(*opened)


# --- public API -----------------------------------------------------------------------------------
def tokenizer():
    """Our ``jieba.Tokenizer`` with the whole dictionary loaded (for jieba APIs that need one)."""
    lex = _lexicon()
    lex.load_full()
    return lex.tk


def added_words() -> list[tuple[str, int, str | None]]:
    """Every word added to the dictionary in this process (``EDU_USER_DICT``, the personal dictionary,
    ``load_user_dictionary``), in order: with :func:`cache_key`, what segmentation is a function of."""
    lex = _lexicon()
    with lex.lock:
        return list(lex.user)


def preload() -> None:
    """Load the whole dictionary now (~0.5 s) rather than piecewise: do this before segmenting a corpus."""
    _lexicon().load_full()


def prepare(text: str) -> None:
    """Load, in one batch, the dictionary entries that segmenting ``text`` can use (e.g. a whole document
    before cutting it paragraph by paragraph). Optional: every segmentation does this for its own text."""
    _lexicon().prepare(text)


def known_words(text: str) -> dict[str, int]:
    """The dictionary (word → frequency) with every entry ``text`` can use loaded; a word of ``text`` is a
    known word iff its frequency here is above 0."""
    lex = _lexicon()
    lex.prepare(text)
    return lex.tk.FREQ
