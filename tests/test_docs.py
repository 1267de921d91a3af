"""The README's examples are real: each `$ chrono …` in a console block prints what it shows."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

import pytest
from click.testing import Result

from chrono.meaning import available
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [
    m[1] for m in re.findall(r"^(`{3,})console\n(.*?)^\1$", README, flags=re.DOTALL | re.MULTILINE)
]


def _examples() -> list[tuple[str, str, int | None]]:
    """(command, expected output, expected exit status or None) for each `$ chrono` line."""
    examples: list[tuple[str, str, int | None]] = []
    for block in BLOCKS:
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            if command == "echo $?":
                last = examples[-1]
                examples[-1] = (last[0], last[1], int(output.strip()))
            else:
                examples.append((command, output, None))
    return examples


EXAMPLES = _examples()


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize(("command", "output", "status"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_readme_example(
    run: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    output: str,
    status: int | None,
) -> None:
    if command.startswith("chrono dupes") and not available():
        pytest.skip("the example shows similar meaning: needs chrono[meaning] (wordllama)")
    monkeypatch.chdir(ROOT)
    words = shlex.split(command)
    env = {}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "chrono"
    result = run(*words[1:], env=env)
    assert result.output == output
    assert result.exit_code == (status if status is not None else 0)


@pytest.mark.parametrize("command", ["show", "validate", "export", "merge", "import", "dupes"])
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"### `chrono {command}`" in README


def test_ci_runs_the_readme_test_command() -> None:
    command = re.search(
        r"\*\*Install and run the tests\*\*[^\n]*\n\n```sh\n(.*?)\n```", README, flags=re.DOTALL
    )
    assert command is not None
    assert command.group(1) in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _options() -> list[tuple[str, str]]:
    """(command, option) for every long option of every command, format options too."""
    import click

    from chrono.cli import cli

    found = []
    for name, command in cli.commands.items():
        with click.Context(command, info_name=name) as ctx:
            for param in command.get_params(ctx):
                if isinstance(param, click.Option):
                    flags = [*param.opts, *param.secondary_opts]
                    found += [(name, flag) for flag in flags if flag.startswith("--")]
    return sorted(set(found))


OPTIONS = _options()


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c} {o}" for c, o in OPTIONS])
def test_every_option_is_in_the_readme(command: str, option: str) -> None:
    """What `chrono COMMAND --help` lists, the README explains."""
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README), option
