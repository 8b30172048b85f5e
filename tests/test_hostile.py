"""Hostile and messy input: every document is scored or fails alone, and output stays safe."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from framing.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main

ARTICLE = (
    "The council approved the budget on Tuesday. The mayor said the plan would add 40 officers. "
    "Critics called it a giveaway to developers."
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# -- control characters are shown, not executed ------------------------------------------------


def test_explain_and_table_show_terminal_escapes_as_visible_characters(tmp_path: Path) -> None:
    hostile = "The mayor \x1b[J\x1b[H said the \x9b31m plan was a \x07giveaway to developers."
    path = tmp_path / "esc\x1b[Jdoc.txt"
    path.write_text(hostile, encoding="utf-8")
    dims = ("--dimensions", "editorial,sentiment")
    for argv in (("explain", str(path), "--color", "never", *dims), ("explain", str(path), "--color", "always", *dims)):
        code, out, err = run(*argv)
        assert code == EXIT_OK, err
        assert "␛[J␛[H" in out  # the escape shows as a picture of ESC
        plain = out.replace("\x1b[0m", "").replace("\x1b[1m", "").replace("\x1b[2m", "").replace("\x1b[1;4;35m", "")
        assert "\x1b" not in plain and "\x9b" not in plain and "\x07" not in plain
    code, out, err = run("score", str(path), "--format", "table", *dims)
    assert code == EXIT_OK, err
    assert "\x1b" not in out and "esc␛[Jdoc" in out
