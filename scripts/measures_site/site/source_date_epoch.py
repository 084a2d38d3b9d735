"""The build is dated by the data's last change (sitemap lastmod, gzip mtime), not the clock."""

from __future__ import annotations

import datetime
import os

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


class SourceDateEpoch:
    """Sets SOURCE_DATE_EPOCH from the data's `last_updated`.

    A SOURCE_DATE_EPOCH given by the caller is honoured; one set here on an earlier
    `mkdocs serve` rebuild follows the data.
    """

    def __init__(self) -> None:
        self._epoch_set_here: str | None = None

    def follow(self, day: datetime.date) -> None:
        current = os.environ.get(SOURCE_DATE_EPOCH)
        if current is not None and current != self._epoch_set_here:
            return
        epoch = str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp()))
        os.environ[SOURCE_DATE_EPOCH] = self._epoch_set_here = epoch
