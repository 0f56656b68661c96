"""The command line: exit codes, one-line errors, outputs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from quotes.cli import main


def test_usage_error_exits_2(capsys):
    """An unknown command is a usage error: exit code 2."""
    assert main(["frobnicate"]) == 2


def test_missing_file_is_one_line_error(capsys, tmp_path):
    """A missing input gives one 'Error:' line and exit code 2, no traceback."""
    code = main(["extract", str(tmp_path / "nope.txt"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("Error: ") and "nope.txt" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_binary_input_is_one_line_error(capsys, tmp_path):
    """A binary file gives a clear error, not a traceback."""
    f = tmp_path / "image.txt"
    f.write_bytes(bytes(range(256)) * 50)
    assert main(["extract", str(f), "--quiet"]) == 2
    assert "binary" in capsys.readouterr().err


def test_empty_directory_is_an_error(capsys, tmp_path):
    """A directory without articles is reported, not silently skipped."""
    assert main(["digest", str(tmp_path), "--quiet"]) == 2
    assert "no article files" in capsys.readouterr().err


def test_brat_needs_output_dir(capsys, tmp_path):
    """--format brat without --output is a usage error that says what to do."""
    f = tmp_path / "a.txt"
    f.write_text("Nothing to see.", encoding="utf-8")
    assert main(["extract", str(f), "--format", "brat", "--quiet"]) == 2
    assert "--output" in capsys.readouterr().err


@pytest.mark.slow
def test_extract_jsonl_and_brat(tmp_path, capsys):
    """extract writes one JSON line per article and one .ann per input in brat mode."""
    f = tmp_path / "story.txt"
    f.write_text("“We will never give up,” said Volodymyr Zelenskyy on March 1, 2022.\n", encoding="utf-8")
    assert main(["extract", str(f), "--format", "jsonl", "--quiet"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])
    out = tmp_path / "ann"
    assert main(["extract", str(f), "--format", "brat", "--output", str(out), "--quiet"]) == 0
    ann = (out / "story.ann").read_text(encoding="utf-8")
    assert "\tContent " in ann and "\tSource " in ann and "\tCue " in ann


@pytest.mark.slow
def test_check_exit_codes(tmp_path, capsys):
    """check: 0 for a draft that quotes its source exactly, 1 for one that alters the words."""
    src = tmp_path / "sources"
    src.mkdir()
    (src / "a.txt").write_text(
        "Foreign Minister Wang Yi said on March 1, 2022 that China “deeply regrets that conflict has erupted "
        "between Ukraine and Russia”.\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("Wang Yi said on March 1, 2022 that China “deeply regrets that conflict has erupted "
                     "between Ukraine and Russia”.\n", encoding="utf-8")
    altered = tmp_path / "altered.txt"
    altered.write_text("Wang Yi said on March 1, 2022 that China “deeply apologises that war has broken out "
                       "between Ukraine and Russia”.\n", encoding="utf-8")
    assert main(["check", str(clean), "--sources", str(src), "--quiet"]) == 0
    assert main(["check", str(altered), "--sources", str(src), "--quiet"]) == 1


def test_console_script_runs():
    """`python -m quotes.cli --help` works (the installed `quotes` script is the same function)."""
    proc = subprocess.run([sys.executable, "-m", "quotes.cli", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "digest" in proc.stdout


def test_models_names_the_role_tagger_and_its_networks(capsys):
    """`quotes models` says which role tagger is in use and how many networks it averages."""
    from quotes.attribution import load_role_model

    assert main(["models"]) == 0
    out = capsys.readouterr().out
    model = load_role_model()
    assert model is not None and f"role tagger: {model.source} ({len(model.networks)} network" in out
