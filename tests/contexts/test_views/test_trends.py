"""The trends page (charts, tables, CSV, "<5" outside the core group) and tagging records
with themes."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, ThemeTag
from mace.meetings.models import Finding
from tests.factories import UserFactory, context_made
from tests.factories.meetings import meeting_on
from tests.factories.referrals import submitted_referral
from tests.factories.trends import END, START, at, trends_city

pytestmark = pytest.mark.django_db

PERIOD = {
    "start_day": START.day,
    "start_month": START.month,
    "start_year": START.year,
    "end_day": END.day,
    "end_month": END.month,
    "end_year": END.year,
}


def _page(client, **extra):
    return client.get(reverse("contexts:trends"), {**PERIOD, **extra})


def _table(html: str, key: str) -> str:
    return re.search(rf'data-testid="table-{key}".*?</table>', html, re.S).group(0)


def _svg(html: str, key: str) -> str:
    return re.search(rf'<svg [^>]*aria-labelledby="chart-{key}-title".*?</svg>', html, re.S).group(
        0
    )


@pytest.fixture
def city():
    return trends_city()


def test_the_analyst_sees_exact_counts_in_table_chart_and_csv(city, signed_in, audited):
    user = UserFactory(role=Role.ANALYST)
    client = signed_in(user)
    html = _page(client).content.decode()
    table = _table(html, "themes")
    assert "&lt;5" not in table
    assert re.search(r"Taxi use</th>\s*<td[^>]*>2</td>\s*<td[^>]*>2</td>\s*<td[^>]*>0</td>", table)
    svg = _svg(html, "themes")
    assert "&lt;5" not in svg and "<title" in svg and "Records tagged with each theme" in svg
    assert "style=" not in svg and "<style" not in svg  # the CSP allows no inline style
    response = _page(client, csv="themes")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Theme", "Jan 2026", "Feb 2026", "Mar 2026", "Total"]
    assert ["Taxi use", "2", "2", "0", "4"] in rows and ["Snapchat", "1", "1", "1", "3"] in rows
    event = audited(Event.Verb.TRENDS_EXPORTED, actor=user)
    assert event.payload["chart"] == "themes"


def test_silver_sees_under_five_in_table_chart_and_csv(city, signed_in):
    client = signed_in(UserFactory(role=Role.SILVER))
    html = _page(client).content.decode()
    table = _table(html, "themes")
    assert re.search(
        r"Taxi use</th>\s*<td[^>]*>&lt;5</td>\s*<td[^>]*>&lt;5</td>\s*<td[^>]*>0</td>", table
    )
    assert "Total" not in table and not re.search(r"<td[^>]*>[1-4]</td>", table)
    assert 'data-testid="figure-theme_wards"' not in html  # the ward charts: core group only
    svg = _svg(html, "themes")
    assert svg.count("&lt;5") == 5  # one label per suppressed bar: 2 + 3
    assert "stroke-dasharray" in svg
    rows = list(csv.reader(io.StringIO(_page(client, csv="themes").content.decode())))
    assert rows[0] == ["Theme", "Jan 2026", "Feb 2026", "Mar 2026"]
    assert ["Taxi use", "<5", "<5", "0"] in rows
    assert all("2" not in cell for row in rows[1:] for cell in row[1:])
    assert _page(client, csv="referral_wards").status_code == 404


def test_five_or_more_is_shown_to_silver_as_it_is(city, signed_in):
    for i in range(6):
        submitted_referral(concerns=["online"], submitted_at=at(START.replace(day=3 + i)))
    client = signed_in(UserFactory(role=Role.GOLD))
    rows = list(csv.reader(io.StringIO(_page(client, csv="referral_types").content.decode())))
    assert ["Online exploitation", "6", "0", "0"] in rows
    assert ">6<" in _svg(_page(client).content.decode(), "referral_types")


@pytest.mark.parametrize(
    "role,status",
    [
        (Role.ANALYST, 200),
        (Role.COORDINATOR, 200),
        (Role.CHAIR, 200),
        (Role.SILVER, 200),
        (Role.GOLD, 200),
        (Role.MEMBER, 404),
        (Role.REFERRER, 404),
        (Role.AUDITOR, 404),
        (Role.ADMIN, 404),
    ],
)
def test_who_sees_the_trends_page(signed_in, role, status):
    client = signed_in(UserFactory(role=role))
    assert client.get(reverse("contexts:trends")).status_code == status
    assert client.get(reverse("contexts:trends"), {"csv": "themes"}).status_code == status


def test_a_period_ending_before_it_starts_is_named_and_kept(signed_in):
    client = signed_in(UserFactory(role=Role.ANALYST))
    response = _page(client, end_year=2025)
    text = response.content.decode()
    assert "The end of the period must be on or after its start" in text
    assert 'value="2025"' in text


def test_an_unknown_figure_is_not_found(signed_in):
    client = signed_in(UserFactory(role=Role.ANALYST))
    assert _page(client, csv="nothing").status_code == 404


def test_the_page_takes_the_same_queries_as_data_grows(
    city, signed_in, django_assert_max_num_queries
):
    client = signed_in(UserFactory(role=Role.ANALYST))
    with django_assert_max_num_queries(60) as few:
        _page(client)
    theme = context_made(Context.Kind.THEME, "Vapes")
    for i in range(8):
        referral = submitted_referral(concerns=["cse"], submitted_at=at(START.replace(day=2 + i)))
        ThemeTag.objects.create(theme=theme, target=referral, occurred_on=START)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _page(client)


# Tagging.


def test_the_coordinator_tags_a_finding_with_a_theme_and_a_new_one(signed_in, audited):
    user = UserFactory(role=Role.COORDINATOR)
    taxi = context_made(Context.Kind.THEME, "Taxi use", actor=user)
    meeting = meeting_on(START)
    finding = Finding.objects.create(meeting=meeting, kind="theme", description="Taxis at night")
    client = signed_in(user)
    run = client.get(reverse("meetings:run", args=[meeting.pk])).content.decode()
    url = reverse("contexts:theme_tag", args=[f"finding:{finding.pk}"])
    assert url in run
    response = client.post(url, {"themes": [str(taxi.pk)], "new_theme": "Snapchat"})
    assert response.status_code == 302
    tags = ThemeTag.objects.filter(target_id=finding.pk)
    assert sorted(t.theme.name for t in tags) == ["Snapchat", "Taxi use"]
    assert {t.occurred_on for t in tags} == {START}
    assert Context.objects.get(name="Snapchat").kind == Context.Kind.THEME
    audited(Event.Verb.THEME_TAGGED, actor=user, count=2)


def test_the_coordinator_tags_a_referral_from_triage(signed_in):
    user = UserFactory(role=Role.COORDINATOR)
    theme = context_made(Context.Kind.THEME, "County lines: the Leeds to Hull line")
    referral = submitted_referral(submitted_at=at(START))
    client = signed_in(user)
    triage = client.get(reverse("triage:detail", args=[referral.pk])).content.decode()
    url = reverse("contexts:theme_tag", args=[f"referral:{referral.pk}"])
    assert url in triage
    assert client.post(url, {"themes": [str(theme.pk)]}).status_code == 302
    assert ThemeTag.objects.get(target_id=referral.pk).occurred_on == START


def test_choosing_nothing_is_named(signed_in):
    user = UserFactory(role=Role.ANALYST)
    place = context_made(Context.Kind.PLACE, actor=user)
    context_made(Context.Kind.THEME, actor=user)
    url = reverse("contexts:theme_tag", args=[f"context:{place.pk}"])
    response = signed_in(user).post(url, {"themes": []})
    assert "Choose a theme, or name a new one" in response.content.decode()
    assert not ThemeTag.objects.exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SILVER, Role.REFERRER])
def test_only_recorders_tag(signed_in, role):
    place = context_made(Context.Kind.PLACE)
    client = signed_in(UserFactory(role=role))
    url = reverse("contexts:theme_tag", args=[f"context:{place.pk}"])
    assert client.get(url).status_code == 404


def test_a_referral_the_chair_may_not_triage_is_not_found(signed_in):
    referral = submitted_referral(submitted_at=at(START))
    client = signed_in(UserFactory(role=Role.CHAIR))
    url = reverse("contexts:theme_tag", args=[f"referral:{referral.pk}"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("contexts:theme_tag", args=["nonsense:1"])).status_code == 404


def test_a_theme_named_with_dollar_signs_is_text_not_mathematics(signed_in):
    from mace.contexts.models import Context as _Context
    from mace.contexts.services.themes import theme_tag as _tag
    from tests.factories import analyst as _analyst
    from tests.factories import context_made as _made

    user = _analyst()
    theme = _made(_Context.Kind.THEME, "$5 deals $ and $^", actor=user)
    _tag(actor=user, theme=theme, target=_made(name="Corner shop", actor=user))
    response = signed_in(user).get(reverse("contexts:trends"))
    assert response.status_code == 200
