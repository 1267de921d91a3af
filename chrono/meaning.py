"""Similar meaning of titles: static word embeddings, when wordllama is installed.

Near-duplicate detection (`similarity`) compares titles by their words; titles that
say the same thing in other words (`The Berlin Wall falls` ~ `East Germany opens its
border`) share few.  WordLlama's static token embeddings (16 MB, shipped inside its
wheel, no network) give each title a vector: the mean of its tokens' vectors, made
unit length, so that the cosine of two titles is one dot product.  The signal is
optional (`pip install 'chrono[meaning]'`): without it near-duplicates are found by
words alone, and `available()` says so.

Titles are written in Latin letters first (anyascii): the embeddings know English
best, and names then meet across scripts (`Гагарин` ~ `Gagarin`).  Vectors are made
once per distinct title, for all titles at once (the tokenizer
works in batches, NumPy pools them), as 32-bit floats: 1 KB a title.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["MODEL", "available", "vectors"]

MODEL = "wordllama l2_supercat 256"  # what the vectors come from (in the cache's key)
DIMENSIONS = 256
MOST_CHARACTERS = 300  # of a title, embedded


def available() -> bool:
    """Whether the meaning signal can be used: wordllama and what it needs are
    installed (found, not imported: asking costs nothing)."""
    return all(importlib.util.find_spec(name) is not None for name in _NEEDED)


_NEEDED = ("wordllama", "numpy", "tokenizers", "safetensors")


def version() -> str:
    """wordllama's and anyascii's versions: new ones may give other vectors."""
    from importlib.metadata import version

    return f"wordllama {version('wordllama')} anyascii {version('anyascii')}"


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


def vectors(titles: Sequence[str]) -> np.ndarray:
    """One unit vector (float32) per title, in order; titles repeated are embedded once.

    Raises ImportError when wordllama is not installed (see `available`).
    """
    import numpy as np
    from anyascii import anyascii

    model = _model()
    distinct = list(dict.fromkeys(titles))
    if not distinct:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    # wordllama pads each batch to its longest title: titles are cut to their first
    # MOST_CHARACTERS (what a title says is said there) and embedded shortest first,
    # so that one long title does not make every title of its batch as long.
    latin = [anyascii(title[:MOST_CHARACTERS])[:MOST_CHARACTERS] for title in distinct]
    order = sorted(range(len(latin)), key=lambda n: len(latin[n]))
    made = np.empty((len(latin), DIMENSIONS), dtype=np.float32)
    made[order] = model.embed([latin[n] for n in order], norm=False, batch_size=512)
    # Unit length; a title with no token (only symbols) keeps its zero vector, alike
    # to nothing, where dividing by its length would make it NaN.
    lengths = np.linalg.norm(made, axis=1, keepdims=True)
    np.divide(made, lengths, out=made, where=lengths > 0)
    if len(distinct) == len(titles):
        return made
    row = {title: n for n, title in enumerate(distinct)}
    return made[[row[title] for title in titles]]
