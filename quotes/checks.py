"""``check()``: a draft against its sources, before publication.

>>> import datetime as dt
>>> from quotes.records import Extraction, Quote, Span, Speaker
>>> def art(name, text):
...     q = Quote((Span.of(text, 0, len(text)),), "direct", None, None, None, Speaker("person", "Wang Yi", "Q1"),
...               "cue-subject", 0.9, quoted=(Span.of(text, 0, len(text)),))
...     return Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument", name)
>>> r = check(art("draft", "find a way to resolve the issue"), sources=[art("cctv", "find a way to resolve the issue")])
>>> r.clean, r.exit_code, r.sources
(True, 0, ('cctv',))
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import attrs

from .digests import default_lexicon, named_extractions
from .records import Extraction, html_table
from .verification import Finding, LexiconLike, check_against_sources, unique_names

__all__ = ["CheckReport", "check"]


@attrs.frozen
class CheckReport:
    """The result of checking a draft against its sources."""

    draft: Extraction
    """The draft as extracted (its ``text`` is what finding spans point into)."""
    findings: tuple[Finding, ...]
    """Every finding in the draft, by position."""
    sources: tuple[str, ...]
    """Names of the source articles."""

    @property
    def empty(self) -> bool:
        """The draft has no text (or only white space): nothing in it was checked.

        >>> import datetime as dt
        >>> from quotes.records import Diagnostic, Extraction
        >>> blank = Extraction(" ", (), (), (Diagnostic("empty-input", "The article is empty."),), dt.date(2022, 3, 1),
        ...                    "argument", "d")
        >>> r = CheckReport(blank, (), ("s",))
        >>> r.empty, r.clean, r.exit_code
        (True, False, 1)
        """
        return not self.draft.text.strip() or any(d.code == "empty-input" for d in self.draft.diagnostics)

    @property
    def clean(self) -> bool:
        """No finding of severity warning or error, and a draft that is not empty (an empty draft was not checked,
        which an editor must look at: the wrong file, an export that failed)."""
        return not self.empty and not any(f.severity in ("warning", "error") for f in self.findings)

    @property
    def tally(self) -> dict[str, int]:
        """What the check did with the draft's quotations (statements with words in quotation marks):
        ``quotations``, and of these ``as in sources`` (no finding on them: the sources have the words, by the
        same speaker), ``altered``, ``misattributed`` and ``unverified`` (no source has them). A quotation
        with several findings counts once, by the worst of them (misattributed, altered, unverified).

        >>> import datetime as dt
        >>> from quotes.records import Extraction
        >>> CheckReport(Extraction("Hi.", (), (), (), dt.date(2022, 3, 1), "argument", "d"), (), ()).tally["quotations"]
        0
        """
        out = {"quotations": 0, "as in sources": 0, "altered": 0, "misattributed": 0, "unverified": 0}
        order = (("misattribution", "misattributed"), ("altered-wording", "altered"), ("unsourced", "unverified"))
        for q in self.draft.quotes:
            if not q.quoted:
                continue
            out["quotations"] += 1
            codes = {f.code for f in self.findings if f.span.start < q.end and q.start < f.span.end}
            verdict = next((name for code, name in order if code in codes), "as in sources")
            out[verdict] += 1
        return out

    def tally_text(self) -> str:
        """:attr:`tally` in words: ``12 quotations: 9 as in the sources, 1 altered, 2 unverified``."""
        t = self.tally
        n = t["quotations"]
        head = f"{n} quotation{'s' if n != 1 else ''}"
        if not n:
            return head
        parts = [f"{t[k]} {'as in the sources' if k == 'as in sources' else k}"
                 for k in ("as in sources", "altered", "misattributed", "unverified") if t[k]]
        return f"{head}: {', '.join(parts)}"

    @property
    def exit_code(self) -> int:
        """0 when clean, 1 when an editor must look at something."""
        return 0 if self.clean else 1

    def _repr_html_(self) -> str:
        """A notebook's view: clean or not, how many quotes were checked against how many sources, the findings."""
        name = html.escape(self.draft.name or "the draft")
        verdict = ("the draft is empty" if self.empty else "clean" if self.clean
                   else f"{sum(f.severity != 'info' for f in self.findings)} to look at")
        head = (f"{name}: {verdict}; {len(self.draft.quotes)} statement{'s' if len(self.draft.quotes) != 1 else ''}"
                f" checked against {len(self.sources)} source{'s' if len(self.sources) != 1 else ''}")
        return html_table(head, ("severity", "code", "where", "message"),
                          [(f.severity, f.code, f.span.text, f.message) for f in self.findings])


def check(
    draft: Extraction,
    *,
    sources: Sequence[Extraction],
    lexicon: LexiconLike | None = None,
) -> CheckReport:
    """Check an extracted ``draft`` against extracted ``sources``: titles, speakers, and every quotation's
    wording (texts: ``quotes.check`` or ``Engine.check`` extract them first). With ``lexicon=None`` the
    bundled lexicon is loaded when the draft has person mentions to check.

    >>> import datetime as dt
    >>> from quotes.records import Extraction, Quote, Span, Speaker
    >>> text = "“We will never give up,” he said."
    >>> q = Quote((Span.of(text, 0, 24),), "direct", Span.of(text, 28, 32), "say", Span.of(text, 25, 27),
    ...           Speaker("unresolved"), "pronoun", 0.2, quoted=(Span.of(text, 1, 22),))
    >>> draft = Extraction(text, (q,), (), (), dt.date(2022, 3, 1), "argument")
    >>> report = check(draft, sources=[])
    >>> [(f.code, f.article, f.span.text) for f in report.findings], report.exit_code
    ([('unsourced', 'draft', 'We will never give up')], 1)
    """
    (d,) = named_extractions([draft], prefix="draft-")
    if d.name == "draft-0" and draft.name != "draft-0":
        d = attrs.evolve(d, name="draft")
    srcs = named_extractions(sources, prefix="source-")
    d, srcs = unique_names(d, srcs)
    lex = default_lexicon([d], lexicon)
    findings = check_against_sources(d, srcs, lexicon=lex)
    return CheckReport(d, findings, tuple(s.name or "" for s in srcs))
