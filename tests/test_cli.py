"""The command line: exit codes, one-line errors, outputs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_a_binary_file_is_skipped_and_named(capsys, tmp_path):
    """A binary file is no traceback and no abort: a warning names it, the exit code (1) says a file was skipped."""
    f = tmp_path / "image.txt"
    f.write_bytes(bytes(range(256)) * 50)
    assert main(["extract", str(f), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "binary" in err and str(f) in err and "skipped" in err and "Traceback" not in err


def test_a_folder_run_survives_bad_files(capsys, tmp_path):
    """One binary and one empty file in a folder do not stop the digest: the good article is digested, the
    binary one is named on stderr and in the report's diagnostics, and the exit code says a file was skipped."""
    (tmp_path / "a.txt").write_text("“We will never give up,” said Volodymyr Zelenskyy on Tuesday.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 40)
    (tmp_path / "c.txt").write_bytes(b"")
    code = main(["digest", str(tmp_path), "--format", "json", "--quiet", "--date", "2022-03-01"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code == 1
    assert data["articles"] == ["a", "b", "c"]
    assert any(s["label"] == "Volodymyr Zelenskyy" for s in data["speakers"])
    assert any(d["article"] == "b" and d["code"] == "unreadable" for d in data["diagnostics"])
    assert str(tmp_path / "b.txt") in captured.err


def test_json_for_several_files_is_one_document(capsys, tmp_path):
    """--format json over several files is one JSON document (a list of articles); one file stays an object."""
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"“Yes,” {name.upper()}lice Smith said.", encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "json", "--quiet"]) == 0
    many = json.loads(capsys.readouterr().out)
    assert [a["name"] for a in many] == ["a", "b"]
    assert main(["extract", str(tmp_path / "a.txt"), "--format", "json", "--quiet"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "a"


def test_standard_input(capsys, monkeypatch):
    """'-' reads the article from standard input."""
    import io

    stdin = io.TextIOWrapper(io.BytesIO("“Yes,” Alice Smith said.".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["extract", "-", "--format", "jsonl", "--quiet"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "stdin"


def test_output_file_gets_a_summary_and_no_partial_file(capsys, tmp_path):
    """With -o the report goes to the file whole and a one-line summary to stderr; nothing else is left."""
    (tmp_path / "a.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    out = tmp_path / "out" / "digest.md"
    out.parent.mkdir()
    assert main(["digest", str(tmp_path / "a.txt"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert out.read_text(encoding="utf-8").startswith("# Quote digest")
    assert "written to" in err and "1 articles" in err
    assert [p.name for p in out.parent.iterdir()] == ["digest.md"]


def test_interrupt_exits_130_and_writes_nothing(capsys, tmp_path, monkeypatch):
    """Ctrl-C is exit code 130, with no output file left behind."""
    from quotes import cli

    def interrupted(self, label):
        raise KeyboardInterrupt

    (tmp_path / "a.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    monkeypatch.setattr(cli._Run, "extract", interrupted)
    out = tmp_path / "digest.md"
    assert main(["digest", str(tmp_path / "a.txt"), "-o", str(out)]) == 130
    assert not out.exists() and "interrupted" in capsys.readouterr().err


def test_version_and_brat_into_a_file(capsys, tmp_path):
    """--version prints the version; brat output into an existing file is a clear error, not a traceback."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("quotes ")
    (tmp_path / "a.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    (tmp_path / "taken").write_text("x")
    assert main(["extract", str(tmp_path / "a.txt"), "--format", "brat", "-o", str(tmp_path / "taken")]) == 2
    assert "not a directory" in capsys.readouterr().err


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


_KINDS = {
    "random": lambda n: bytes((n * 37 + i * 101) % 256 for i in range(200 + n)),
    "empty": lambda n: b"",
    "html": lambda n: f"<html><head><title>T{n}</title></head><body><p>&ldquo;We will win,&rdquo; "
                      f"said Anna Smith{n}.</p><script>x()</script></body></html>".encode(),
    "text": lambda n: f"“Talks resume on day {n},” the minister said.\nBob Lee{n} said: “No.”".encode(),
    "cp1252": lambda n: f"\u201cNo deal {n},\u201d said Caf\u00e9 Owner.".encode("cp1252"),
    "long": lambda n: ("word " * 4000 + f"“Fine {n},” Dan Roe said.").encode(),
    "broken": lambda n: f"He said “never {n} and she said ”maybe“ and".encode(),
}


@pytest.mark.slow
@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from(sorted(_KINDS)), min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_any_folder_gives_every_article_and_no_traceback(tmp_path_factory, kinds, rnd):
    """Whatever a folder holds (random bytes, empty files, HTML, other encodings, huge lines, broken
    quotation marks), extract gives no traceback, an exit code of 0, 1 or 2, a line per article, and the same
    result for each article whatever the order the files are given in."""
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for n, kind in enumerate(kinds):
        path = folder / f"{n:02d}_{kind}.txt"
        path.write_bytes(_KINDS[kind](n))
        paths.append(str(path))
    shuffled = list(paths)
    rnd.shuffle(shuffled)
    outputs = []
    for order in (paths, shuffled):
        out = folder / "out.jsonl"
        code = main(["extract", *order, "--format", "jsonl", "--quiet", "--date", "2022-03-01", "-o", str(out)])
        assert code in (0, 1, 2)
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
        outputs.append({a["name"]: a for a in lines})
    assert set(outputs[0]) == {f"{n:02d}_{kind}" for n, kind in enumerate(kinds)}
    assert outputs[0] == outputs[1]


def test_a_manifest_dates_the_articles(capsys, tmp_path):
    """--manifest gives each article its date (reported as from the manifest); a file it does not name is
    said on stderr and dated as usual."""
    (tmp_path / "a.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("“No,” Bob Jones said.", encoding="utf-8")
    (tmp_path / "m.csv").write_text("file,date\na.txt,2016-10-19\n", encoding="utf-8")
    code = main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--manifest", str(tmp_path / "m.csv"),
                 "--format", "json"])
    captured = capsys.readouterr()
    a, b = json.loads(captured.out)
    assert code == 0 and (a["date"], a["date_source"]) == ("2016-10-19", "manifest")
    assert b["date_source"] == "today" and "not in the manifest" in captured.err


def test_progress_line_moves_within_a_long_article_at_most_five_times_a_second(monkeypatch):
    """On a terminal the bar is redrawn as a long article is read, but not for every piece: at most every 0.2 s,
    and always for the call that says an article is done."""
    import io
    import time

    from quotes import cli as cli_mod

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr(cli_mod.sys, "stderr", err)
    clock = iter([100.0, 100.05, 100.1, 100.3, 100.35, 101.0, 101.5])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    bar = cli_mod._Progress("extract", quiet=False, names=["long.txt"])
    bar(0, 1)                               # drawn at 100.0
    for share in (0.1, 0.2, 0.3, 0.4):      # 100.05 and 100.1 too soon; 100.3 drawn; 100.35 too soon
        bar.part(share, 1)
    bar(1, 1)                               # drawn at 101.0, with its line end
    lines = err.getvalue().split("\r\033[K")[1:]
    assert lines[0].startswith("extract [") and lines[0].endswith("0/1 long.txt")
    assert "30 %" in lines[1] and "s left" in lines[1]
    assert len(lines) == 3 and lines[2].endswith("1/1\n")


def test_brat_gives_same_named_articles_distinct_files(capsys, tmp_path):
    """Two inputs named a.txt (in different folders) give a.ann/a.txt and a~2.ann/a~2.txt, as the digest names
    them, each with its own article's text; the count said is the count written, and the renaming is said."""
    texts = {"d1": "“Yes,” Alice Smith said.", "d2": "“No,” Bob Jones said."}
    for folder, text in texts.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "ann"
    assert main(["extract", str(tmp_path / "d1" / "a.txt"), str(tmp_path / "d2" / "a.txt"), "--format", "brat",
                 "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["a.ann", "a.txt", "a~2.ann", "a~2.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == texts["d1"]
    assert (out / "a~2.txt").read_text(encoding="utf-8") == texts["d2"]
    assert "Bob Jones" in (out / "a~2.ann").read_text(encoding="utf-8")
    assert "wrote 2 .ann files" in err and f"{tmp_path / 'd2' / 'a.txt'}: named a~2 in the output" in err


def test_json_gives_same_named_articles_distinct_names(capsys, tmp_path):
    """In JSON (and every format) the second input named a.txt is a~2, so each record says which file it is."""
    for folder, text in {"d1": "“Yes,” Alice Smith said.", "d2": "“No,” Bob Jones said."}.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    assert main(["extract", str(tmp_path / "d1" / "a.txt"), str(tmp_path / "d2" / "a.txt"), "--format", "json",
                 "--quiet"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in records] == ["a", "a~2"]
    assert "Bob Jones" in json.dumps(records[1])


@pytest.mark.parametrize(("name", "content", "where"), [
    ("blank.csv", "file,date\n\n\na.txt,not-a-date\n", "blank.csv:4: not a date: 'not-a-date'"),
    ("multi.csv", 'file,date,title\n"a.txt",2022-03-01,"a title\non two lines"\n\nb.txt,bad\n',
     "multi.csv:5: not a date: 'bad'"),
    ("rows.jsonl", '{"file": "a.txt", "date": "2022-03-01", "title": "A\u2028B"}\n\n{"file": "b.txt", "date": "bad"}\n',
     "rows.jsonl:3: not a date: 'bad'"),
])
def test_a_manifest_error_names_the_line_the_row_is_on(capsys, tmp_path, name, content, where):
    """A bad manifest row is named by the line it stands on: blank lines count, a row whose quoted field spans
    two lines moves the later rows down, and a JSON string holding U+2028 is not a line end."""
    (tmp_path / "a.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--manifest", str(tmp_path / name), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: 1 problem in the manifest: ") and err.count("\n") == 1
    assert where in err


def test_output_through_a_symbolic_link_writes_its_target(capsys, tmp_path):
    """-o naming a symbolic link writes the file it points to (keeping its permissions); the link stays a link,
    and no partial file is left beside either."""
    (tmp_path / "a.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    real = reports / "real.txt"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(link), "--quiet"]) == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith("a (") and "Alice Smith" in real.read_text(encoding="utf-8")
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in reports.iterdir()) == ["real.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "link.txt", "reports"]


def test_output_to_a_pipe_or_a_descriptor_is_written_in_place(capsys, tmp_path):
    """-o naming a pipe writes into the pipe (it is not replaced by a file), and -o /dev/fd/N writes into what
    descriptor N is open on, as a shell's redirection would."""
    import os
    import stat

    (tmp_path / "a.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so the writer's open does not wait
    try:
        assert main(["extract", str(tmp_path / "a.txt"), "-o", str(fifo), "--quiet"]) == 0
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert "Alice Smith" in os.read(reader, 1 << 16).decode("utf-8")
    finally:
        os.close(reader)
    sink = tmp_path / "sink.txt"
    fd = os.open(sink, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        assert main(["extract", str(tmp_path / "a.txt"), "-o", f"/dev/fd/{fd}", "--quiet"]) == 0
    finally:
        os.close(fd)
    assert "Alice Smith" in sink.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "pipe", "sink.txt"]


def test_an_empty_draft_is_not_clean(capsys, tmp_path):
    """An empty draft is said to be empty, not clean: exit code 1, and the JSON report carries its empty-input
    diagnostic as the digest carries diagnostics."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "src.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    args = ["check", str(tmp_path / "empty.txt"), "--sources", str(tmp_path / "src.txt"), "--quiet"]
    assert main([*args, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["clean"], data["exit_code"], data["sources"]) == (False, 1, ["src"])
    assert [(d["article"], d["code"]) for d in data["diagnostics"]] == [("empty", "empty-input")]
    assert main(args) == 1
    assert capsys.readouterr().out.rstrip().endswith("the draft is empty, nothing was checked.")


def test_check_counts_only_the_sources_it_read(capsys, tmp_path):
    """A source skipped as binary is not counted as checked against: the summary names it as skipped, the JSON
    lists it under skipped (with its diagnostic), and the exit code says a file was skipped."""
    (tmp_path / "draft.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    (tmp_path / "good.txt").write_text("“Yes,” Alice Smith said on Monday.", encoding="utf-8")
    (tmp_path / "rand.txt").write_bytes(bytes(range(256)) * 20)
    args = ["check", str(tmp_path / "draft.txt"), "--sources", str(tmp_path / "good.txt"), str(tmp_path / "rand.txt"),
            "--quiet"]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "against 1 source (good; 1 skipped, unreadable: rand):" in captured.out.splitlines()[0]
    assert str(tmp_path / "rand.txt") in captured.err
    assert main([*args, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["sources"], data["skipped"], data["exit_code"]) == (["good"], ["rand"], 1)
    assert ("rand", "unreadable") in [(d["article"], d["code"]) for d in data["diagnostics"]]


def test_check_with_no_readable_source_is_an_error(capsys, tmp_path):
    """When every source given is unreadable there is nothing to check against (each quotation would read as
    unsourced): one Error: line naming them, exit 2."""
    (tmp_path / "draft.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    (tmp_path / "rand.txt").write_bytes(bytes(range(256)) * 20)
    assert main(["check", str(tmp_path / "draft.txt"), "--sources", str(tmp_path / "rand.txt"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("Error: none of the 1 source could be read (rand)")


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_search_limit_below_one_is_a_usage_error(capsys, tmp_path, limit):
    """--limit 0 or below is a usage error (exit 2, one Error: line), not an empty result."""
    from quotes.store import Store

    with Store(tmp_path / "news.sqlite"):
        pass
    assert main(["search", "win", "--store", str(tmp_path / "news.sqlite"), "--limit", limit]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Error: --limit") and captured.err.count("\n") == 1


def test_an_interrupted_write_through_a_link_leaves_the_old_file(capsys, tmp_path, monkeypatch):
    """Ctrl-C while the report is put in place through a symbolic link: exit 130, the target keeps its old
    content whole, the link stays, and no partial file is left beside the target."""
    from quotes import outputs

    def interrupted(src, dst):
        raise KeyboardInterrupt

    (tmp_path / "a.txt").write_text("“Yes,” Alice Smith said.", encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "real.txt").write_text("old", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(reports / "real.txt")
    monkeypatch.setattr(outputs.os, "replace", interrupted)
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "link.txt"), "--quiet"]) == 130
    assert (reports / "real.txt").read_text(encoding="utf-8") == "old" and (tmp_path / "link.txt").is_symlink()
    assert [p.name for p in reports.iterdir()] == ["real.txt"]


def test_export_to_standard_output(capsys, tmp_path, monkeypatch):
    """export -o - writes CSV to standard output (no file named '-'), the count to stderr."""
    from quotes.records import Speaker
    from quotes.store import ArchiveArticle, Store
    from tests.builders import quoting_extraction

    ex = quoting_extraction("a", [("we will keep the grain corridor open for every ship", Speaker("person", "Ann Lee"))],
                            "2022-03-01")
    with Store(tmp_path / "news.sqlite") as s:
        s.write(ArchiveArticle("a", ex.text, "a"), ex)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--store", str(tmp_path / "news.sqlite"), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("statement_id,") and "grain corridor" in captured.out
    assert "1 statements written to standard output" in captured.err and not (tmp_path / "-").exists()
