"""Titles held against the sources: what a draft calls a person against what the source articles call them.

A mayor, a police chief, a campaign aide are in no lexicon; what the sources write next to their name is
what a copy desk can check. A draft's title for a person is contradicted when it names something the
sources never say of them (an organisation, a party, a place: "Republican strategist Geoff Garin" where
the sources have "a Democratic pollster"), or when the sources give the same office only with "former"
("Pennsylvania Gov. Ed Rendell" where they have "Former Pennsylvania Gov. Ed Rendell"). The sources' words
are read around every mention of the person's name, so a draft may use any description a source gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon.names import fold
from ..records import Extraction, Severity, Span, Speaker
from ..speakers.groups import ROLE_WORDS
from .findings import Evidence, Finding
from .identity import family_name, name_words, same_person

ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "del": "delegate", "lt": "lieutenant",
    "gen": "general", "sec": "secretary", "atty": "attorney", "rev": "reverend", "dr": "doctor",
    "prof": "professor", "amb": "ambassador", "supt": "superintendent", "adm": "admiral", "col": "colonel",
    "sgt": "sergeant", "capt": "captain", "cmdr": "commander", "pres": "president", "chmn": "chairman",
}
FORMER = frozenset({"former", "ex", "formerly", "then", "retired", "onetime", "erstwhile", "past", "previously",
                    "once", "served", "until"})
FUTURE = frozenset({"future", "incoming", "likely", "next", "would-be", "expected", "presumptive", "designate",
                    "nominated", "nominee"})
_STOP = frozenset({"a", "an", "the", "of", "at", "for", "in", "on", "and", "to", "with", "s", "who", "is", "was",
                   "its", "his", "her", "their", "from", "by", "as"})
ROLE_NOUNS = ROLE_WORDS | {
    "governor", "senator", "representative", "congressman", "congresswoman", "mayor", "secretary", "minister",
    "president", "leader", "director", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson",
    "strategist", "pollster", "editor", "reporter", "correspondent", "scholar", "surgeon", "physician", "doctor",
    "lawyer", "attorney", "judge", "ambassador", "general", "reverend", "host", "founder", "head", "senior",
    "fellow", "economist", "scientist", "historian", "consultant", "lobbyist", "chief", "deputy", "member",
}
WINDOW_BEFORE, WINDOW_AFTER = 80, 160
"""Characters read before and after a mention of the person in a source (within its paragraph)."""

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def _norm(token: str) -> str:
    t = fold(token).strip(".'’-")
    t = re.sub(r"['’]s$", "", t)
    return ABBREVIATIONS.get(t, t)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(normalised word, written capitalised) of each word; a hyphenated word also gives its parts
    ("Beijing-based")."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        out.append((_norm(word), word[:1].isupper()))
        if "-" in word.strip("-"):
            out.extend((_norm(part), part[:1].isupper()) for part in word.split("-") if part)
    return out


def _abbreviates(short: str, word: str) -> bool:
    """Whether ``short`` (``ga``, ``tex``, ``fla``) can abbreviate ``word``: its letters in order, the first first."""
    if len(short) < 2 or not word.startswith(short[0]):
        return False
    rest = iter(word[1:])
    return all(c in rest for c in short[1:])


def _acronyms(text: str) -> set[str]:
    """Initials of capitalised runs: "Democratic National Committee" -> "dnc"."""
    out = set()
    run: list[str] = []
    for word in [*re.findall(r"[A-Za-z][A-Za-z'’-]*", text), "."]:
        if word[:1].isupper() and word.lower() not in ("the", "of"):
            run.append(word)
        elif word.lower() in ("of", "for", "and") and run:
            continue
        else:
            if len(run) >= 2:
                out.add("".join(w[0] for w in run).lower())
            run = []
    return out


def _windows(source: Extraction, speaker: Speaker) -> list[Span]:
    """The source's text around each mention of the person (full name or family name), within its paragraph."""
    text, name = source.text, speaker.name or ""
    family = family_name(name)
    patterns = [re.escape(name)] if name else []
    if family:
        last = next((w for w in reversed(name.split()) if fold(w).strip(".") == family.split()[-1]), None)
        if last is not None:
            patterns.append(r"\b" + re.escape(last) + r"\b")
    out: list[Span] = []
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            para_start = text.rfind("\n", 0, m.start()) + 1
            para_end = text.find("\n", m.end())
            lo = max(para_start, m.start() - WINDOW_BEFORE)
            hi = min(len(text) if para_end < 0 else para_end, m.end() + WINDOW_AFTER)
            out.append(Span.of(text, lo, hi))
    return out


_STARTED = frozenset({"elected", "reelected", "re-elected", "named", "appointed", "sworn", "installed", "confirmed",
                      "nominated", "chosen", "picked", "tapped"})


def _in_past(toks: Sequence[str], i: int) -> bool:
    """Whether the role word ``toks[i]`` follows ``as`` after a verb in the past (``signed a bill as governor``,
    ``served as mayor``): an office held then. A verb that starts a tenure (``elected as``) does not count."""
    if "as" not in toks[max(0, i - 2):i]:
        return False
    before = toks[max(0, i - 8):i]
    if any(t in _STARTED for t in before):
        return False
    return any(t in ("was", "were", "had") or (t.endswith("ed") and len(t) > 4) for t in before)


def _contradiction(title: str, person: str, described: Sequence[str], *, in_lexicon: bool = False) -> tuple[str, int] | None:
    """Why ``title`` contradicts the sources' descriptions of ``person`` (``described``: their words around
    the person's name), with the index of the description that shows it: ``former`` (the sources give the
    office only with "former"), ``future`` (only as to come: "the future Democratic leader"), ``other``
    (the draft names an organisation, party or place, or a formal title, that no description has); None
    when nothing contradicts it. A person of the lexicon has their offices checked there: only "former" and
    "future" are read here."""
    own = set(name_words(person))
    mine = [(t, cap) for t, cap in _tokens(title) if t not in _STOP and t not in own]
    if not mine or any(t in FORMER or t in FUTURE for t, _ in mine):
        return None
    vocab: set[str] = set()
    qualified: dict[str, dict[str, int]] = {"former": {}, "future": {}}
    plain: set[str] = set()
    with_roles: list[int] = []
    for k, text in enumerate(described):
        toks = [t for t, _ in _tokens(text)]
        vocab.update(toks)
        vocab.update(_acronyms(text))
        if any(t in ROLE_NOUNS for t in toks):
            with_roles.append(k)
        for i, t in enumerate(toks):
            for kind, words in (("former", FORMER), ("future", FUTURE)):
                if t in words:
                    for r in toks[i + 1:i + 5]:
                        qualified[kind].setdefault(r, k)
            if t in ROLE_NOUNS and _in_past(toks, i):
                qualified["former"].setdefault(t, k)  # "Weld, who signed a gun-control bill as governor"
            elif t in ROLE_NOUNS and not any(x in FORMER or x in FUTURE for x in toks[max(0, i - 4):i]):
                plain.add(t)
    roles = [t for t, _ in mine if t in ROLE_NOUNS]
    for kind in ("former", "future"):
        if roles and all(r in qualified[kind] and r not in plain for r in roles):
            return kind, qualified[kind][roles[0]]
    if not with_roles and not title.startswith("of "):
        return None
    short = {t for t in vocab if 2 <= len(t) <= 4}  # "(R-Ga.)", "Tex.": a state the draft writes in full
    unknown = [t for t, cap in mine if cap and t not in vocab and not any(_abbreviates(a, t) for a in short)
               and (t not in ROLE_NOUNS or with_roles)]
    if unknown:
        return ("lexicon-differs" if in_lexicon else "other"), (with_roles[0] if with_roles else 0)
    return None


def source_title_findings(draft: Extraction, sources: Sequence[Extraction], dname: str,
                          checked: Sequence[Span] = ()) -> list[Finding]:
    """A warning for each title the draft gives a person that the sources contradict (see the module);
    ``checked``: title spans the lexicon already found wrong, not reported twice. Only sources that name
    the person in full, or quote them, are read."""
    out: list[Finding] = []
    done: set[str] = set()
    for q in draft.quotes:
        sp = q.speaker
        if sp.kind != "person" or not sp.name or (sp.key or sp.name) in done:
            continue
        done.add(sp.key or sp.name)
        if len(sp.name.split()) < 2:
            continue
        written = [t for t in _draft_titles(draft, sp) if not any(c.overlaps(t) for c in checked)]
        if not written:
            continue
        spans: list[tuple[Extraction, Span]] = []
        for src in sources:
            quoted = [o.speaker for o in src.quotes if same_person(sp, o.speaker) == "same"]
            if not quoted and sp.name not in src.text:
                continue
            spans.extend((src, w) for w in _windows(src, sp))
            spans.extend((src, o.title) for o in quoted if o.title is not None)
        if not spans:
            continue  # no source names them: nothing to hold the title against
        found = None
        for title in written:  # every title the draft gives them: "CIA Director Mike Morrell" and "a veteran"
            found = _contradiction(title.text, sp.name, [w.text for _, w in spans],
                                   in_lexicon=bool(sp.person_id and sp.person_id.startswith("Q")))
            if found is not None:
                break
        if found is None:
            continue
        why, k = found
        src, shown = spans[k]
        name, where = sp.name, src.name or "a source"
        if why == "former":
            msg = f"{where} gives {name} this title only as a former one: “{_clip(shown.text)}”; write “former”"
        elif why == "future":
            msg = f"{where} gives {name} this title only as one to come: “{_clip(shown.text)}”"
        elif why == "lexicon-differs":
            msg = (f"The lexicon finds nothing wrong with “{title.text}” for {name}, but the sources call them "
                   f"otherwise: {where} has “{_clip(shown.text)}”; check which is right")
        else:
            msg = f"The sources do not call {name} “{title.text}”; {where} has “{_clip(shown.text)}”"
        evidence = tuple(Evidence("source", f"{name}: “{w.text.strip()}”", s.name or "source", w)
                         for s, w in spans[:3])
        severity: Severity = "info" if why == "lexicon-differs" else "warning"
        out.append(Finding("wrong-title", severity, dname, title, msg, evidence))
    return out


_NOT_TITLE = frozenset({"the", "but", "and", "so", "then", "also", "when", "while", "as", "if", "after", "before",
                        "said", "says", "yesterday", "today", "tonight", "meanwhile", "still", "now", "later",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "in", "on", "at"})


def _draft_titles(draft: Extraction, sp: Speaker) -> list[Span]:
    """The titles a draft gives a person: the speaker's title, and the capitalised title words written right
    before each of its mentions by full name (``CIA Director`` of ``CIA Director Mike Morrell``) when they hold
    a role word; a draft may give one person two."""
    out: list[Span] = [sp.title] if sp.title is not None else []
    text, name = draft.text, sp.name or ""
    for m in re.finditer(re.escape(name), text):
        words = list(re.finditer(r"[A-Za-z][A-Za-z.'’-]*", text[max(0, m.start() - 80):m.start()]))
        base = max(0, m.start() - 80)
        run: list[re.Match[str]] = []
        for w in reversed(words):
            gap = text[base + w.end():base + (run[0].start() if run else m.start() - base)]
            word = w.group()
            if gap.strip(" ") or not (word[:1].isupper() or (word == "of" and run)):
                break
            if word.endswith(".") and _norm(word) not in ABBREVIATIONS.values() and len(word) > 2:
                break  # "... President George W. Bush. Colin Clarke": the sentence before
            run.insert(0, w)
        while run and (fold(run[0].group()).strip(".") in _NOT_TITLE or run[0].group() == "of"):
            run = run[1:]
        if not run or not any(_norm(w.group()) in ROLE_NOUNS for w in run):
            continue
        span = Span.of(text, base + run[0].start(), base + run[-1].end())
        if not any(t.text == span.text for t in out):
            out.append(span)
    return out


def _clip(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
