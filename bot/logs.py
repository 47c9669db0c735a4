"""Log set-up: one line per event on stderr, as text or as JSON objects (`--log-format json`)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

# Fields passed with `extra=` that belong in the JSON line (ids to follow an article from fetch to post; the
# poll interval a feed's fetch claimed).
_CONTEXT = ("source", "channel", "delivery", "article", "articles", "window", "job", "interval")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key in _CONTEXT:
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(*, json_lines: bool = False, verbose: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic", "trafilatura", "slack_bolt", "discord"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # slack-sdk's debug lines carry whole answers, an OAuth exchange's bot token among them: never shown.
    logging.getLogger("slack_sdk").setLevel(logging.INFO)
