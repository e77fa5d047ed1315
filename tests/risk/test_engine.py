"""The tool's rules: monotone, one high indicator is enough, prompts fire."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mace.risk import engine
from mace.risk.catalogues import BUNDLED, parse_catalogue
from mace.risk.models.assessment import GRADE_RANK, LEVEL_RANK

CONTENT = parse_catalogue(BUNDLED.read_text())
CODES = engine.indicator_codes(CONTENT)
GRADES = list(GRADE_RANK)

grades_strategy = st.fixed_dictionaries({code: st.sampled_from(GRADES) for code in CODES})


@settings(max_examples=300, deadline=None)
@given(grades=grades_strategy, code=st.sampled_from(CODES), data=st.data())
def test_raising_any_indicator_never_lowers_the_proposed_level(grades, code, data):
    before, _ = engine.propose_level(CONTENT, grades)
    higher = [g for g in GRADES if GRADE_RANK[g] >= GRADE_RANK[grades[code]]]
    raised = {**grades, code: data.draw(st.sampled_from(higher))}
    after, _ = engine.propose_level(CONTENT, raised)
    assert LEVEL_RANK[after] >= LEVEL_RANK[before]


@settings(max_examples=100, deadline=None)
@given(grades=grades_strategy)
def test_the_level_is_high_whenever_any_indicator_is_high(grades):
    level, _ = engine.propose_level(CONTENT, grades)
    if "high" in grades.values():
        assert level == "high"


def test_nothing_present_proposes_no_apparent_risk():
    level, reasons = engine.propose_level(CONTENT, dict.fromkeys(CODES, "not_present"))
    assert level == "none"
    assert reasons == []


def test_one_high_indicator_is_enough():
    level, reasons = engine.propose_level(CONTENT, {"money.debt": "high"})
    assert level == "high"
    assert reasons == ["Any indicator graded high (one high indicator can be enough)"]


def test_medium_in_four_domains_makes_high():
    grades = {
        "missing.episodes": "medium",
        "education.attendance": "medium",
        "money.unexplained": "medium",
        "online.secretive": "medium",
    }
    assert engine.propose_level(CONTENT, grades)[0] == "high"
    grades.pop("online.secretive")
    assert engine.propose_level(CONTENT, grades)[0] == "medium"


def test_five_low_indicators_make_medium():
    codes = CODES[:5]
    assert engine.propose_level(CONTENT, dict.fromkeys(codes, "low"))[0] == "medium"
    assert engine.propose_level(CONTENT, dict.fromkeys(codes[:4], "low"))[0] == "low"


def test_under_13_and_learning_disability_prompt_a_social_work_referral():
    codes = lambda **kw: [p["code"] for p in engine.fired_prompts(CONTENT, grades={}, **kw)]  # noqa: E731
    assert codes(age=12, learning_disability=False) == ["under_13"]
    assert codes(age=13, learning_disability=False) == []
    assert codes(age=15, learning_disability=True) == ["learning_disability"]
    assert codes(age=None, learning_disability=False) == []
