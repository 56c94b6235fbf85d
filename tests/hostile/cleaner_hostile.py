"""A plugin distribution that misbehaves in every way a plugin can (installed for real by the tests).

Each filter acts only on a document containing its trigger word, so one batch can hold
one bad document among good ones.
"""

from __future__ import annotations

import os
import signal

from cleaner import document_filter, paragraph_filter


@document_filter()
def exit_on_trigger(doc):
    """Raise SystemExit on a document saying EXIT-NOW."""
    if "EXIT-NOW" in doc.text:
        raise SystemExit(3)


@document_filter()
def die_on_trigger(doc):
    """Kill its own process (as a crashing C extension would) on a document saying DIE-NOW."""
    if "DIE-NOW" in doc.text:
        os._exit(9)


@paragraph_filter()
def loop_on_trigger(paragraph, ctx):
    """Loop forever (in Python) on a paragraph saying LOOP-NOW."""
    while "LOOP-NOW" in paragraph:
        pass
    return paragraph


@document_filter()
def hang_on_trigger(doc):
    """Hang where no timer reaches (SIGALRM ignored) on a document saying HANG-NOW."""
    if "HANG-NOW" in doc.text:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        while True:
            pass


@document_filter()
def corrupt_on_trigger(doc):
    """Break the document model on a document saying CORRUPT-NOW."""
    if "CORRUPT-NOW" in doc.text:
        doc.paragraphs = None


STEPS = ["exit_on_trigger", "die_on_trigger", "loop_on_trigger", "hang_on_trigger", "corrupt_on_trigger"]
