"""Text -> parsed Document: the only module that imports stanza.

The rest of the engine sees a small, spaCy-like view: a :class:`Document` owns the text; its
:class:`Sentence` s and :class:`Word` s carry character offsets into it, the lemma, the universal
part of speech, morphological features, the head and the dependency relation.

Models are found in this order, and the network is never tried:

1. an explicit directory: the ``models=`` argument, else the ``QUOTES_MODELS`` environment variable;
2. the official stanza English models, if installed in stanza's resources directory
   (``STANZA_RESOURCES_DIR``, default ``~/stanza_resources``);
3. the models shipped inside this package (``quotes/models``).

A directory of models (1 and 3) holds ``tokenize.pt``, ``mwt.pt``, ``pos.pt``, ``lemma.pt`` and
``depparse.pt`` (``pretrain.pt`` and ``ner.pt`` if present are used too).

Parsing is done in two passes: every sentence is tokenized, tagged and lemmatized; the dependency
parser then runs only on the sentences a caller selects (by default, all of them), which is where
most of the time goes. Sentences that were not parsed have ``parsed=False`` and every word's head
is ``None``. The parser's trees are decoded by :func:`quotes.spanning.max_spanning_tree` (the same
trees as stanza's own decoder wherever the best tree is unique, several times faster).

A :class:`Parser` holds the loaded models and remembers its results by content for its life and, given a
disk cache (:class:`quotes.cache.Store`; the engine's ``cache=``, ``QUOTES_CACHE``, or the command line's
``~/.cache/quotes``), between runs too: a paragraph seen before, with the same models, is neither tagged
nor parsed again (the role tagger keeps its labels in the same store).

>>> Word(index=0, text="Wang", start=0, end=4, lemma="Wang", upos="PROPN", xpos="NNP", feats="Number=Sing",
...      head=1, deprel="nsubj").feature("Number")
'Sing'
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import json
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import __version__
from .cache import Store
from .cache import key as cache_key
from .errors import ModelsNotFoundError
from .memory import release
from .parallel import R, T, interleaved
from .spanning import max_spanning_tree

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
SHIPPED_MODELS = Path(__file__).resolve().parent / "models"


# -- records ---------------------------------------------------------------------------------------


@attrs.frozen
class Word:
    """One syntactic word. Words of a multi-word token (``didn't`` -> ``did`` + ``n't``) get the
    sub-ranges of the token when they spell it out, else they share the token's range."""

    index: int
    """0-based position in the sentence."""
    text: str
    """Exactly ``document.text[start:end]``."""
    start: int
    """Character offset of the first character in the document text."""
    end: int
    """Character offset one past the last character."""
    lemma: str
    """Dictionary form (``say`` for ``said``)."""
    upos: str
    """Universal part of speech (``VERB``, ``PROPN``, ...)."""
    xpos: str = ""
    """Penn Treebank tag (``VBD``, ``NNP``, ...)."""
    feats: str = ""
    """Universal features, ``Name=Value|...``."""
    head: int | None = None
    """0-based index of the head word in the sentence; -1 for the root; ``None`` when not parsed."""
    deprel: str = ""
    """Universal dependency relation to the head (``nsubj``, ``ccomp``, ``appos``, ...); empty when not parsed."""
    form: str = ""
    """The word as the models saw it (the tokenizer's ``n't``; a curly mark made straight for them), when it
    differs from ``text``; else empty."""

    def feature(self, name: str) -> str | None:
        """The value of one morphological feature, or None."""
        for item in self.feats.split("|"):
            key, _, value = item.partition("=")
            if key == name:
                return value
        return None


@attrs.frozen
class Sentence:
    """A sentence: a range of the document text and its words."""

    start: int
    end: int
    text: str
    """Exactly ``document.text[start:end]``."""
    words: tuple[Word, ...]
    parsed: bool = False
    """Whether the dependency parser ran on this sentence."""

    def children(self, index: int) -> tuple[Word, ...]:
        """Dependents of the word at ``index``, in order."""
        return tuple(w for w in self.words if w.head == index)

    def subtree(self, index: int) -> tuple[Word, ...]:
        """The word at ``index`` and everything under it, in order."""
        keep = {index}
        changed = True
        while changed:
            changed = False
            for w in self.words:
                if w.head in keep and w.index not in keep:
                    keep.add(w.index)
                    changed = True
        return tuple(w for w in self.words if w.index in keep)


@attrs.frozen
class Document:
    """A parsed text. ``sentences`` cover the non-blank parts of ``text`` in order."""

    text: str
    sentences: tuple[Sentence, ...]
    _derived: dict[str, Any] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        """What ``build()`` returns, built once per ``key`` for this document: an index a later layer makes of
        it (the lexicon's document nouns of its words), so that a long article is not read again for each use.

        >>> doc = Document("ab", ())
        >>> doc.derived("n", lambda: [1]) is doc.derived("n", lambda: [2])
        True
        """
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    @functools.cached_property
    def words(self) -> tuple[Word, ...]:
        """Every word of every sentence, in order (built once)."""
        return tuple(w for s in self.sentences for w in s.words)

    @functools.cached_property
    def _word_ends(self) -> list[int]:
        return [w.end for w in self.words]

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @functools.cached_property
    def paragraph_starts(self) -> list[int]:
        """The offset of each non-blank line (a paragraph of news copy), in order (built once).

        >>> Document("a\n\nb c\nd", ()).paragraph_starts
        [0, 3, 7]
        """
        starts, at = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                starts.append(at)
            at += len(line) + 1
        return starts or [0]

    def paragraph_window(self, offset: int) -> int:
        """Where the paragraph before the one holding ``offset`` starts (the first paragraph's start for the
        first): what a definite description (``the director``) can look back over."""
        starts = self.paragraph_starts
        return starts[max(0, bisect.bisect_right(starts, offset) - 2)]

    def sentence_start(self, offset: int) -> int:
        """Where the sentence holding (or first following) ``offset`` starts."""
        k = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        return self.sentences[k].start if self.sentences else 0

    def sentence_index(self, offset: int) -> int | None:
        """The index of the sentence holding ``offset`` (None: between sentences or outside them), by bisection.

        >>> doc = Document("Ab. Cd.", (Sentence(0, 3, "Ab.", ()), Sentence(4, 7, "Cd.", ())))
        >>> [doc.sentence_index(k) for k in (0, 3, 5, 9)]
        [0, None, 1, None]
        """
        k = bisect.bisect_right(self._sentence_starts, offset) - 1
        return k if k >= 0 and offset < self.sentences[k].end else None

    @functools.cached_property
    def where(self) -> dict[str, tuple[tuple[int, int], ...]]:
        """Each word's text -> its ``(sentence index, word index)`` places, in text order (built once: a long
        article's names are looked up without reading every word for each).

        >>> w = lambda i, a, b: Word(i, "aba"[a:b], a, b, "", "X", "", "")
        >>> Document("aba", (Sentence(0, 3, "aba", (w(0, 0, 1), w(1, 1, 2), w(2, 2, 3))),)).where["a"]
        ((0, 0), (0, 2))
        """
        out: dict[str, list[tuple[int, int]]] = {}
        for n, sent in enumerate(self.sentences):
            for i, w in enumerate(sent.words):
                out.setdefault(w.text, []).append((n, i))
        return {k: tuple(v) for k, v in out.items()}

    def words_before(self, offset: int, n: int) -> tuple[Word, ...]:
        """The last ``n`` words that end at or before ``offset`` (across sentences), in log time.

        >>> w = lambda i, a, b: Word(i, "ab"[a:b], a, b, "", "X", "", "")
        >>> doc = Document("ab", (Sentence(0, 1, "a", (w(0, 0, 1),)), Sentence(1, 2, "b", (w(0, 1, 2),))))
        >>> [x.text for x in doc.words_before(2, 5)], [x.text for x in doc.words_before(1, 1)]
        (['a', 'b'], ['a'])
        """
        k = bisect.bisect_right(self._word_ends, offset)
        return self.words[max(0, k - n):k]

    def first_sentence(self, offset: int) -> int:
        """The index of the sentence that holds (or first follows) ``offset``; ``len(sentences)`` past the last.

        >>> doc = Document("Ab. Cd.", (Sentence(0, 3, "Ab.", ()), Sentence(4, 7, "Cd.", ())))
        >>> [doc.first_sentence(k) for k in (0, 3, 5, 9)]
        [0, 1, 1, 2]
        """
        k = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        if k < len(self.sentences) and self.sentences[k].end <= offset:
            k += 1
        return k

    def sentences_from(self, offset: int) -> tuple[Sentence, ...]:
        """The sentences from the one that holds (or first follows) ``offset`` on, found in log time."""
        return self.sentences[self.first_sentence(offset):]


@attrs.frozen
class ModelsInfo:
    """Which models the parser uses and where they came from."""

    origin: str
    """``argument``, ``QUOTES_MODELS``, ``stanza-resources`` or ``shipped``."""
    directory: str
    files: tuple[str, ...]
    """The model files (or, for stanza's resources, the processors and packages)."""
    tried: tuple[str, ...] = ()
    """The places looked at before this one."""

    def describe(self) -> str:
        lines = [f"models: {self.origin} ({self.directory})"]
        lines += [f"  {f}" for f in self.files]
        lines += [f"  (skipped: {t})" for t in self.tried]
        return "\n".join(lines)


# -- model resolution ------------------------------------------------------------------------------


def _model_dir_files(path: Path) -> tuple[str, ...] | None:
    needed = [f"{p}.pt" for p in PROCESSORS]
    if all((path / f).is_file() for f in needed):
        extra = [f for f in ("pretrain.pt", "ner.pt") if (path / f).is_file()]
        return tuple(needed + extra)
    return None


def _stanza_resources_dir() -> Path:
    if os.environ.get("STANZA_RESOURCES_DIR"):
        return Path(os.environ["STANZA_RESOURCES_DIR"])
    try:
        return Path.home() / "stanza_resources"
    except (RuntimeError, KeyError, OSError):  # no home directory: nothing can be installed there
        return Path("~/stanza_resources")


def _official_english(resources: Path) -> tuple[str, ...] | None:
    """The processors of the official English models, if they are installed."""
    index = resources / "resources.json"
    if not index.is_file():
        return None
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "en" not in data:
        return None
    found = []
    for proc in ("tokenize", "pos", "lemma", "depparse"):
        folder = resources / "en" / proc
        if not folder.is_dir() or not any(folder.glob("*.pt")):
            return None
        found.append(f"{proc}: {', '.join(sorted(p.name for p in folder.glob('*.pt')))}")
    return tuple(found)


def resolve_models(models: str | os.PathLike[str] | None = None) -> ModelsInfo:
    """Decide which models to use, in the documented order, without loading them.

    Raises :class:`ModelsNotFoundError` naming every place looked at when none has models.
    """
    tried: list[str] = []
    explicit = [("argument", models), ("QUOTES_MODELS", os.environ.get("QUOTES_MODELS") or None)]
    for origin, value in explicit:
        if value is None:
            continue
        path = Path(value).expanduser()
        files = _model_dir_files(path)
        if files is None:
            # an explicit choice that does not work is an error, not a reason to fall back silently
            raise ModelsNotFoundError(
                f"no models in {path} (from {origin}): expected {', '.join(p + '.pt' for p in PROCESSORS)}"
            )
        return ModelsInfo(origin, str(path), files)
    resources = _stanza_resources_dir()
    official = _official_english(resources)
    if official is not None:
        return ModelsInfo("stanza-resources", str(resources), official)
    tried.append(f"official stanza English models in {resources}: not installed")
    files = _model_dir_files(SHIPPED_MODELS)
    if files is not None:
        return ModelsInfo("shipped", str(SHIPPED_MODELS), files, tuple(tried))
    tried.append(f"shipped models in {SHIPPED_MODELS}: missing")
    raise ModelsNotFoundError(
        "no parser models found; looked for: " + "; ".join(tried)
        + ". Train them with `python -m training.stanza_models --ud ../shared/ud` or set QUOTES_MODELS to a model directory."
    )


# -- the pipeline ----------------------------------------------------------------------------------

_STANZA_LOCK = threading.Lock()
"""Held around every call into stanza's processors: :func:`_our_decoder` swaps a function of stanza's own
modules, which all parsers in the process share."""


DEPPARSE_BATCH = 250
"""Words the dependency parser scores at once (stanza's ``depparse_batch_size``; its default is 2,000). Its
scores grow with the square of a batch's longest sentence, so a batch of 2,000 words with a 150-word sentence
in it held several hundred MB: with 250, 84 PolNeAR dev articles peak at 0.79 GB instead of 1.35 and parse a
little faster (33-35 s against 38 s), with the same trees."""


_LOADING_LOCK = threading.Lock()
"""Held while a pipeline loads (:func:`_load_pipeline`, whose :func:`_idle_optimizers` swaps a function of
stanza's own modules)."""


class _IdleOptimizer:
    """What a stanza trainer gets for an optimizer while :func:`_load_pipeline` runs: its parameter groups and
    learning rates (all a trainer's schedule reads when it is built), and nothing that trains."""

    def __init__(self, parameters: Any, lr: float | None = None, **options: Any) -> None:
        groups = list(parameters)
        if not groups or not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        self.param_groups = [{**options, "lr": lr, **group} for group in groups]
        self.state: dict[Any, Any] = {}


@contextlib.contextmanager
def _idle_optimizers(used: list[str]) -> Any:
    """While held, stanza's trainers are given :class:`_IdleOptimizer` s (each one asked for is named in
    ``used``). They build an optimizer even to run a model, and torch's optimizers import torch's compiler on
    their first use (``torch._dynamo`` with sympy: about 75 MB of memory that running the models never needs).
    The swap is of a function of stanza's own modules, for the whole process: a thread that builds stanza
    optimizers of its own (training stanza in the same process) while a pipeline loads gets stand-ins too."""
    from stanza.models.common import utils

    def idle(name: str, parameters: Any, opt_logger: Any = None, lr: float | None = None, **options: Any) -> Any:
        used.append(name)
        return _IdleOptimizer(parameters, lr=lr, **options)

    real = utils.dispatch_optimizer
    utils.dispatch_optimizer = idle
    try:
        yield
    finally:
        utils.dispatch_optimizer = real


def _load_pipeline(origin: str, directory: str):
    """The stanza pipeline of the models in ``directory``: first with idle optimizers (see
    :func:`_idle_optimizers`), and should a stanza release need more of an optimizer than the stand-in has while
    loading, loaded again with real ones (a warning says so: the process then holds torch's compiler too). One
    pipeline loads at a time, so two parsers loading at once never see each other's stand-ins."""
    import warnings

    with _LOADING_LOCK:
        used: list[str] = []
        try:
            with _idle_optimizers(used):
                return _released(_load_stanza(origin, directory))
        except (AttributeError, TypeError, KeyError, ValueError) as exc:
            if not used:
                raise  # the models' own error, not the stand-in's
            failed = f"{type(exc).__name__}: {exc}"
        # outside the except block: its traceback would keep the first, half-built pipeline in memory
        warnings.warn(f"stanza needed a real optimizer to load its models ({failed}); loaded with real ones",
                      RuntimeWarning, stacklevel=2)
        return _released(_load_stanza(origin, directory))


def _remembered_tags(nlp) -> int:
    """The part-of-speech tagger's label decoding (tag ids back to ``VBD`` or ``Number=Sing|Tense=Past``) made a
    dictionary lookup: stanza formats a word's features from their ids for every word, a fifth of the tagger's
    Python time on news copy, though a run meets only a few hundred distinct combinations. The same strings, so the
    same tags; a vocabulary without the method (another stanza release) is left as it is. Returns how many were
    wrapped."""
    processor = getattr(nlp, "processors", {}).get("pos")
    vocab = getattr(getattr(processor, "trainer", None), "vocab", None)
    wrapped = 0
    for name in ("upos", "xpos", "feats"):
        try:
            voc = vocab[name]  # type: ignore[index]
            decode = voc.id2unit
        except (KeyError, TypeError, AttributeError):
            continue
        voc.id2unit = _remembering(decode)
        wrapped += 1
    return wrapped


def _remembering(decode: Callable[[Any], str]) -> Callable[[Any], str]:
    known: dict[Any, str] = {}

    def remembered(ids: Any) -> str:
        key = tuple(ids) if isinstance(ids, list) else ids
        try:
            return known[key]
        except KeyError:
            value = known[key] = decode(ids)
            return value
        except TypeError:  # an id that cannot be a key: decoded as stanza does
            return decode(ids)

    return remembered


def _load_stanza(origin: str, directory: str):
    nlp = _load_stanza_pipeline(origin, directory)
    _remembered_tags(nlp)
    return nlp


def _load_stanza_pipeline(origin: str, directory: str):
    import logging

    import stanza

    logging.getLogger("stanza").setLevel(logging.ERROR)
    common = dict(lang="en", download_method=None, use_gpu=False, logging_level="ERROR",
                  depparse_batch_size=DEPPARSE_BATCH)
    if origin == "stanza-resources":
        return stanza.Pipeline(dir=directory, processors=",".join(PROCESSORS), **common)
    path = Path(directory)
    resources = path / "resources.json"
    if not resources.exists():
        try:
            resources.write_text("{}\n")
        except OSError:
            # read-only model folder: stanza only needs *a* resources file, so give it an empty one elsewhere
            import tempfile

            path_for_resources = Path(tempfile.mkdtemp(prefix="quotes-stanza-"))
            (path_for_resources / "resources.json").write_text("{}\n")
            directory = str(path_for_resources)
    kwargs = {f"{p}_model_path": str(path / f"{p}.pt") for p in PROCESSORS}
    if (path / "pretrain.pt").is_file():
        kwargs["pos_pretrain_path"] = kwargs["depparse_pretrain_path"] = str(path / "pretrain.pt")
    return stanza.Pipeline(
        dir=directory, processors=",".join(PROCESSORS), allow_unknown_language=True, **kwargs, **common
    )



def models_info(models: str | os.PathLike[str] | None = None) -> ModelsInfo:
    """Which models a :class:`Parser` would use (see the module docstring for the order)."""
    return resolve_models(models)


_PARAGRAPH = re.compile(r"[^\n]+")


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their offsets: news copy puts one paragraph per line. A line with a stretch of more
    than :data:`UNBROKEN` characters without a sentence end comes in pieces (:func:`unbroken_cuts`)."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        if m.group().strip():
            para = m.group()
            if len(para) <= UNBROKEN:
                out.append((m.start(), para))
                continue
            start = 0
            for cut in [*unbroken_cuts(para), len(para)]:
                if para[start:cut].strip():
                    out.append((m.start() + start, para[start:cut]))
                start = cut
    return out


UNBROKEN = 1_500
"""The most characters the tagging pass reads without a sentence end (``.``, ``!``, ``?``, ``…``). The tokenizer's
work on a stretch without one grows with the square of its length (10,000 characters of unpunctuated words: 10 s;
40,000: minutes and gigabytes), so a longer stretch (a transcript without punctuation, a pasted list) is read in
pieces cut at a space, each piece its own sentences. News copy never comes near it (PolNeAR's longest stretch: 980)."""

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[^\sa-z]|\s*$)")
"""A sentence end: the mark (and any closing quotation mark or bracket) before a space and a word that does not
start in lower case, or at the end: not "U.S. and", "3.5" or "example.com"."""

PARSE_MAX_WORDS = 400
"""The most words of a sentence the dependency parser is given: its scores take memory with the square of the
length (news sentences stay under 150 words); a longer sentence is left unparsed."""


def text_cuts(text: str) -> list[int]:
    """Where :func:`_paragraphs` cuts the lines of ``text`` (offsets into it; :func:`unbroken_cuts` of each line).

    >>> text_cuts("Short line.\\n" + "word " * 400)
    [1511]
    """
    return [m.start() + c for m in _PARAGRAPH.finditer(text) if len(m.group()) > UNBROKEN
            for c in unbroken_cuts(m.group())]


def unbroken_cuts(text: str, limit: int = UNBROKEN) -> list[int]:
    """Where ``text`` is cut so that no piece has more than ``limit`` characters without a sentence end: at the
    last space before the limit (or at the limit, where there is none).

    >>> unbroken_cuts("one two three four. Five six", limit=9)
    [7, 13]
    >>> unbroken_cuts("Short. Words. Only.", limit=9)
    []
    """
    cuts: list[int] = []
    run = 0  # where the present stretch without a sentence end starts
    for end in [*(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]:
        while end - run > limit:
            cut = max(text.rfind(" ", run + 1, run + limit + 1), text.rfind("\t", run + 1, run + limit + 1))
            cut = cut if cut > run else run + limit
            cuts.append(cut)
            run = cut
        run = end
    return cuts


MEMO_SIZE = 50_000
"""Paragraphs (and, apart, parsed sentences) a parser keeps in memory."""

MEMO_CHARS = 1_000_000
"""Characters of text (of paragraphs; apart, of parsed sentences) a parser's memo holds at most: a digest of a
hundred articles is all kept, a 4 MB article only its last megabyte (each paragraph held is some 35 bytes of
tagged words per character)."""

CACHE_FORMAT = "3"
"""Part of every disk-cache key: raise it when what is stored (or how it is read back) changes."""

CACHE_OFF = {"", "0", "off", "no", "none", "false"}
"""Values of ``QUOTES_CACHE`` that mean no disk cache."""


def cache_from_environment() -> Store | None:
    """The disk cache ``QUOTES_CACHE`` names (a directory; unset or ``off``: None)."""
    value = os.environ.get("QUOTES_CACHE", "")
    return None if value.strip().lower() in CACHE_OFF else Store(Path(value).expanduser() / "parses.sqlite")


def _parser_input(sent: Sentence) -> tuple[tuple[str, ...], ...]:
    """Everything the parser is given for a sentence's words: the key its parse is cached under."""
    return tuple((w.form or w.text, w.lemma, w.upos, w.xpos, w.feats) for w in sent.words)


class Parser:
    """The parser models of one directory, loaded on first use, with what they already computed: a memo of
    tagged paragraphs and parsed sentences for the life of the object and, with a ``cache`` store, on disk
    between runs (keyed by the models' files). An :class:`quotes.engine.Engine` owns one; make your own
    to parse without an engine.

    >>> Parser(models="/nowhere")
    Traceback (most recent call last):
    ...
    quotes.errors.ModelsNotFoundError: no models in /nowhere (from argument): expected tokenize.pt, mwt.pt, pos.pt, lemma.pt, depparse.pt
    """

    def __init__(self, models: str | os.PathLike[str] | None = None, *, cache: Store | None = None,
                 memo_size: int = MEMO_SIZE, memo_chars: int = MEMO_CHARS) -> None:
        self.info = resolve_models(models)
        self.cache = cache
        self.memo_size = memo_size
        self.memo_chars = memo_chars
        self._held: dict[int, int] = {}  # id of a memo -> characters of text it holds
        self._memo_lock = threading.Lock()
        self._nlp: Any = None
        self._load_lock = threading.Lock()
        self._tagged: OrderedDict[tuple[str, str], tuple[Sentence, ...]] = OrderedDict()
        self._parsed: OrderedDict[tuple[str, str, tuple[tuple[str, ...], ...]], tuple[tuple[int, str], ...]] = OrderedDict()
        self._fingerprints: dict[tuple[str, ...], str] = {}

    def __repr__(self) -> str:
        return f"<Parser {self.info.origin}: {self.info.directory}>"

    def fresh(self, *, cache: Store | None = None, memo_size: int | None = None,
              memo_chars: int | None = None) -> Parser:
        """A parser of the same models that shares their loaded pipeline, with an empty memo and the disk
        cache given (none by default)."""
        other = Parser.__new__(Parser)
        other.info = self.info
        other.cache = cache
        other.memo_size = self.memo_size if memo_size is None else memo_size
        other.memo_chars = self.memo_chars if memo_chars is None else memo_chars
        other._held = {}
        other._memo_lock = threading.Lock()
        other._nlp = self.pipeline()
        other._load_lock = threading.Lock()
        other._tagged = OrderedDict()
        other._parsed = OrderedDict()
        other._fingerprints = {}
        return other

    @property
    def store(self) -> Store | None:
        """The disk cache in use: None when there is none or it could not be opened."""
        return self.cache if self.cache is not None and self.cache.active else None

    def pipeline(self):
        """The stanza pipeline (loaded on first use)."""
        if self._nlp is None:
            with self._load_lock:
                if self._nlp is None:
                    self._nlp = _load_pipeline(self.info.origin, self.info.directory)
        return self._nlp

    # -- the memo and the disk cache

    def _remember(self, memo: OrderedDict, key: Any, value: Any) -> None:
        """Keep ``value`` for ``key`` (a tuple whose second part is the text), dropping the least recently used
        entries past :attr:`memo_size` entries or :attr:`memo_chars` characters."""
        with self._memo_lock:  # callers on several threads: the count stays the memo's
            held = self._held.get(id(memo), 0) if memo else 0
            if key not in memo:
                held += len(key[1])
            memo[key] = value
            memo.move_to_end(key)
            while memo and (len(memo) > self.memo_size or held > self.memo_chars):
                old, _ = memo.popitem(last=False)
                held -= len(old[1])
            self._held[id(memo)] = held

    @staticmethod
    def _recall(memo: OrderedDict, key: Any) -> Any:
        """The memo's entry for ``key`` (now the most recently used), or None."""
        value = memo.get(key)
        if value is not None:
            with contextlib.suppress(KeyError):  # another thread evicted it in between: the value in hand is good
                memo.move_to_end(key)
        return value

    def _known(self, memo: OrderedDict, wanted: list[Any], kind: str,
               disk_parts: Callable[[Any], tuple[str, ...]],
               decode: Callable[[Any, str], Any]) -> tuple[dict[Any, Any], list[Any], Callable[..., None]]:
        """What a call already knows of its ``wanted`` memo keys: ``(have, missing, keep)``. ``have`` holds the
        results found in the memo, else on disk (``kind`` and ``disk_parts(key)`` make the disk key,
        ``decode(key, value)`` reads an entry back or gives None for a damaged one); ``missing`` lists the
        keys still to compute, in order; ``keep(results, encode)`` adds computed results to ``have``, the
        memo and the disk. The call reads its results from ``have``: the memo may evict them meanwhile."""
        have: dict[Any, Any] = {}
        for key in wanted:
            hit = self._recall(memo, key)
            if hit is not None:
                have[key] = hit
        missing = [key for key in wanted if key not in have]
        store = self.store if missing else None
        disk: dict[Any, str] = {}
        if store is not None:
            fingerprint = self.fingerprint()
            disk = {key: cache_key(fingerprint, kind, *disk_parts(key)) for key in missing}
            stored = store.get_many(list(disk.values()))
            for key in missing:
                value = decode(key, stored[disk[key]]) if disk[key] in stored else None
                if value is not None:
                    have[key] = value
                    self._remember(memo, key, value)
            missing = [key for key in missing if key not in have]

        def keep(results: dict[Any, Any], encode: Callable[[Any], str]) -> None:
            for key, value in results.items():
                have[key] = value
                self._remember(memo, key, value)
            if store is not None:
                store.put_many((disk[key], encode(value)) for key, value in results.items())

        return have, missing, keep

    def fingerprint(self) -> str:
        """What the models' results depend on: the model files' contents, our version and stanza's. The
        files are hashed once per parser and state (name, size, modification time)."""
        import stanza

        info = self.info
        base = Path(info.directory)
        if info.origin == "stanza-resources":
            paths = sorted((base / "en").glob("*/*.pt"))
        else:
            paths = [base / f for f in info.files]
        states = []
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue
            states.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
        state = (CACHE_FORMAT, __version__, getattr(stanza, "__version__", "?"), info.origin, *states)
        if state not in self._fingerprints:
            parts = list(state[:4])
            for path in paths:
                digest = hashlib.sha256()
                try:
                    with open(path, "rb") as f:
                        for block in iter(lambda: f.read(1 << 20), b""):
                            digest.update(block)
                except OSError:
                    continue
                parts.append(f"{path.name}:{digest.hexdigest()}")
            self._fingerprints[state] = cache_key(*parts)
        return self._fingerprints[state]

    # -- parsing

    def parse_many(
        self,
        texts: Sequence[str],
        *,
        select: Callable[[Sentence], bool] | None = None,
        normalise: Callable[[str], str] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> list[Document]:
        """Parse several texts in one batch (faster than one by one; results are identical).

        ``normalise`` maps a paragraph to a same-length text the models see instead (e.g. curly
        quotation marks made straight, so both spellings parse alike); offsets and word texts still
        refer to the original.

        ``select`` decides which tagged sentences get the dependency parser (default: all); pass
        :data:`TAG_ONLY` for none, then :meth:`add_parses` once the caller knows which it wants.
        Paragraphs and parsed sentences are remembered by content, so a repeated run over the same
        articles (a digest, then a check) does not parse them again.

        ``progress(share)`` hears the share (0 to 1) of the paragraphs' characters the tagging pass has done, after
        each piece of :data:`TAG_PIECE` characters (from the threads that tag them: it must not block).
        """
        directory = self.info.directory
        jobs: list[tuple[int, int, str]] = []  # (text index, offset, paragraph)
        for t, text in enumerate(texts):
            for offset, para in _paragraphs(text):
                seen = normalise(para) if normalise is not None else para
                jobs.append((t, offset, seen if len(seen) == len(para) else para))
        have, todo, keep = self._known(self._tagged, [(directory, p) for p in dict.fromkeys(p for _, _, p in jobs)],
                                       "tag", lambda key: (key[1],), lambda key, value: _decode_sentences(key[1], value))
        paragraphs = [key[1] for key in todo]
        if paragraphs:
            nlp = self.pipeline()
            told = _Told(progress, sum(len(p) for p in paragraphs))
            # longest first: a piece then holds paragraphs of like lengths, and the tokenizer's and tagger's
            # recurrent networks run as many steps as a piece's longest paragraph or sentence (the tags are a
            # paragraph's own whatever its piece: tests/test_parse.py)
            order = sorted(range(len(paragraphs)), key=lambda i: -len(paragraphs[i]))
            with _STANZA_LOCK:
                done = interleaved(lambda part: in_pieces(lambda piece: told(_tag_sentences(nlp, piece), piece),
                                                         part, len, TAG_PIECE),
                                   [paragraphs[i] for i in order])
                tagged: list[tuple[Sentence, ...]] = [()] * len(paragraphs)
                for i, sents in zip(order, done):
                    tagged[i] = sents
                mended = mend_splits(list(zip(paragraphs, tagged)), lambda forms: _retag(nlp, forms))
            keep({(directory, para): sents for para, sents in zip(paragraphs, mended)}, _encode_sentences)
        sentences: list[list[Sentence]] = [[] for _ in texts]
        for t, offset, para in jobs:
            for rel in have[(directory, para)]:
                sentences[t].append(_shift(rel, texts[t], offset))
        docs = [Document(text, tuple(sents)) for text, sents in zip(texts, sentences)]
        if select is TAG_ONLY:
            return docs
        chosen = select
        return self.add_parses(docs, select=None if chosen is None else (lambda _, sent: chosen(sent)))

    def add_parses(
        self,
        docs: Sequence[Document],
        *,
        select: Callable[[int, Sentence], bool] | None = None,
    ) -> list[Document]:
        """Tagged documents (from :meth:`parse_many` with a ``select`` that took nothing) with the dependency
        parse added to the sentences ``select(document index, sentence)`` picks (default: all); the others
        are returned as they were. Parses are remembered by sentence content, like :meth:`parse_many`'s."""
        directory = self.info.directory
        wanted = [(d, k) for d, doc in enumerate(docs) for k, sent in enumerate(doc.sentences)
                  if not sent.parsed and len(sent.words) <= PARSE_MAX_WORDS and (select is None or select(d, sent))]
        if not wanted:
            return list(docs)
        keys = {(d, k): (directory, docs[d].sentences[k].text, _parser_input(docs[d].sentences[k])) for d, k in wanted}
        have, missing, keep = self._known(self._parsed, list(dict.fromkeys(keys.values())), "parse",
                                          lambda key: (key[1], *("\t".join(w) for w in key[2])),
                                          lambda key, value: _decode_heads(value, len(key[2])))
        if missing:
            import stanza

            first: dict[Any, Sentence] = {}
            for d, k in wanted:
                first.setdefault(keys[(d, k)], docs[d].sentences[k])
            nlp = self.pipeline()

            def parse_part(part: list[Any]) -> list[tuple[tuple[int, str], ...]]:
                subdoc = stanza.Document([_tagged_dict(first[key]) for key in part])
                nlp.processors["depparse"].process(subdoc)
                return [tuple((int(w.head) - 1, w.deprel or "") for w in ssent.words) for ssent in subdoc.sentences]

            with _STANZA_LOCK, _our_decoder():
                heads = interleaved(lambda part: in_pieces(lambda piece: _released(parse_part(piece)), part,
                                                          lambda key: len(key[2]), PARSE_PIECE),
                                    missing)
            keep(dict(zip(missing, heads)), json.dumps)
        out = [list(doc.sentences) for doc in docs]
        for (d, k), key in keys.items():
            out[d][k] = _with_heads(out[d][k], list(have[key]))
        touched = {d for d, _ in keys}
        return [attrs.evolve(doc, sentences=tuple(sents)) if d in touched else doc
                for d, (doc, sents) in enumerate(zip(docs, out))]

    def parse(self, text: str, *, select: Callable[[Sentence], bool] | None = None) -> Document:
        """Parse one text: sentences and words with offsets into ``text``, tags, lemmas and dependencies."""
        return self.parse_many([text], select=select)[0]


def _encode_sentences(sents: tuple[Sentence, ...]) -> str:
    # ASCII JSON: a lone surrogate in the text (bytes decoded with surrogateescape) stays storable
    return json.dumps([[s.start, s.end, [[w.start, w.end, w.lemma, w.upos, w.xpos, w.feats, w.form] for w in s.words]]
                       for s in sents], separators=(",", ":"))


def _decode_sentences(para: str, value: str) -> tuple[Sentence, ...] | None:
    """Stored sentences of ``para``, or None when the entry does not fit it (a damaged cache: a miss)."""
    try:
        sents = tuple(Sentence(start, end, para[start:end], tuple(
            Word(i, _shared(para[a:b]), a, b, _shared(lemma), _shared(upos), _shared(xpos), _shared(feats), form=form)
            for i, (a, b, lemma, upos, xpos, feats, form) in enumerate(words)))
            for start, end, words in json.loads(value))
    except (ValueError, TypeError):
        return None
    for sent in sents:
        if not (sent.words and 0 <= sent.start < sent.end <= len(para)
                and all(0 <= w.start <= w.end <= len(para) and isinstance(w.lemma, str) and isinstance(w.upos, str)
                        and isinstance(w.xpos, str) and isinstance(w.feats, str) and isinstance(w.form, str)
                        for w in sent.words)):
            return None
    return sents


def _decode_heads(value: str, n: int) -> tuple[tuple[int, str], ...] | None:
    """A stored parse of ``n`` words, or None when the entry is damaged (a miss)."""
    try:
        heads = tuple((int(h), str(rel)) for h, rel in json.loads(value))
    except (ValueError, TypeError):
        return None
    if len(heads) != n or any(not -1 <= h < n for h, _ in heads):
        return None
    return heads


def _shift(sent: Sentence, text: str, by: int) -> Sentence:
    # Word(...) rather than attrs.evolve: this runs on every word of every article. A word the text writes as
    # the models saw it shares the string it already holds (not a copy of its own for each article); one written
    # otherwise (a curly mark the models saw straight) gets its own, with what the models saw as its form, so the
    # parser is given what the tagger was
    words = tuple(Word(w.index, w.text, w.start + by, w.end + by, w.lemma, w.upos, w.xpos, w.feats, w.head,
                       w.deprel, w.form)
                  if text.startswith(w.text, w.start + by) else
                  Word(w.index, text[w.start + by:w.end + by], w.start + by, w.end + by, w.lemma, w.upos, w.xpos,
                       w.feats, w.head, w.deprel, w.form or w.text)
                  for w in sent.words)
    return Sentence(sent.start + by, sent.end + by, text[sent.start + by:sent.end + by], words, sent.parsed)



def TAG_ONLY(sentence: Sentence) -> bool:
    """The ``select`` of :meth:`Parser.parse_many` that parses nothing: the tagging pass alone."""
    return False


def parse(
    text: str,
    *,
    models: str | os.PathLike[str] | None = None,
    select: Callable[[Sentence], bool] | None = None,
) -> Document:
    """Parse one text with a parser of its own (models loaded for this call: for many texts, use a
    :class:`Parser` or :class:`quotes.engine.Engine`)."""
    return Parser(models).parse(text, select=select)


def _released(value: T) -> T:
    """``value``, once the memory its step freed is given back (:func:`quotes.memory.release`)."""
    release()
    return value


def _tag_sentences(nlp, paragraphs: list[str]) -> list[tuple[Sentence, ...]]:
    """Each paragraph's tagged sentences (offsets into the paragraph). stanza's documents, with an object or
    two per word, are dropped here, a piece at a time, rather than held for a whole batch of articles."""
    out = [tuple(s for s in (_convert(para, 0, ss) for ss in sdoc.sentences) if s is not None)
           for para, sdoc in zip(paragraphs, _tag(nlp, paragraphs))]
    return _released(out)


def _tag(nlp, paragraphs: list[str]):
    """The tagging pass (tokenize, mwt, pos, lemma) over paragraphs, as stanza documents. A dictionary-only
    lemmatizer (the shipped one) is asked directly: stanza's lemma processor first builds a data loader
    that only its neural model needs, a tenth of the pass on news copy. The lemmas are the same."""
    lemma = nlp.processors.get("lemma")
    direct = lemma is not None and lemma.config.get("dict_only", False) and not lemma.use_identity
    docs = nlp.bulk_process(paragraphs, processors="tokenize,mwt,pos" if direct else "tokenize,mwt,pos,lemma")
    if direct:
        from stanza.models.common.doc import LEMMA, TEXT, UPOS

        for sdoc in docs:
            predicted = lemma.trainer.predict_dict(sdoc.get([TEXT, UPOS]))
            sdoc.set([LEMMA], [x if x else "_" for x in predicted])
    return docs


@contextlib.contextmanager
def _our_decoder():
    """While held, stanza's parser decodes its trees with :func:`max_spanning_tree` (the same trees
    wherever the best tree is unique; stanza's decoder walks cycles in pure Python, a third of the
    parser's time on CPU). It is a swap of stanza's module-level decoder, held only around our own
    calls and under :data:`_STANZA_LOCK`; another thread calling stanza directly at that moment would get it
    too (with the same trees)."""
    import importlib

    swapped = []
    try:
        for name in ("stanza.models.depparse.model", "stanza.models.depparse.head_constraints"):
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            if hasattr(module, "chuliu_edmonds_one_root"):
                swapped.append((module, module.chuliu_edmonds_one_root))
                module.chuliu_edmonds_one_root = max_spanning_tree
        yield
    finally:
        for module, original in swapped:
            module.chuliu_edmonds_one_root = original


def _tagged_dict(sent: Sentence) -> list[dict]:
    return [{"id": w.index + 1, "text": w.form or w.text, "lemma": w.lemma, "upos": w.upos, "xpos": w.xpos or None,
             "feats": w.feats or None} for w in sent.words]


def _with_heads(sent: Sentence, heads: list[tuple[int, str]]) -> Sentence:
    words = tuple(Word(w.index, w.text, w.start, w.end, w.lemma, w.upos, w.xpos, w.feats, h, rel, w.form)
                  for w, (h, rel) in zip(sent.words, heads))
    return attrs.evolve(sent, words=words, parsed=True)


COLLAPSED = "_"
"""The part of speech, until the sentence is tagged again, of a token the multi-word expander split but which is
no contraction (:func:`_contraction`)."""

_CONTRACTION = re.compile(r"['’]|^(gonna|wanna|gotta|cannot|dunno|gimme|lemme|hafta|outta|whaddya|y'all)$", re.I)


def _contraction(surface: str) -> bool:
    """Whether a token may stand for several words: it has an apostrophe (``don't``, ``Trump's``) or is one of
    the spoken fusions English writes as one word (``gonna``, ``cannot``). The shipped expander also splits
    names that end like them (``Donna`` -> ``Don na``)."""
    return bool(_CONTRACTION.search(surface))


SHARED_STRINGS = 200_000
"""Distinct strings :func:`_shared` holds before it starts again (words, lemmas and tag sets of the parse)."""

_STRINGS: dict[str, str] = {}


def _shared(value: str) -> str:
    """One string object for equal words, lemmas and tag sets of the parse (a long article repeats them; each
    word's own copies were a third of its memory), from a bounded pool, not ``sys.intern``: on some Pythons
    interned strings live as long as the process.

    >>> _shared("said" + "") is _shared("".join(["sa", "id"]))
    True
    """
    found = _STRINGS.get(value)
    if found is None:
        if len(_STRINGS) >= SHARED_STRINGS:
            _STRINGS.clear()
        found = _STRINGS.setdefault(value, value)
    return found


def _convert(text: str, offset: int, ssent) -> Sentence | None:
    words: list[Word] = []
    for token in ssent.tokens:
        if token.start_char is None or token.end_char is None:
            continue
        t_start, t_end = offset + token.start_char, offset + token.end_char
        surface = text[t_start:t_end]
        parts = list(token.words)
        spans: list[tuple[int, int]] = []
        if len(parts) > 1 and not _contraction(surface):
            # "Donna" read as "Don na" (as "gonna"): one word, tagged again with its sentence (mend_splits)
            words.append(Word(index=len(words), text=surface, start=t_start, end=t_end, lemma=surface,
                              upos=COLLAPSED, xpos="", feats=""))
            continue
        if len(parts) > 1:
            pos = 0
            for w in parts:
                k = surface.find(w.text, pos) if w.text else -1
                if k < 0:
                    spans = []
                    break
                spans.append((t_start + k, t_start + k + len(w.text)))
                pos = k + len(w.text)
        if not spans:
            spans = [(t_start, t_end)] * len(parts)
        for w, (a, b) in zip(parts, spans):
            # one string for each distinct word, lemma and tag set (a long article's words repeat them)
            written = _shared(text[a:b])
            words.append(Word(
                index=len(words), text=written, start=a, end=b, lemma=_shared(w.lemma or w.text or ""),
                upos=_shared(w.upos or "X"), xpos=_shared(w.xpos or ""), feats=_shared(w.feats or ""),
                form="" if w.text == written else (w.text or ""),
            ))
    if not words:
        return None
    start, end = words[0].start, max(w.end for w in words)
    return Sentence(start, end, text[start:end], tuple(words))


TAG_PIECE = 5_000
"""The most characters of paragraphs given to stanza's tagging pass at once, so that the tensors of one call stay
small however long the article (a warm call costs milliseconds, so pieces cost no measurable time)."""

PARSE_PIECE = 8_000
"""The most words of sentences given to the dependency parser at once (as :data:`TAG_PIECE`: one call's tensors
stay bounded however long the article; peak memory is level from 0.15 to 0.6 MB articles, see bench/big.py)."""


class _Told:
    """Passes a piece's results through, telling ``progress`` the share of all ``total`` characters done so far
    (pieces end on several threads: the count is kept under a lock)."""

    def __init__(self, progress: Callable[[float], None] | None, total: int) -> None:
        self.progress = progress
        self.total = max(1, total)
        self.done = 0
        self.lock = threading.Lock()

    def __call__(self, results: R, piece: Sequence[str]) -> R:
        if self.progress is not None:
            with self.lock:  # told in order, one thread at a time
                self.done += sum(len(p) for p in piece)
                self.progress(min(1.0, self.done / self.total))
        return results


def in_pieces(fn: Callable[[list[T]], Sequence[R]], items: Sequence[T], size: Callable[[T], int],
              limit: int) -> list[R]:
    """``fn(items)`` computed over successive pieces of ``items`` whose sizes add up to at most ``limit`` (an
    item bigger than that is a piece of its own), and put back together: one result per item, in order.

    >>> in_pieces(lambda xs: [x * 2 for x in xs], [1, 2, 3, 4], lambda x: x, 3)
    [2, 4, 6, 8]
    """
    out: list[R] = []
    piece: list[T] = []
    total = 0
    for item in items:
        n = size(item)
        if piece and total + n > limit:
            out.extend(fn(piece))
            piece, total = [], 0
        piece.append(item)
        total += n
    if piece:
        out.extend(fn(piece))
    return out


MEND_LIMIT = 120
"""The most words a sentence mended from two (:func:`mend_splits`) may have."""

_FINAL = re.compile(r"[.!?:;…\"'”’»)\]]$")


TITLE_ABBREVIATIONS = frozenset({
    "rep", "reps", "sen", "sens", "gov", "lt", "gen", "sgt", "dr", "mr", "mrs", "ms", "rev", "col", "capt", "cmdr",
    "adm", "del", "atty", "supt", "prof", "amb", "pres", "sec", "msgr", "cpl", "pvt", "maj", "insp", "det",
})
"""Abbreviated titles written before a name with a full stop (``Rep.``, ``Gov.``, ``Lt.``)."""


def _ends_in_title(sent: Sentence) -> bool:
    """Whether a sentence ends in an abbreviated title and its full stop (``Rep.``; as one token or two)."""
    words = sent.words
    last = words[-1]
    if last.text.endswith(".") and last.text[:-1].lower() in TITLE_ABBREVIATIONS:
        return True
    return (len(words) >= 2 and last.text == "." and words[-2].end == last.start
            and words[-2].text.lower() in TITLE_ABBREVIATIONS and words[-2].text[:1].isupper())


def _wrong_split(text: str, first: Sentence, second: Sentence) -> bool:
    """Whether the tokenizer ended ``first`` where no sentence ends: it ends in an abbreviated title and ``second``
    goes on with a capitalised word on the same line (``Rep. | Al Sharpton said``), or its last word ends in a
    letter or digit (no full stop, question mark, colon or closing mark), ``second`` follows on the same line with
    a word, and ``first`` is not a heading in capitals (``SAVE A QUARTER Let's say ...``)."""
    last, head = first.words[-1].text, second.words[0].text
    if "\n" not in text[first.end:second.start] and head[:1].isupper() and _ends_in_title(first):
        return True  # "Rep. | Al Sharpton said": a title's abbreviation read as a sentence's end
    if _FINAL.search(last) or not last[-1:].isalnum() or not head[:1].isalnum():
        return False
    if "\n" in text[first.end:second.start]:
        return False
    letters = [c for c in first.text if c.isalpha()]
    return not (letters and all(c.isupper() for c in letters) and len(first.words) > 1)


def mend_splits(
    paragraphs: Sequence[tuple[str, tuple[Sentence, ...]]],
    retag: Callable[[list[list[str]]], list[list[tuple[str, str, str, str]]]],
) -> list[tuple[Sentence, ...]]:
    """Each paragraph's sentences as the tokenizer split them, with its splits inside a name or a clause undone:
    the shipped tokenizer sometimes ends a sentence between two words with no punctuation ("President Wang |
    Yi said ...", "Theresa | May said ...", "NBC | News first published ..."), and a name cut in two is then
    never recognised. Such sentences become one, re-tagged together (as is a sentence with a token that
    :func:`_convert` kept whole, ``Donna`` the expander had split): ``retag`` gets the words' forms of
    every mended sentence at once (one call: a tagging call has a fixed cost of seconds) and gives
    ``(upos, xpos, feats, lemma)`` per word.

    >>> def retag(sentences):
    ...     return [[("PROPN", "NNP", "", f) for f in forms] for forms in sentences]
    >>> text = "President Wang Yi said it."
    >>> w = lambda i, a, b: Word(i, text[a:b], a, b, text[a:b], "X", "", "")
    >>> first = Sentence(0, 14, text[0:14], (w(0, 0, 9), w(1, 10, 14)))
    >>> second = Sentence(15, 26, text[15:26], (w(0, 15, 17), w(1, 18, 22), w(2, 23, 25), w(3, 25, 26)))
    >>> [s.text for s in mend_splits([(text, (first, second))], retag)[0]]
    ['President Wang Yi said it.']
    """
    runs: list[list[list[Sentence]]] = []  # per paragraph, its sentences in runs to be joined
    for text, sentences in paragraphs:
        groups: list[list[Sentence]] = []
        for sent in sentences:
            if groups and _wrong_split(text, groups[-1][-1], sent) and \
                    sum(len(x.words) for x in groups[-1]) + len(sent.words) <= MEND_LIMIT:
                groups[-1].append(sent)
            else:
                groups.append([sent])
        runs.append(groups)
    joined = [[w for x in group for w in x.words] for groups in runs for group in groups if _retagged(group)]
    tags = iter(retag([[w.form or w.text for w in words] for words in joined]) if joined else [])
    out: list[tuple[Sentence, ...]] = []
    for (text, _), groups in zip(paragraphs, runs):
        sents: list[Sentence] = []
        for group in groups:
            if not _retagged(group):
                sents.append(group[0])
                continue
            words = [w for x in group for w in x.words]
            got = next(tags)
            if len(got) != len(words):
                # the tagger gave something else back: keep the tokenizer's sentences
                sents.extend(attrs.evolve(x, words=tuple(attrs.evolve(w, upos="X") if w.upos == COLLAPSED else w
                                                         for w in x.words)) for x in group)
                continue
            merged = tuple(attrs.evolve(w, index=i, upos=u, xpos=x, feats=f, lemma=lemma or w.text)
                           for i, (w, (u, x, f, lemma)) in enumerate(zip(words, got)))
            sents.append(Sentence(group[0].start, group[-1].end, text[group[0].start:group[-1].end], merged))
        out.append(tuple(sents))
    return out


def _retagged(group: list[Sentence]) -> bool:
    """Whether a run of sentences is tagged again: several joined into one, or one with a collapsed token."""
    return len(group) > 1 or any(w.upos == COLLAPSED for w in group[0].words)


def _retag(nlp, sentences: list[list[str]]) -> list[list[tuple[str, str, str, str]]]:
    """Tags and lemmas of sentences of given words (the tagging pass without the tokenizer), in one call."""
    import stanza

    doc = stanza.Document([[{"id": i + 1, "text": f} for i, f in enumerate(forms)] for forms in sentences])
    nlp.processors["pos"].process(doc)
    lemma = nlp.processors.get("lemma")
    if lemma is not None:
        lemma.process(doc)
    return [[(w.upos or "X", w.xpos or "", w.feats or "", w.lemma or "") for w in sent.words]
            for sent in doc.sentences]


def tag_and_parse_words(
    sentences: Sequence[Sequence[str]],
    *,
    models: str | os.PathLike[str] | None = None,
) -> list[list[tuple[str, str, int, str]]]:
    """Tag, lemmatize and parse pre-split words (for evaluation with gold tokenization).

    Returns, per sentence and word, ``(upos, lemma, head, deprel)`` with 0-based heads (-1 = root).
    """
    import stanza

    nlp = Parser(models).pipeline()
    doc = stanza.Document([[{"id": i + 1, "text": w} for i, w in enumerate(sent)] for sent in sentences if sent])
    with _STANZA_LOCK, _our_decoder():
        for name in ("pos", "lemma", "depparse"):
            nlp.processors[name].process(doc)
    out: list[list[tuple[str, str, int, str]]] = []
    it = iter(doc.sentences)
    for sent in sentences:
        if not sent:
            out.append([])
            continue
        s = next(it)
        out.append([(w.upos or "X", w.lemma or "", int(w.head) - 1, w.deprel or "") for w in s.words])
    return out
