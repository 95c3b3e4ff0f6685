"""What every stage may read: settings, knowledge and the model-bound gazetteer."""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import Gazetteer
from .knowledge import Knowledge
from .settings import Settings


@dataclass(frozen=True)
class Resources:
    settings: Settings
    knowledge: Knowledge
    gazetteer: Gazetteer
