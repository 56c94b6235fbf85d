"""The summary of a batch run; it lives in :mod:`cleaner.batch.report` and :mod:`cleaner.batch.report_html`.

This module keeps the names importable from where they have always been.
"""

from __future__ import annotations

from .batch.report import SAMPLE_CHARS, SAMPLE_FIRST, SAMPLE_MAX, SAMPLE_PER_STEP, ReportBuilder, Sample, Summary, reason_key
from .batch.report_html import inline_diff, render_document, render_html

__all__ = [
    "SAMPLE_CHARS",
    "SAMPLE_FIRST",
    "SAMPLE_MAX",
    "SAMPLE_PER_STEP",
    "ReportBuilder",
    "Sample",
    "Summary",
    "inline_diff",
    "reason_key",
    "render_document",
    "render_html",
]
