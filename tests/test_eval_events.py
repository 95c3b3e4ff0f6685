"""Scoring events against gold, on hand-made records (no model): types, dyads one to one,
accepted alternatives, optional events and the false-positive rate."""

import pytest

from eventwire.errors import InputError
from eventwire.evaluate.events import _sentence, _Tally, gold_events


def _gold(*events, optional=(), phenomenon=None):
    record = {"events": list(events), "optional_events": list(optional), "phenomenon": phenomenon}
    return gold_events(record, "test:1")


def _event(plover, actor=(), recipient=(), reciprocal=False, alt=()):
    return {"plover": plover, "plover_alt": list(alt), "reciprocal": reciprocal,
            "source_actors": [{"country": c} for c in actor], "target_actors": [{"country": c} for c in recipient]}


def _pred(type_, actor=(), recipient=(), reciprocal=False):
    return {"type": type_, "actor": frozenset(actor), "recipient": frozenset(recipient), "reciprocal": reciprocal}


def test_eval_events_a_right_dyad_counts_for_type_and_dyad():
    s = _sentence(_gold(_event("ACCUSE", ["KEN"], ["UGA"])), [_pred("ACCUSE", ["KEN"], ["UGA"])])
    assert s["tp"] == {"ACCUSE"} and not s["fp"] and not s["fn"]
    assert s["dyads"] == 1 and s["predicted_events"] == 1 and s["gold_events"] == 1


def test_eval_events_the_claimed_event_is_a_false_type_and_a_false_dyad():
    # "Kenya accused Uganda of shelling the town": ASSAULT is the claim, not the event
    s = _sentence(_gold(_event("ACCUSE", ["KEN"], ["UGA"])), [_pred("ASSAULT", ["UGA"], [])])
    assert s["fp"] == {"ASSAULT"} and s["fn"] == {"ACCUSE"} and s["dyads"] == 0


def test_eval_events_one_prediction_matches_one_gold_event_for_dyad_f1():
    gold = _gold(_event("CONSULT", ["FRA"], ["DEU"]), _event("CONSULT", ["FRA"], ["DEU"]))
    s = _sentence(gold, [_pred("CONSULT", ["FRA"], ["DEU"])])
    assert s["dyads"] == 1 and s["fitted"] == 2  # F1 one to one; the old accuracy counts both


def test_eval_events_reciprocal_events_match_either_way_and_igo_codes_are_one_family():
    s = _sentence(_gold(_event("CONSULT", ["UNO"], ["MLI"], reciprocal=True)), [_pred("CONSULT", ["MLI"], ["IGO"])])
    assert s["dyads"] == 1


def test_eval_events_an_accepted_alternative_type_is_the_gold_type():
    s = _sentence(_gold(_event("SANCTION", ["BGD"], ["BGD"], alt=["COERCE"])), [_pred("COERCE", ["BGD"], ["BGD"])])
    assert s["tp"] == {"SANCTION"} and not s["fp"] and s["dyads"] == 1


def test_eval_events_an_optional_event_is_neither_rewarded_nor_penalised():
    gold = _gold(_event("REJECT", ["COD"], ["RWA"]), optional=[_event("ACCUSE", ["RWA"], ["COD"])])
    s = _sentence(gold, [_pred("REJECT", ["COD"], ["RWA"]), _pred("ACCUSE", ["RWA"], ["COD"])])
    assert s["tp"] == {"REJECT"} and not s["fp"] and s["predicted_events"] == 1


def test_eval_events_false_positive_rate_and_phenomena():
    tally = _Tally()
    tally.add(_sentence(_gold(phenomenon="non_events"), [_pred("ASSAULT", ["BRA"], ["ARG"])]))
    tally.add(_sentence(_gold(phenomenon="non_events"), []))
    tally.add(_sentence(_gold(_event("PROTEST", ["CHL"], [])), [_pred("PROTEST", ["CHL"], [])]))
    figures = tally.figures()
    assert figures["false_positive_rate"] == 0.5 and figures["sentences_without_events"] == 2
    assert figures["dyads"]["precision"] == 0.5 and figures["dyads"]["recall"] == 1.0


def test_eval_events_a_gold_event_without_a_plover_type_is_refused():
    with pytest.raises(InputError, match="test:1: event 1 has no PLOVER type"):
        _gold({"plover": "ATTACK"})


def test_eval_events_dates_are_scored_where_the_gold_gives_them():
    promise = dict(_event("AGREE", ["GHA"]), date="2024-03-11")
    right = dict(_pred("AGREE", ["GHA"]), date="2024-03-11")
    content = dict(_pred("AGREE", ["GHA"]), date="2025")  # the promised referendum's year
    at_four = dict(_pred("AGREE", ["GHA"]), date="2024-03-11T04:00")
    assert _sentence(_gold(promise), [right])["dated_right"] == 1
    assert _sentence(_gold(promise), [content])["dated_right"] == 0
    assert _sentence(_gold(promise), [at_four])["dated_right"] == 1
    missed = _sentence(_gold(promise), [])
    assert missed["dated"] == 1 and missed["dated_right"] == 0
    tally = _Tally()
    tally.add(_sentence(_gold(promise), [right]))
    tally.add(missed)
    assert tally.figures()["date_accuracy"] == 0.5
    assert _Tally().figures()["date_accuracy"] is None
