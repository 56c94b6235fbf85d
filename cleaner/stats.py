"""Per-step statistics of a chain, added up over documents and merged across workers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Result


@dataclass
class StepStats:
    """What one step did over every document it saw."""

    documents: int = 0
    documents_touched: int = 0
    edits: int = 0
    paragraphs_removed: int = 0
    chars_removed: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {k: round(v, 6) if isinstance(v, float) else v for k, v in self.__dict__.items()}


@dataclass
class ChainStats:
    """Per-step statistics plus document counts, added up over many results."""

    documents: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    flagged: dict[str, int] = field(default_factory=dict)
    steps: dict[str, StepStats] = field(default_factory=dict)

    def add(self, result: Result) -> None:
        self.documents += 1
        if result.drop_reason:
            reason = result.drop_reason
            self.dropped[reason] = self.dropped.get(reason, 0) + 1
        for flag in result.flags:
            self.flagged[flag] = self.flagged.get(flag, 0) + 1
        for t in result.steps:
            s = self.steps.setdefault(t.step, StepStats())
            s.documents += 1
            s.documents_touched += t.edits > 0
            s.edits += t.edits
            s.paragraphs_removed += t.paragraphs_removed
            s.chars_removed += t.chars_removed
            s.seconds += t.seconds

    def merge(self, other: "ChainStats") -> None:
        self.documents += other.documents
        for mine, theirs in ((self.dropped, other.dropped), (self.flagged, other.flagged)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        for name, st in other.steps.items():
            s = self.steps.setdefault(name, StepStats())
            for key, value in st.__dict__.items():
                setattr(s, key, getattr(s, key) + value)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "dropped": dict(sorted(self.dropped.items())),
            "flagged": dict(sorted(self.flagged.items())),
            "steps": {k: v.to_dict() for k, v in self.steps.items()},
        }
