"""The merge of the parse rules' attributions with the role tagger's."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from ..records import SpanSet
from .records import Attribution

NESTED_MIN_WORDS = 4


NESTED_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"}


def _nested(rule: Attribution, learned: Sequence[Attribution]) -> bool:
    """A statement reported inside another's content ("CCTV reported that Wang said ..."): the rule's cue and
    source lie inside a learned content, and the cue reports speech or writing (in "Clinton said she wants to
    expand ...", "she wants" is no second statement), and what it reports is quoted or a clause of at least
    ``NESTED_MIN_WORDS`` words, not an object ("criticized him", "urged voters"). A pronoun source is left
    out: in "Wang said he told Kuleba ..." the nested speaker is the outer one, so nothing is added."""
    if rule.cue is None or rule.source is None or rule.cue_class == "thought":
        return False
    if rule.source.text.lower() in NESTED_PRONOUNS:
        return False
    if not rule.quoted and sum(len(c.text.split()) for c in rule.content) < NESTED_MIN_WORDS:
        return False
    for att in learned:
        for c in att.content:
            if c.start <= rule.source.start and rule.cue.end <= c.end:
                return True
    return False


def _before(rule: Attribution, learned: Attribution) -> bool:
    """Whether a rule attribution with a source reads the same content as ``learned`` from a cue before it."""
    return (rule.source is not None and rule.cue is not None and rule.cue.end <= learned.content[0].start
            and any(c.overlaps(d) for c in rule.content for d in learned.content))


def merge_attributions(rules: Sequence[Attribution], learned: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """One list from both finders, in text order. A learned attribution is kept as found, but takes the
    source the rules read off the parse for the same cue when the tagger found none; a rule attribution
    comes in where the tagger found nothing that overlaps it, or where it is reported inside a learned
    content (the tagger, like PolNeAR, gives each word to one attribution)."""
    out: list[Attribution] = []
    used: set[int] = set()
    cues = sorted((r.cue.start, i) for i, r in enumerate(rules) if r.cue is not None)  # looked up by offset
    starts = [start for start, _ in cues]
    longest = max((r.cue.end - r.cue.start for r in rules if r.cue is not None), default=0)
    by_sentence: dict[int, list[int]] = {}
    for i, r in enumerate(rules):
        by_sentence.setdefault(r.sentence, []).append(i)
    for att in learned:
        twin = None
        if att.cue is not None:
            near = cues[bisect.bisect_left(starts, att.cue.start - longest):bisect.bisect_left(starts, att.cue.end)]
            twin = min((i for _, i in near if rules[i].cue.overlaps(att.cue)), default=None)  # type: ignore[union-attr]
        if twin is not None:
            used.add(twin)
            if att.source is None and rules[twin].source is not None:
                att = attrs.evolve(att, source=rules[twin].source, via=rules[twin].via)
        elif att.source is None and (att.cue is None or not any(ch.isalpha() for ch in att.cue.text)):
            # 'Said Ellis: "..."': the tagger took the colon for the cue and found no source; the rules read the
            # verb before it and the name after the verb for the same quote
            alt = next((i for i in by_sentence.get(att.sentence, ()) if i not in used and _before(rules[i], att)), None)
            if alt is not None:
                used.add(alt)
                r = rules[alt]
                att = attrs.evolve(att, source=r.source, via=r.via, cue=r.cue, cue_lemma=r.cue_lemma, cue_class=r.cue_class)
        out.append(att)
    contents = SpanSet(c for att in learned for c in att.content)
    for i, rule in enumerate(rules):
        if i in used:
            continue
        if not any(contents.overlaps(c) for c in rule.content) or _nested(rule, learned):
            out.append(rule)
    out.sort(key=lambda m: (m.content[0].start, m.content[0].end))
    return tuple(out)
