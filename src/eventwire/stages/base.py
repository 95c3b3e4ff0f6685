"""What every stage may read: settings, knowledge and the model-bound gazetteer."""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import Knowledge
from ..nlp.gazetteer import Gazetteer
from ..settings import Settings


@dataclass(frozen=True)
class Resources:
    settings: Settings
    knowledge: Knowledge
    gazetteer: Gazetteer
