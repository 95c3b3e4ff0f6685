"""What every stage may read (`Resources`: settings, knowledge and the model-bound gazetteer) and
how a stage declares itself (`Stage`: what it needs and what it adds), below all stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from spacy.tokens import Doc

from ..errors import ConfigError
from ..knowledge import Knowledge
from ..nlp.gazetteer import Gazetteer
from ..settings import Settings


@dataclass(frozen=True)
class Resources:
    settings: Settings
    knowledge: Knowledge
    gazetteer: Gazetteer


@dataclass(frozen=True)
class Stage:
    """One step of the analysis: `run(doc, resources)` adds the layers in `assigns` (a stage may
    also rewrite a layer an earlier stage made, and then names it there too), reading only the
    layers in `requires`."""

    name: str
    run: Callable[[Doc, Resources], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


def check_order(stages: Sequence[Stage]) -> None:
    """Refuse, before any article is read, a list in which a stage needs a layer that no earlier
    stage adds."""
    made: set[str] = set()
    for stage in stages:
        missing = [layer for layer in stage.requires if layer not in made]
        if missing:
            raise ConfigError(f"the {stage.name} stage needs the {', '.join(missing)} layer(s), which no "
                              "earlier stage adds — put the stages that add them first")
        made.update(stage.assigns)
