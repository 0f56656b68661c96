"""The role tagger's training tool on a tiny synthetic train split: train, export, load, tag."""

from __future__ import annotations

import pickle

import pytest

torch = pytest.importorskip("torch")

from quotes.attribution.tagger import LABELS, load_role_model  # noqa: E402
from training import roles_training  # noqa: E402


def _row(stem: str, said: str) -> tuple[str, list[tuple[str, ...]], list[str]]:
    words = ["Smith", said, "taxes", "rose", "."]
    feats = [(w.lower(), w[-3:].lower(), "Xx" if w[0].isupper() else "x", "X", "X", "cue" if w == said else "-",
              "-", "1" if i == 0 else "0") for i, w in enumerate(words)]
    return stem, feats, ["B-Source", "B-Cue", "B-Content", "I-Content", "O"]


def _stems() -> tuple[list[str], list[str]]:
    stems = [f"article-{i}" for i in range(60)]
    held = [s for s in stems if roles_training.is_held_out(s)]
    return [s for s in stems if s not in held], held


def _work(tmp_path, *, more: bool = False):  # type: ignore[no-untyped-def]
    kept, held = _stems()
    assert kept and held
    rows = [_row(s, "said") for s in kept + held]
    with (tmp_path / "train.pkl").open("wb") as f:
        pickle.dump(rows, f)
    if more:  # a second annotator's labels: for a held-out article too
        with (tmp_path / "train_more.pkl").open("wb") as f:
            pickle.dump([_row(kept[0], "says"), _row(held[0], "told")], f)
    return tmp_path


def _train(work, *extra: str) -> None:  # type: ignore[no-untyped-def]
    assert roles_training.main(["--work", str(work), "--only", "train", "--epochs", "2", "--hidden", "8",
                                "--layers", "1", "--dropout", "0", "--threads", "1", "--cutoff", "1", "--crf", *extra]) == 0


def test_held_out_articles_are_left_out_of_training_and_score_epochs(tmp_path, caplog):
    work = _work(tmp_path, more=True)
    kept, held = _stems()
    with caplog.at_level("INFO", logger="training.roles_training"):
        _train(work, "--more-annotators")
    text = caplog.text
    assert "a further annotator's labels: 1 more segments" in text  # the held-out article's is dropped
    assert f"train: {len(kept) + 1} segments; held out for selection: {len(held)} segments" in text
    blob = torch.load(str(work / "best.pt"), weights_only=False)
    assert "says" in blob["vocabs"]["word"] and "told" not in blob["vocabs"]["word"]  # from training rows only


def test_all_train_trains_on_every_article_and_keeps_the_last_epoch(tmp_path, caplog):
    work = _work(tmp_path, more=True)
    kept, held = _stems()
    with caplog.at_level("INFO", logger="training.roles_training"):
        _train(work, "--all-train", "--more-annotators")
    assert f"train: {len(kept) + len(held) + 2} segments" in caplog.text
    assert torch.load(str(work / "best.pt"), weights_only=False)["epoch"] == 2


def test_export_with_a_given_o_bias_writes_a_model_the_tagger_loads(tmp_path, caplog):
    work = _work(tmp_path)
    _train(work, "--all-train")
    target = tmp_path / "roles.pt"
    with caplog.at_level("INFO", logger="training.roles_training"):
        roles_training.export(work, target, o_bias=25)
    assert "O bias 0.25" in caplog.text
    assert "O bias 0.00: held-out" not in caplog.text  # given, not searched for
    model = load_role_model(str(target))
    assert model is not None and model.config["o_bias"] == 25 and len(model.networks) == 1
    assert all(v.dtype == torch.float16 for v in torch.load(str(target), weights_only=False)["state"].values())
    labels = model.networks[0](*roles_training.pad_batch([roles_training.encode_features(
        model.vocabs, _row("x", "said")[1])])).shape[-1]
    assert labels == len(LABELS)


def test_vectors_start_the_word_embeddings_from_the_training_text_and_ud(tmp_path, caplog):
    work = _work(tmp_path)
    ud = tmp_path / "ud"
    ud.mkdir()
    # a UD train file brings words the labelled rows never have (its dev file is left alone)
    lines = ["# text = Jones announced 2 cuts", "1\tJones\tJones\tPROPN\tNNP\t_\t2\tnsubj\t_\t_",
             "2\tannounced\tannounce\tVERB\tVBD\t_\t0\troot\t_\t_", "3-4\tcuts\t_\t_\t_\t_\t_\t_\t_\t_",
             "3\t2\t2\tNUM\tCD\t_\t4\tnummod\t_\t_", "4\tcuts\tcut\tNOUN\tNNS\t_\t2\tobj\t_\t_", ""]
    (ud / "en_test-ud-train.conllu").write_text("\n".join(lines * 5) + "\n", encoding="utf-8")
    (ud / "en_test-ud-dev.conllu").write_text("1\tignored\tignored\tX\tX\t_\t0\troot\t_\t_\n\n", encoding="utf-8")
    text = roles_training.unlabelled_text(pickle.loads((work / "train.pkl").read_bytes())[:2], ud)
    assert text[:2] == [["smith", "said", "taxes", "rose", "."]] * 2
    assert text[2] == ["jones", "announced", "0", "cuts"] and len(text) == 7
    with caplog.at_level("INFO", logger="training.roles_training"):
        _train(work, "--vectors", "1", "--ud", str(ud))
    assert "word vectors: 9 words" in caplog.text  # smith said taxes rose . jones announced 0 cuts
    blob = torch.load(str(work / "best.pt"), weights_only=False)
    assert "announced" in blob["vocabs"]["word"] and blob["config"]["vectors"] == 1
    caplog.clear()
    with caplog.at_level("INFO", logger="training.roles_training"):  # resumed: the same vectors, not learnt again
        assert roles_training.main(["--work", str(work), "--only", "train", "--epochs", "3", "--hidden", "8",
                                    "--layers", "1", "--dropout", "0", "--threads", "1", "--cutoff", "1", "--crf",
                                    "--vectors", "1", "--ud", str(ud)]) == 0
    assert f"word vectors: 9 words, from {work / 'vectors-kept-1.pkl'}" in caplog.text
    assert "resumed after epoch 2" in caplog.text


def test_cached_vectors_from_other_text_are_learnt_again_or_stop_a_resumed_run(tmp_path, caplog):
    """Vectors cached in WORK are reused only for the text they came from: another --ud makes a fresh run
    learn them again, and a run resuming from last.pt (whose vocabulary they built) stop with a clear error."""
    work = _work(tmp_path)
    ud = tmp_path / "ud"
    ud.mkdir()
    row = "1\tJones\tJones\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_\n\n"
    (ud / "en_test-ud-train.conllu").write_text(row * 5, encoding="utf-8")
    _train(work, "--vectors", "1", "--ud", str(ud))
    (ud / "en_test-ud-train.conllu").write_text(row.replace("spoke", "wrote") * 5, encoding="utf-8")
    (work / "last.pt").unlink()
    caplog.clear()
    with caplog.at_level("INFO", logger="training.roles_training"):
        _train(work, "--vectors", "1", "--ud", str(ud))
    assert "was learnt from other text: learning them again" in caplog.text
    assert "word vectors: 7 words from" in caplog.text  # smith said taxes rose . jones wrote
    (ud / "en_test-ud-train.conllu").write_text(row * 5, encoding="utf-8")
    with pytest.raises(SystemExit, match="learnt from other text than this run's"):
        _train(work, "--vectors", "1", "--ud", str(ud))


def test_vectors_cached_before_the_text_was_recorded_serve_only_a_resumed_run(tmp_path, caplog):
    saved = tmp_path / "vectors-kept-1.pkl"
    saved.write_bytes(pickle.dumps({"said": [0.5, -0.5]}))  # the first format: the vectors alone
    with caplog.at_level("INFO", logger="training.roles_training"):
        assert roles_training.cached_vectors(saved, [["said"]], resuming=False) == {}
        assert roles_training.cached_vectors(saved, [["said"]], resuming=True) == {"said": [0.5, -0.5]}
    assert "learning them again" in caplog.text and "taken as it is" in caplog.text


def test_vectors_without_ud_treebanks_is_a_clear_error(tmp_path, capsys):
    work = _work(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        roles_training.main(["--work", str(work), "--only", "train", "--vectors", "1", "--ud", str(tmp_path / "no")])
    assert exit_.value.code == 2 and "no UD treebanks at" in capsys.readouterr().err
    assert not (work / "last.pt").exists()


def test_a_resumed_run_goes_on_as_the_unbroken_run_would(tmp_path):
    """last.pt keeps the random streams (shuffles, word and network dropout) and a run resumed past
    --decay-at goes on at --decay-lr: stopping and resuming changes nothing."""
    args = ["--only", "train", "--hidden", "8", "--layers", "2", "--dropout", "30", "--threads", "1", "--cutoff",
            "1", "--crf", "--decay-at", "1", "--decay-lr", "1e-3"]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    unbroken, broken = _work(tmp_path / "a"), _work(tmp_path / "b")
    assert roles_training.main(["--work", str(unbroken), "--epochs", "3", *args]) == 0
    assert roles_training.main(["--work", str(broken), "--epochs", "2", *args]) == 0
    assert roles_training.main(["--work", str(broken), "--epochs", "3", *args]) == 0
    a = torch.load(str(unbroken / "last.pt"), weights_only=False)
    b = torch.load(str(broken / "last.pt"), weights_only=False)
    assert a["epoch"] == b["epoch"] == 3
    assert all(torch.equal(a["net"][k], b["net"][k]) for k in a["net"])
    assert b["opt"]["param_groups"][0]["lr"] == 1e-3


def _random_crf(seed: int):  # type: ignore[no-untyped-def]
    """A tiny CRF network with random start and transition scores: (torch, network)."""
    torch = pytest.importorskip("torch")
    from quotes.attribution.tagger import FEATURES, build_network

    net = build_network({name: {"x": 1} for name in FEATURES}, {"hidden": 4, "layers": 1, "dropout": 0, "crf": 1})
    torch.manual_seed(seed)
    with torch.no_grad():
        net.transitions.add_(torch.randn(len(LABELS), len(LABELS)))
        net.start.add_(torch.randn(len(LABELS)))
    return torch, net


def test_crf_loss_is_the_negative_log_likelihood():
    """The CRF loss equals -log p(gold) computed by enumerating every label sequence (forbidden ones
    included: they carry -10,000 and vanish), with a padded second segment ignored past its length."""
    import itertools

    torch, net = _random_crf(0)
    start, moves = net.moves()
    emissions = torch.randn(2, 3, len(LABELS))
    gold = [LABELS.index(x) for x in ("B-Source", "B-Cue", "I-Cue")]
    target = torch.tensor([gold, gold[:2] + [-100]])
    lengths = torch.tensor([3, 2])

    def score(seq, e):
        total = start[seq[0]] + e[0, seq[0]]
        for i in range(1, len(seq)):
            total = total + moves[seq[i - 1], seq[i]] + e[i, seq[i]]
        return total

    want = 0.0
    for b, n in enumerate(lengths.tolist()):
        every = torch.stack([score(seq, emissions[b]) for seq in itertools.product(range(len(LABELS)), repeat=n)])
        want += float((torch.logsumexp(every, 0) - score(gold[:n], emissions[b])).detach())
    assert float(roles_training.crf_loss(net, emissions, target, lengths).detach()) == pytest.approx(want, rel=1e-5)


def test_crf_marginals_match_enumeration():
    """Each word's label marginals from the forward and backward recursions equal those of enumerating every
    label sequence, for a full segment and a padded shorter one, and each word's sum to one."""
    import itertools

    torch, net = _random_crf(1)
    start, moves = (x.detach() for x in net.moves())
    emissions = torch.randn(2, 3, len(LABELS))
    lengths = torch.tensor([3, 2])
    got = roles_training.crf_log_marginals(start, moves, emissions, lengths).exp()
    for b, n in enumerate(lengths.tolist()):
        want = torch.zeros(n, len(LABELS))
        for seq in itertools.product(range(len(LABELS)), repeat=n):
            total = start[seq[0]] + emissions[b, 0, seq[0]]
            for i in range(1, n):
                total = total + moves[seq[i - 1], seq[i]] + emissions[b, i, seq[i]]
            for i, y in enumerate(seq):
                want[i, y] += float(total.exp())
        want = want / want[0].sum()
        assert torch.allclose(got[b, :n], want, atol=1e-5)
        assert torch.allclose(got[b, :n].sum(-1), torch.ones(n), atol=1e-5)


def test_distillation_marginals_are_kept(tmp_path, monkeypatch):
    """A teacher file's marginals are computed once per file and rows (kept in WORK), one per row, a
    distribution per word."""
    torch = pytest.importorskip("torch")
    from quotes.attribution.tagger import FEATURES, RoleModel, build_network

    vocabs = {name: {"x": 1, "y": 2} for name in FEATURES}
    config = {"hidden": 4, "layers": 1, "dropout": 0, "crf": 1}
    net = build_network(vocabs, config)
    teacher = tmp_path / "teacher.pt"
    torch.save({"vocabs": vocabs, "config": config, "states": [net.state_dict(), net.state_dict()]}, str(teacher))
    rows = [("a", [tuple("x" for _ in FEATURES)] * 3, ["O"] * 3), ("b", [tuple("y" for _ in FEATURES)] * 2, ["O"] * 2)]
    first = roles_training.teacher_marginals(tmp_path, teacher, rows)
    assert [m.shape for m in first] == [(3, len(LABELS)), (2, len(LABELS))]
    assert all(abs(float(m.astype("float32").sum(-1)[k]) - 1) < 1e-2 for m in first for k in range(m.shape[0]))
    assert len(list(tmp_path.glob("teacher-*.pkl"))) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("the teacher was run again")

    monkeypatch.setattr(RoleModel, "load", refuse)
    again = roles_training.teacher_marginals(tmp_path, teacher, rows)
    assert all((a == b).all() for a, b in zip(first, again))
