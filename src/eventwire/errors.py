"""Errors a user can cause, each with a number and a one-line message naming the input."""

from __future__ import annotations


class EventwireError(Exception):
    """Base of errors shown to users as one line, without a traceback."""

    code = "E000"

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"


class InputError(EventwireError):
    """The input cannot be read as a news article (empty, binary, too large…)."""

    code = "E001"


class LanguageError(InputError):
    """The article is not in a language eventwire extracts from."""

    code = "E002"


class FetchError(InputError):
    """A URL could not be fetched."""

    code = "E003"


class FetchRefused(FetchError):
    """A URL whose host is no public address (loopback, private, link-local…) and is not
    allowed (``ingest.destinations``)."""


class StageError(EventwireError):
    """An extraction stage failed on an article; names the stage."""

    code = "E100"


class TimeLimitError(StageError):
    """Extracting an article took longer than the time limit (``--timeout``)."""

    code = "E101"


class PipelineError(EventwireError, ValueError):
    """The stages given to an Extractor do not fit together (a requirement no earlier
    stage assigns, an unknown field, two stages of one name); names the stage."""

    code = "E103"


class WorkerError(EventwireError):
    """The worker process extracting an article died (killed, out of memory)."""

    code = "E102"


class ClusterError(EventwireError):
    """A Dask cluster (``--cluster``) cannot be used: a bad spec, Dask missing, no scheduler."""

    code = "E104"
