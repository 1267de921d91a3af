"""Shared fixtures: data files by scenario name, and the CLI run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from chrono.cli import cli

# No deadline: how long an example takes is for the benchmarks (bench/), and a
# deadline makes a test fail when the machine is busy, not when chrono is wrong.
settings.register_profile("chrono", deadline=None)
settings.load_profile("chrono")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from current output"
    )


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets an empty parse cache of its own, never the user's."""
    monkeypatch.setenv("CHRONO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def timeline() -> Callable[[str], str]:
    """The path of a test timeline by scenario name: timeline('bce_and_decades')."""

    def path(name: str) -> str:
        found = DATA / f"{name}.yaml"
        assert found.exists(), f"no test timeline {found}"
        return str(found)

    return path


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `chrono ARGS...` in-process; stdout and stderr are kept apart (click 8.2+)."""
    monkeypatch.delenv("CHRONO_PATH", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)

    def invoke(
        *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> Result:
        return CliRunner().invoke(cli, list(args), input=stdin, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; `pytest --update-golden` rewrites it."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.write_bytes(text.encode("utf-8"))
        assert path.exists(), f"missing golden file {path}: run pytest --update-golden"
        assert text == path.read_bytes().decode("utf-8")

    return check


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], str]:
    """Write a file under tmp_path and return its path as text."""

    def make(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return str(path)

    return make


# Tests of near-duplicates by similar meaning need the optional chrono[meaning]
# (wordllama). The README's test command installs it, and CI runs every test with it;
# CI then runs the near-duplicate tests again without it (.ci/run).
needs_meaning = pytest.mark.skipif(
    not __import__("chrono.meaning").meaning.available(),
    reason="needs chrono[meaning] (wordllama): pip install -e '.[test]' installs it",
)
