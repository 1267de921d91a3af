"""The shape issue #10 asks of the code: a click-free library under a thin command layer,
and a start-up that loads only what a command needs."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import chrono
from tests.conftest import ROOT

LIBRARY = sorted(
    m.name
    for m in pkgutil.walk_packages(chrono.__path__, "chrono.")
    if not m.name.startswith(("chrono.cli", "chrono.__main__"))
)


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh Python has loaded after running `code`."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_no_library_module_imports_click() -> None:
    assert "chrono.chronology" in LIBRARY
    assert "chrono.formats.json_" in LIBRARY
    imports = "\n".join(f"import {name}" for name in LIBRARY)
    assert "click" not in _loaded_after(imports)


RUN = (
    "import sys\nfrom chrono.cli import cli\nsys.argv = {argv!r}\n"
    "try:\n    cli(prog_name='chrono')\nexcept SystemExit:\n    pass\n"
)


def test_help_loads_no_format_and_no_yaml() -> None:
    loaded = _loaded_after(RUN.format(argv=["chrono", "--help"]))
    assert not {m for m in loaded if m.startswith("chrono.formats")}
    assert not loaded & {"yaml", "dateutil", "tabulate", "chrono.chronology"}


def test_show_loads_the_table_but_not_the_other_formats() -> None:
    loaded = _loaded_after(RUN.format(argv=["chrono", "show", "timelines", "--no-cache"]))
    assert "chrono.formats.table" in loaded
    assert not {m for m in loaded if m.startswith("chrono.formats.") and "table" not in m
                and not m.endswith(("cells", "__init__"))}  # fmt: skip
    assert "tabulate" not in loaded  # the default style is chrono's own
