"""Claims as JSON Lines or CSV (one row per claim, sides flattened for spreadsheets)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from fieldbrief.model import Claim, ClaimMember, Corpus
from fieldbrief.report.csvsafe import SafeDictWriter

CSV_COLUMNS = (
    "claim_id",
    "status",
    "kind",
    "event_type",
    "summary",
    "origin_count",
    "outlets",
    "why",
    "affirms",
    "disputes",
)


def write_claims_jsonl(claims: Sequence[Claim], corpus: Corpus, out: TextIO) -> None:
    for claim in claims:
        out.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")


def write_claims_csv(claims: Sequence[Claim], corpus: Corpus, out: TextIO) -> None:
    writer = SafeDictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for claim in claims:
        writer.writerow(
            {
                "claim_id": claim.id,
                "status": claim.status,
                "kind": claim.kind,
                "event_type": claim.event_type or "",
                "summary": claim.summary,
                "origin_count": len(claim.origins),
                "outlets": "; ".join(sorted({m.outlet or "unknown" for m in claim.members})),
                "why": claim.why or "",
                "affirms": " | ".join(_cite(m) for m in claim.side("affirms")),
                "disputes": " | ".join(_cite(m) for m in claim.side("disputes")),
            }
        )


def _cite(member: ClaimMember) -> str:
    who = member.speaker or member.outlet or "unknown"
    return f'{who}: "{member.text}" [{member.article_id}:{member.start}-{member.end}]'
