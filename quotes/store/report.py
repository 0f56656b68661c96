"""Search hits as a person reads them (text) and as programs do (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .records import Hit

__all__ = ["hits_json", "hits_text"]


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def hits_text(hits: Sequence[Hit]) -> str:
    """One block per hit: date, article, speaker (office), kind; the statement; its variants.

    >>> hits_text([])
    'no statements found'
    """
    if not hits:
        return "no statements found"
    blocks = []
    for h in hits:
        who = h.speaker.label + (f" ({h.speaker.office})" if h.speaker.office else "")
        where = h.article + (f" — {h.title}" if h.title else "") + (f" [{h.outlet}]" if h.outlet else "")
        lines = [f"{h.date.isoformat()}  {where}", f"  {who}, {h.kind}: {_clip(h.text)}"]
        if h.variants:
            lines.append(f"  variants ({h.group}):")
            lines.extend(f"    {v.date.isoformat()}  {v.article}  {v.speaker}: {_clip(v.text, 120)}" for v in h.variants)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _hit(h: Hit) -> dict[str, Any]:
    return {
        "statement": h.statement_id, "article": h.article, "key": h.key, "date": h.date.isoformat(), "title": h.title,
        "outlet": h.outlet, "speaker": {"kind": h.speaker.kind, "label": h.speaker.label, "name": h.speaker.name,
                                        "person_id": h.speaker.person_id, "office": h.speaker.office},
        "kind": h.kind, "text": h.text, "start": h.span.start, "end": h.span.end, "group": h.group,
        "score": round(h.score, 4),
        "variants": [{"article": v.article, "date": v.date.isoformat(), "speaker": v.speaker, "text": v.text}
                     for v in h.variants],
    }


def hits_json(hits: Sequence[Hit]) -> str:
    """The hits as one JSON list.

    >>> hits_json([])
    '[]'
    """
    return json.dumps([_hit(h) for h in hits], ensure_ascii=False, indent=1)
