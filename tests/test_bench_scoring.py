"""The PolNeAR yardstick's scoring (bench/polnear.py) and the annotator agreement built on it
(bench/agreement.py), on made-up brat files: no PolNeAR data needed."""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load_agreement():  # type: ignore[no-untyped-def]
    """bench/agreement.py, which imports bench/polnear.py itself (one module object for both)."""
    spec = importlib.util.spec_from_file_location("agreement", BENCH / "agreement.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


agreement = _load_agreement()
polnear = agreement.polnear

TEXT = "Smith said Tuesday that taxes rose. Jones told reporters prices fell.\n"


def _ann(*attributions: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]) -> str:
    lines, n = [], 0
    for k, spans in enumerate(attributions, start=1):
        ids = []
        for role, (a, b) in zip(("Source", "Cue", "Content"), spans):
            n += 1
            lines.append(f"T{n}\t{role} {a} {b}\t{TEXT[a:b]}")
            ids.append(f"{role}:T{n}")
        lines.append(f"E{k}\tAttribution:T{n} " + " ".join(ids))
    return "\n".join(lines) + "\n"


def _span(words: str) -> tuple[int, int]:
    a = TEXT.index(words)
    return a, a + len(words)


SMITH = (_span("Smith"), _span("said"), _span("taxes rose."))
SMITH_DAY = (_span("Smith"), _span("said Tuesday"), _span("that taxes rose"))
JONES = (_span("Jones"), _span("told"), _span("prices fell"))


def test_score_counts_exact_and_overlapping_spans_after_trimming(tmp_path):
    one, other = tmp_path / "a_1.ann", tmp_path / "a_2.ann"
    one.write_text(_ann(SMITH, JONES), encoding="utf-8")
    other.write_text(_ann(SMITH_DAY, JONES), encoding="utf-8")
    counts = defaultdict(lambda: [0, 0, 0, 0])
    polnear.score(counts, polnear.read_gold(one, TEXT), polnear.read_gold(other, TEXT))
    assert counts[("Source", "exact")] == [2, 2, 2, 2]
    assert counts[("Cue", "exact")] == [1, 2, 1, 2]  # "said" against "said Tuesday"
    assert counts[("Cue", "overlap")] == [2, 2, 2, 2]  # Dice 8/12 >= 0.5
    assert counts[("Content", "exact")] == [1, 2, 1, 2]  # "taxes rose." is trimmed, "that" is not
    assert counts[("who-said-what", "")] == [2, 2, 2, 2]
    lines = polnear.table(counts)
    assert lines[3].split()[:5] == ["Cue", "exact", "50.0", "50.0", "50.0"]


def _split(tmp_path: Path, files: dict[str, str]) -> Path:
    for sub in ("text", "attributions"):
        (tmp_path / "polnear" / "train" / sub).mkdir(parents=True)
    (tmp_path / "polnear" / "train" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "polnear" / "train" / "text" / "b.txt").write_text(TEXT, encoding="utf-8")
    for name, ann in files.items():
        (tmp_path / "polnear" / "train" / "attributions" / name).write_text(ann, encoding="utf-8")
    return tmp_path / "polnear"


def test_agreement_scores_every_pair_of_one_article_s_files(tmp_path, capsys):
    root = _split(tmp_path, {"a_x.ann": _ann(SMITH, JONES), "a_y.ann": _ann(SMITH_DAY, JONES),
                             "a_z.ann": _ann(SMITH, JONES), "b_x.ann": _ann(JONES)})  # b: one file, not scored
    assert agreement.main(["--polnear", str(root)]) == 0
    out = capsys.readouterr().out
    assert "1 articles with several annotation files, 3 pairs of files" in out
    cue = next(line for line in out.splitlines() if line.startswith("Cue") and "exact" in line)
    assert cue.split()[2:5] == ["66.7", "66.7", "66.7"]  # x-z agree on both cues, x-y and y-z on one of two


def test_agreement_without_several_files_is_a_clear_error(tmp_path, capsys):
    root = _split(tmp_path, {"a_x.ann": _ann(SMITH), "b_x.ann": _ann(JONES)})
    assert agreement.main(["--polnear", str(root)]) == 2
    assert "has more than one annotation file" in capsys.readouterr().err
    assert agreement.main(["--polnear", str(tmp_path / "nowhere")]) == 2
    assert "no PolNeAR split" in capsys.readouterr().err


def _load_speakers():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_speakers", BENCH / "speakers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_title_abbreviations_are_written_out_only_with_their_full_stop():
    expand = _load_speakers().expand_abbreviations
    assert expand("former pennsylvania gov. ed rendell") == "former pennsylvania governor ed rendell"
    assert expand("lt. gen. michael flynn, sens. warren and tester") == \
        "lieutenant general michael flynn, senators warren and tester"
    assert expand("the gov and the rep said") == "the gov and the rep said"  # no full stop: a word, left alone
    assert expand("dr. no.") == "dr. no."  # not a title abbreviation of the list
