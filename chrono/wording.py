"""What a title says, as near-duplicate detection compares it (SPEC §3, issue #14).

Its comparable words (folded, in Latin letters, stemmed, without stop-words), the
initialisms of its names (`IMF` ~ `International Monetary Fund`), and what tells two
titles that look alike apart (`resigns` ~ `reinstated`, `semi-final` ~ `final`,
`Apollo 11` ~ `Apollo 12`).  `similarity` weighs and searches with them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from anyascii import anyascii

from chrono.titles import MINUS

__all__ = [
    "CONTRAST",
    "Initials",
    "Name",
    "acronyms",
    "as_written",
    "contrast",
    "initialisms",
    "names",
    "words",
]

_STOP_WORDS = frozenset(
    {
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by",
        "from", "near", "about", "between", "after", "before", "during", "under", "over",
        "against", "into", "as", "is", "are", "was", "were", "be", "been", "its", "it",
        "this", "that", "their", "his", "her", "new",
        # the articles and prepositions of the languages sources are most often in (not
        # those that are English words too: die, van, no, do, den, con, op)
        "de", "du", "des", "la", "le", "les", "l", "d", "un", "une", "et", "au", "aux", "en",
        "sur", "pour", "par", "dans", "der", "das", "dem", "ein", "eine", "und",
        "von", "zu", "im", "mit", "fur", "auf", "el", "los", "las", "del", "y", "por",
        "il", "di", "da", "e", "o", "dos", "na", "em", "och", "med", "af", "og",
        "het", "v", "s", "i",
    }
)  # fmt: skip
# Letters NFKD does not fold to ASCII (Azerbaijani, Turkish, Nordic, Polish …).
_TRANSLITERATE = str.maketrans(
    {"ə": "e", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe", "þ": "th"}
)
_SYNONYMS = {
    "deal": "agreement", "accord": "agreement", "pact": "agreement", "treaty": "agreement",
    "accords": "agreement", "declaration": "agreement",
    "meet": "meeting", "meets": "meeting", "met": "meeting", "talks": "meeting",
    "receives": "meeting", "received": "meeting", "receive": "meeting",
    "visit": "visit", "visits": "visit", "visited": "visit", "trip": "visit",
    "signs": "sign", "signed": "sign", "signing": "sign",
    "us": "usa", "america": "usa", "states": "usa", "united": "usa",
    "summit": "summit", "conference": "summit",
    "war": "war", "conflict": "war", "fighting": "war",
    "ceasefire": "truce", "armistice": "truce", "truce": "truce",
}  # fmt: skip
_WORD = re.compile(r"[^\W_]+")


def fold(word: str) -> str:
    """A word in lower case, without diacritics, in Latin letters (`Путин` → `putin`)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_TRANSLITERATE))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if folded.isascii():
        return folded
    return "".join(ch for ch in anyascii(folded).casefold() if ch.isalnum())


def _stem(word: str) -> str:
    """A very small stemmer: plural and tense endings of English words."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)] + keep
    return word


raw_words = _WORD.findall  # a title's words as written: what the functions below read


def words(title: str) -> frozenset[str]:
    """The title's comparable words: folded, stemmed, synonyms mapped, no stop-words.

    >>> sorted(words("Trump brokers Armenia–Azerbaijan peace deal"))
    ['agreement', 'armenia', 'azerbaijan', 'broker', 'peace', 'trump']
    """
    return words_of(raw_words(title))


def as_written(raws: Sequence[str], word: str) -> str | None:
    """One of a title's comparable words (`words`) as the title writes it, from its
    `raw_words`: in lower case unless in capitals (`NATO`); None if none is it.

    >>> as_written(raw_words("The bridge collapses"), "collaps")
    'collapses'
    """
    for raw in raws:
        if _word(raw) == word:
            return raw if len(raw) > 1 and raw.isupper() else raw.lower()
    return None


def words_of(raws: Sequence[str]) -> frozenset[str]:
    """`words`, of a title's `raw_words`."""
    found = set(map(_word, raws))
    found.discard("")
    return frozenset(found)


# International bodies' initialisms in other languages, written in capitals: each as
# the English one (OTAN is NATO, OMS the WHO).
_INITIALISMS = {
    "otan": "nato", "nato": "nato", "oms": "who", "voz": "who", "fmi": "imf", "iwf": "imf",
    "mvf": "imf", "bce": "ecb", "ezb": "ecb", "onu": "un", "uno": "un", "oon": "un",
    "ue": "eu", "es": "eu", "unesco": "unesco", "oiea": "iaea", "aiea": "iaea",
    "iaeo": "iaea", "magate": "iaea", "omc": "wto", "vto": "wto", "wto": "wto",
    "ocde": "oecd", "oesz": "oecd", "oecd": "oecd", "fao": "fao", "cio": "ioc",
    "ioc": "ioc", "mok": "ioc", "cpi": "icc", "istgh": "icc", "mus": "icc",
}  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)
def _word(raw: str) -> str:
    """One word as compared ("" for a stop-word); titles repeat words, so cached.
    A word in capitals is never a stop-word (`UN`, `US`), and an international body's
    initialism in another language is the English one (`OTAN` ~ `NATO`)."""
    word = fold(raw)
    if len(raw) > 1 and raw.isupper():
        word = _INITIALISMS.get(word, word)
        return _SYNONYMS.get(word, word)
    if word in _STOP_WORDS:
        return ""
    word = _SYNONYMS.get(word, word)
    return _SYNONYMS.get(_stem(word), _stem(word))


# --------------------------------------------------------------------------- initialisms


class Name(NamedTuple):
    """A name of several words that an initialism stands for."""

    words: frozenset[str]  # its comparable words
    written: str  # as the title writes it


def names(title: str, wanted: Initials | None = None) -> dict[str, Name]:
    """The initialisms of the title's names (see `initialisms`): what a title that
    writes the initialism in capitals matches instead.  With `wanted`, only those
    (and a title whose capitalised words cannot spell one is not searched).

    >>> imf = names("International Monetary Fund backs bailout")["imf"]
    >>> sorted(imf.words), imf.written
    (['fund', 'international', 'monetary'], 'International Monetary Fund')
    """
    if sum(map(str.isupper, title)) < 3:  # most titles: not three capitals in all
        return {}
    return names_of(raw_words(title), wanted)


def names_of(raws: Sequence[str], wanted: Initials | None = None) -> dict[str, Name]:
    """`names`, of a title's `raw_words`."""
    if not may_name(raws):
        return {}
    if wanted is not None and not wanted.could_spell(raws):
        return {}
    found = initialisms(raws)
    return {
        key: Name(words(name), name)
        for key, name in found.items()
        if wanted is None or key in wanted.keys
    }


class Initials:
    """Initialisms written in a chronology, found fast: by the letters a title's
    capitalised words start with."""

    def __init__(self, keys: Collection[str]) -> None:
        self.keys = frozenset(keys)
        self._by_first: dict[str, list[frozenset[str]]] = {}
        for key in self.keys:
            self._by_first.setdefault(key[0], []).append(frozenset(key))
        self._spells: dict[frozenset[str | None], bool] = {}

    def could_spell(self, raws: Sequence[str]) -> bool:
        """Whether the initials of these capitalised words hold the letters of one."""
        initials = frozenset(map(_initial, raws))  # (titles share their sets of initials)
        found = self._spells.get(initials)
        if found is None:
            found = self._spells[initials] = any(
                letters <= initials
                for first in initials
                for letters in self._by_first.get(first or "", ())
            )
        return found


def may_name(raws: Sequence[str]) -> bool:
    """Whether `initialisms` could find a name in these words: a run of three
    capitalised words (links between them allowed).  Most titles have none, and this
    is cheaper than looking."""
    return _NAMED_RUN.search("".join(map(_role, raws))) is not None


# A run that `initialisms` reads, in the words' roles (`_role`): a capitalised word
# that may start a name, then two more (an article too), links between them.
_NAMED_RUN = re.compile(r"c(?:l*[ca]){2}")


@functools.lru_cache(maxsize=1 << 16)
def _role(raw: str) -> str:
    """A word's part in a name, as `initialisms` reads it: "l" a link (`of`, `The`),
    "c" a name's word (`Monetary`), "a" an article that can go on a name but not start
    it (`An`), "x" anything else (`IMF`, `loan`), which ends a run."""
    if raw.casefold() in _LINKS:
        return "l"
    if raw[:1].isupper() and not raw.isupper():
        return "a" if raw.casefold() in _ARTICLES else "c"
    return "x"


@functools.lru_cache(maxsize=1 << 16)
def _initial(raw: str) -> str | None:
    """The folded first letter of a capitalised word, else None."""
    return fold(raw[0])[:1] if raw[:1].isupper() else None


def acronyms(title: str) -> frozenset[str]:
    """The words of two letters or more the title writes in capitals, folded: what may
    be an initialism (a `who` in lower case is not the WHO).

    >>> sorted(acronyms("WHO and the IMF meet those who ask in Geneva"))
    ['imf', 'who']
    """
    if sum(map(str.isupper, title)) < 2:
        return frozenset()
    return acronyms_of(raw_words(title))


def acronyms_of(raws: Sequence[str]) -> frozenset[str]:
    """`acronyms`, of a title's `raw_words`."""
    found = set(map(_acronym, raws))
    found.discard(None)
    return frozenset(found)  # type: ignore[arg-type]  # (no None left)


@functools.lru_cache(maxsize=1 << 16)
def _acronym(raw: str) -> str | None:
    """The word folded if it is written in capitals (two letters or more), else None."""
    return fold(raw) if len(raw) > 1 and raw.isupper() else None


_LINKS = frozenset({"of", "and", "for", "the", "on", "de", "du", "des", "la", "le", "et", "und"})
_ARTICLES = frozenset({"the", "a", "an"})  # not the start of a name (The World Bank)
MOST_INITIALS = 6


def initialisms(raws: Sequence[str]) -> dict[str, str]:
    """The initialisms of the names in a title's words: runs of three to six capitalised
    words (`of`, `and`, `for` … may join them), each as the folded initials and the
    name it stands for.  In a longer run (a title in Title Case) each part of three to
    six capitalised words counts, so `IMF` meets `International Monetary Fund Approves
    Greek Loan`.

    >>> initialisms("The World Health Organization declares a pandemic".split())
    {'who': 'World Health Organization'}
    >>> sorted(initialisms("New York Stock Exchange halts trading".split()))
    ['nys', 'nyse', 'yse']
    """
    found: dict[str, str] = {}
    run: list[str] = []
    for raw in [*raws, ""]:
        if raw.casefold() in _LINKS:
            if run:
                run.append(raw)
            continue
        if raw[:1].isupper() and not raw.isupper():
            if run or raw.casefold() not in _ARTICLES:
                run.append(raw)
            continue
        for key, name in _parts(run).items():
            found.setdefault(key, name)
        run = []
    return found


def _parts(run: list[str]) -> dict[str, str]:
    """Each part of a run of capitalised words (and links) that starts and ends with a
    capitalised word and holds three to MOST_INITIALS of them, longest first."""
    capitals = [n for n, raw in enumerate(run) if raw.casefold() not in _LINKS]
    found: dict[str, str] = {}
    for size in range(min(len(capitals), MOST_INITIALS), 2, -1):
        for first in range(len(capitals) - size + 1):
            chosen = capitals[first : first + size]
            key = fold("".join(run[n][0] for n in chosen))
            if key.isalpha() and key not in _STOP_WORDS:
                found.setdefault(key, " ".join(run[chosen[0] : chosen[-1] + 1]))
    return found


# --------------------------------------------------------------------------- contrast

CONTRAST = 0.3  # score factor for titles that tell different steps, objects or numbers

# Words that tell events apart when two titles share everything else: each class
# lists sides, and a title with a word of one side against a title with a word of
# another (and none of the first) are two events: a minister appointed and the same
# minister resigning; a launch and a docking; a novel and its film.  General news
# vocabulary, in English (and for offices, in French, German and Spanish too), not the
# words of one story.
_SIDES = (
    (("appoint appointed elect elected sworn inaugurated named nominated"
      " nommé nommée élu élue investi ernannt gewählt vereidigt nombrado elegido"),
     ("resign resigns resigned quit quits ousted oust fire fires fired sacked dismissed"
      " impeached removed steps stepped démissionne démission limogé limoge rücktritt"
      " entlassen entlässt dimite dimisión destituido"),
     ("return returns returned reinstated reappointed restored revient réintégré kehrt"
      " regresa vuelve")),
    ("open opens opened opening ouverture eröffnet eröffnung inauguración",
     "close closes closed closing clôture schließt clausura"),
    ("begin begins began start starts started", "end ends ended finish finishes finished"),
    ("launch launches launched lifts liftoff takeoff",
     ("dock docks docked docking land lands landed landing touches touchdown arrives"
      " splashdown")),
    ("announce announces announced unveil unveils unveiled preview previews",
     "release releases released publish publishes published sale"),
    ("book novel", "film movie cinema cinemas", "play theatre musical", "album song"),
    ("arrest arrested detained", "charged indicted", "convicted sentenced guilty",
     "acquitted"),
    ("born birth", "die dies died death", "funeral buried burial"),
    ("first", "second", "third", "fourth", "fifth"),
    ("invade invades invaded invasion attack attacks offensive",
     "ceasefire truce armistice surrender surrenders withdraw withdraws withdrawal"),
    ("sign signs signed signing", "ratify ratifies ratified",
     "talks negotiate negotiates negotiations"),
    ("rise rises rose surge surges soar soars jump jumps",
     "fall falls fell plunge plunges crash crashes slump slumps drop drops"),
)  # fmt: skip
# Words that make another a different thing, alone (`semi-final`, `vice president`)
# or as a prefix (`suborbital`): a semi-final is not the final.
_MODIFIERS = ("semi", "quarter", "sub", "vice", "deputy", "non", "anti", "demi", "halb")
_SAME_MODIFIER = {"demi": "semi", "halb": "semi"}  # (French and German for half)


def _modifiers(words: AbstractSet[str]) -> set[str]:
    """The modifiers a title's words say, alone or as prefixes, in one language
    (`halbfinale`: semi)."""
    found = set()
    for word in words:
        for modifier in _MODIFIERS:
            if word == modifier or (word.startswith(modifier) and len(word) - len(modifier) >= 4):
                found.add(_SAME_MODIFIER.get(modifier, modifier))
    return found


def _alike(word: str, plain: str) -> bool:
    """`final` ~ `finale`: one a word of the other, with an ending of one letter."""
    short, long = sorted((word, plain), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 1


# Words that deny what the rest says (`signed` ~ `not signed`), in one title only.
# (a refusal too: `Macron rejects Attal's resignation` ~ `Attal offers his resignation`)
_DENYING = (
    "not never nicht kein keine jamais nunca reject rejects rejected rejection rejette"
    " rejettent rejeté rechaza rechazó lehnt abgelehnt refuse refuses refused refusal deny"
    " denies denied veto vetoes vetoed"
)
_NEGATIONS = frozenset(_word(word) for word in _DENYING.split())
# A number, with its minus sign at the start or after a space or bracket (`-40`; not
# `2-0`'s 0, nor `5%-10%`'s 10); `+5` is 5.
_NUMBER = re.compile(rf"(?:{MINUS})?\d+(?:[.,]\d+)*")
# Roman numerals in capitals after a capitalised word (`Pius XI`, `Super Bowl LVII`,
# `World War I`); an initialism or a first word (`DC rally`, `MIX`) is not one.
_ROMAN = re.compile(r"(?<=[a-z] )(?=[MDCLXVI]+\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})"
                    r"(?:IX|IV|V?I{0,3})\b")  # fmt: skip
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][a-z]+ \Z")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
# A word written with `+` or `#` after it (`C++`, `C#`, `F#`): not the plain word.
_MARKED = re.compile(r"(?<![\w+#])([^\W_]+)([+#]+)")


def _sides() -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for number, sides in enumerate(_SIDES):
        for side, listed in enumerate(sides):
            for raw in listed.split():
                word = _word(raw)
                if word and found.setdefault(word, (number, side)) != (number, side):
                    found.pop(word)  # a word on two sides tells nothing
    return found


_SIDE_OF = _sides()


def numbers(title: str, years: Collection[int] = ()) -> dict[str, str]:
    """The numbers a title writes, each compared with `,` and `.` alike (`7,7` is
    `7.7`) and as written, less the years given (an event's own year in its title
    tells nothing apart).

    >>> numbers("Magnitude 7,8 quake kills 100,000 in 2023", years={2023})
    {'7.8': '7,8', '100.000': '100,000'}
    """
    found: dict[str, str] = {}
    for written in _NUMBER.findall(title):
        if not (written.isdigit() and int(written) in years):
            found.setdefault(written.replace(",", ".").replace("\u2212", "-"), written)
    for roman in _ROMAN.finditer(title):
        # (letters of numerals that make none, `IIII`, match nothing)
        if roman[0] and _CAPITALISED_BEFORE.search(title, 0, roman.start()):
            found.setdefault(str(_roman_value(roman[0])), roman[0])
    return found


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def contrast(a: str, b: str, years: Collection[int] = ()) -> str | None:
    """Why two titles that look alike tell different events, if they do: words of
    different sides of a contrast (`resigns` ~ `reinstated`), a modifier in one only
    (`semi-final` ~ `final`, `suborbital` ~ `orbital`), or numbers and none in common
    (`Apollo 11` ~ `Apollo 12`, `7.8` ~ `7.5`; `years` do not count).  None when
    nothing tells them apart.  The reason names a's word first.

    >>> contrast("Minister Ivanov resigns", "Minister Ivanov reinstated")
    'resigns / reinstated'
    """
    written_a, written_b = _as_written(a), _as_written(b)
    reason = _contrast(a, b, written_a.keys() - {""}, written_b.keys() - {""}, years)
    if reason is None:
        return None
    written = written_b | written_a  # (a's spelling first)
    alone = " in one title only"
    if reason.endswith(alone):
        word = reason.removesuffix(alone)
        return written.get(word, word) + alone
    return " / ".join(written.get(part, part) for part in reason.split(" / "))


def _as_written(title: str) -> dict[str, str]:
    """Each comparable word of the title, as the title first writes it."""
    found: dict[str, str] = {}
    for raw in _WORD.findall(title):
        found.setdefault(_word(raw), raw)
    return found


def _contrast(
    a: str, b: str, words_a: AbstractSet[str], words_b: AbstractSet[str], years: Collection[int]
) -> str | None:
    only_a, only_b = sorted(words_a - words_b), sorted(words_b - words_a)
    sides_a = {_SIDE_OF[w]: w for w in only_a if w in _SIDE_OF}
    sides_b = {_SIDE_OF[w]: w for w in only_b if w in _SIDE_OF}
    for (number, side), word in sorted(sides_a.items()):
        for (other_number, other_side), other in sorted(sides_b.items()):
            if (number == other_number and side != other_side
                    and (number, other_side) not in sides_a
                    and (number, side) not in sides_b):  # fmt: skip
                return f"{word} / {other}"
    for one, rest, a_first in ((only_a, words_b, True), (only_b, words_a, False)):
        for word in one:
            if not word.startswith(_MODIFIERS):  # (most words: looked at no further)
                continue
            if word in _MODIFIERS:
                if _SAME_MODIFIER.get(word, word) not in _modifiers(rest):
                    return f"{word} in one title only"
                continue
            for modifier in _MODIFIERS:
                plain = word[len(modifier) :]
                if not word.startswith(modifier) or len(plain) < 4:
                    continue
                if _SAME_MODIFIER.get(modifier, modifier) in _modifiers(rest):
                    break  # (`Halbfinale` ~ `semi-final`: a half final in both)
                said = next((w for w in rest if w == plain or _alike(w, plain)), None)
                if said is not None:  # (`Halbfinale` ~ `final`)
                    return f"{word} / {said}" if a_first else f"{said} / {word}"
    denied_a, denied_b = sorted(words_a & _NEGATIONS), sorted(words_b & _NEGATIONS)
    if bool(denied_a) != bool(denied_b):  # (`refuses` ~ `rejects`: both deny)
        return f"{(denied_a or denied_b)[0]} in one title only"
    marked_a, marked_b = _marked(a), _marked(b)
    if {k: v.casefold() for k, v in marked_a.items()} != {
        k: v.casefold() for k, v in marked_b.items()
    }:  # `C++` ~ `C#`, `C++` ~ a plain `C`; not one left out (`C++ creator` ~ `creator`)
        plain_a, plain_b = _plain(a), _plain(b)  # (each word as written, `C` too)
        for word in sorted(marked_a.keys() | marked_b.keys()):
            mine = marked_a.get(word) or plain_a.get(word)
            theirs = marked_b.get(word) or plain_b.get(word)
            if mine and theirs and mine.casefold() != theirs.casefold():
                return f"{mine} / {theirs}"
        if marked_a and marked_b and not marked_a.keys() & marked_b.keys():
            return f"{min(marked_a.values())} / {min(marked_b.values())}"
    numbers_a, numbers_b = numbers(a, years), numbers(b, years)
    shared = numbers_a.keys() & numbers_b.keys()  # (and numbers both give tell nothing)
    numbers_a = {k: v for k, v in numbers_a.items() if k not in shared}
    numbers_b = {k: v for k, v in numbers_b.items() if k not in shared}
    if numbers_a and numbers_b:
        least_a, least_b = min(numbers_a, key=_numeric), min(numbers_b, key=_numeric)
        return f"{numbers_a[least_a]} / {numbers_b[least_b]}"
    return None


def _plain(title: str) -> dict[str, str]:
    """Each word of the title folded, as written (single letters too: `C`)."""
    return {fold(raw): raw for raw in _WORD.findall(title)}


def _marked(title: str) -> dict[str, str]:
    """The words a title writes with `+` or `#` after them, as written (`c`: `C++`)."""
    return {fold(m[1]): m[0] for m in _MARKED.finditer(title)}


def _numeric(number: str) -> tuple[int, str]:
    return len(number.partition(".")[0]), number
