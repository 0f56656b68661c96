"""The merge of the parse rules' attributions with the role tagger's."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .records import Attribution


def _overlap(a: Attribution, b: Attribution) -> float:
    """Character Dice of two attributions' contents."""
    x = {i for c in a.content for i in range(c.start, c.end)}
    y = {i for c in b.content for i in range(c.start, c.end)}
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


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


def merge_attributions(rules: Sequence[Attribution], learned: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """One list from both finders, in text order. A learned attribution is kept as found, but takes the
    source the rules read off the parse for the same cue when the tagger found none; a rule attribution
    comes in where the tagger found nothing that overlaps it, or where it is reported inside a learned
    content (the tagger, like PolNeAR, gives each word to one attribution)."""
    out: list[Attribution] = []
    used: set[int] = set()
    for att in learned:
        twin = next((i for i, r in enumerate(rules) if r.cue is not None and att.cue is not None and r.cue.overlaps(att.cue)),
                    None)
        if twin is not None:
            used.add(twin)
            if att.source is None and rules[twin].source is not None:
                att = attrs.evolve(att, source=rules[twin].source, via=rules[twin].via)
        out.append(att)
    for i, rule in enumerate(rules):
        if i in used:
            continue
        if not any(_overlap(rule, att) > 0 for att in learned) or _nested(rule, learned):
            out.append(rule)
    out.sort(key=lambda m: (m.content[0].start, m.content[0].end))
    return tuple(out)
