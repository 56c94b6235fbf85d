"""An example cleaner plugin: one paragraph filter, registered by entry point."""

from __future__ import annotations

import regex

from cleaner import ParagraphContext, Rewrite, paragraph_filter
from cleaner.patterns import TIMEOUT

EMAIL = regex.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = regex.compile(r"(?<!\w)\+?\d[\d ()./-]{7,}\d(?!\w)")


@paragraph_filter(family="privacy")
def redact_contacts(paragraph: str, ctx: ParagraphContext, *, placeholder: str = "[redacted]", phones: bool = True) -> str | Rewrite:
    """Replace e-mail addresses (and phone numbers) by a placeholder.

    ``"Write to ana@example.org."`` → ``"Write to [redacted]."``
    """
    out = EMAIL.sub(placeholder, paragraph, timeout=TIMEOUT)
    if phones:
        out = PHONE.sub(placeholder, out, timeout=TIMEOUT)
    if out == paragraph:
        return paragraph
    return Rewrite(out, "contact details redacted")
