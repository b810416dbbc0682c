"""Training: the small statistical components eventwire learns from public gold data.

Each trainer is a module with ``main(data: Path, out: Path | None) -> str`` (returns a
report to print), registered in ``TRAINERS`` under the name given to
``eventwire train NAME``.  Trained files ship in ``eventwire/knowledge``.
"""

from __future__ import annotations


class Log(list[str]):
    """A trainer's report: each line printed as it is added (``log(line)``)."""

    def __call__(self, line: str) -> None:
        self.append(line)
        print(line, flush=True)


# name → module with main(); a helper adding a trainer adds one line here
TRAINERS: dict[str, str] = {
    "attribution": "eventwire.train.attribution",
    "roles": "eventwire.train.roles",
    "geo": "eventwire.train.geo",
    "muc4-scope": "eventwire.train.muc4_scope",
}
