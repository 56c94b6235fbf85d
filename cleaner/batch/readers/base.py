"""What every reader shares: the byte meter and file-name stems."""

from __future__ import annotations

import os


class Meter:
    """How many input bytes the readers have consumed (the progress bar and the report's MB/s),
    and how many records of a many-document file they skipped, by why."""

    def __init__(self) -> None:
        self.bytes_read = 0
        self.skipped: dict[str, int] = {}

    def add(self, nbytes: int) -> None:
        self.bytes_read += nbytes


def stem(name: str) -> tuple[str, bool]:
    """``(name without its suffix and .gz, gzipped)``.

    >>> stem("crawl.warc.gz")
    ('crawl', True)
    """
    gz = name.lower().endswith(".gz")
    return os.path.splitext(name[:-3] if gz else name)[0], gz
