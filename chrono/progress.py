"""How the library reports long work, without knowing how it is shown (the CLI draws
a bar on a terminal; others pass nothing)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

# `progress(total, label)` is entered around work of `total` steps (bytes read, titles
# embedded) and gives the function to call with the steps done since the last call.
Progress = Callable[[int, str], AbstractContextManager[Callable[[int], None]]]
