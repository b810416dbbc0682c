"""Run time of the argument-role classifier (``models/roles/model.json``; numpy only).

The file, written by ``eventwire train roles``, holds the classes, one weight per class
for each feature name of ``eventwire.stages.events.candidates`` and the two decision
thresholds (``role``, ``drops``).  ``roles_model()`` gives None when ``EVENTWIRE_MODELS``
turns it off or the file is missing or unreadable: the rules' arguments then stand.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np

from eventwire.knowledge.files import trained

MODEL_DIR = Path(str(resources.files("eventwire.knowledge"))) / "models" / "roles"
MODEL_FILE = "model.json"
# "none" first: the candidate is no argument of the event
CLASSES = ("none", "actor_ind", "actor_org", "target", "victim", "instrument")


class RoleModel:
    """Scores candidates: features in, (role or None, probability) out."""

    def __init__(self, data: dict) -> None:
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"classes {data['classes']} are not {CLASSES}")
        self.threshold = float(data["threshold"])  # a new argument: at least this likely
        self.drop = float(data.get("drop", 2.0))  # a rule argument goes: "none" this likely
        self.weights = {k: np.asarray(v, dtype=np.float64) for k, v in data["weights"].items()}
        self.zero = np.zeros(len(CLASSES))

    def probabilities(self, features: dict[str, float]) -> np.ndarray:
        z = self.zero.copy()
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                z += value * w
        e = np.exp(z - z.max())
        return e / e.sum()

    def role(self, features: dict[str, float]) -> tuple[str | None, float]:
        """The likeliest role of a candidate when its probability reaches the threshold
        (else None), and that probability."""
        p = self.probabilities(features)
        best = int(p[1:].argmax()) + 1
        return (CLASSES[best] if p[best] >= self.threshold else None), float(p[best])

    def drops(self, features: dict[str, float]) -> bool:
        """Whether a rule argument goes: one naming no actor of the article (no pronoun
        either) that the classifier finds at least ``drop`` likely to be no argument."""
        if "actor=none" not in features or "pronoun" in features:
            return False
        return bool(self.probabilities(features)[0] >= self.drop)


@trained("roles")
def roles_model() -> RoleModel | None:
    """The shipped classifier, or None (missing or unreadable)."""
    try:
        return RoleModel(json.loads((MODEL_DIR / MODEL_FILE).read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
