"""The dashboard pages: who may open each (every role), the period form, the charts and
tables, the CSV (exactly the table the page shows, logged), the drill-down page, and the
links to the dashboards."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.governance.selectors.dashboards import dashboard_for
from tests.factories.dashboards import END, GOLD_START, START

pytestmark = pytest.mark.django_db

OPENS = {
    "mace": {Role.COORDINATOR, Role.CHAIR, Role.ANALYST},
    "silver": {Role.COORDINATOR, Role.CHAIR, Role.ANALYST, Role.SILVER},
    "gold": {Role.COORDINATOR, Role.CHAIR, Role.ANALYST, Role.SILVER, Role.GOLD},
}
GOLD_PERIOD = {"start": GOLD_START.isoformat(), "end": END.isoformat()}
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}


@pytest.fixture
def no_charts(monkeypatch):
    """The pages without matplotlib (the access tests need only the status)."""
    monkeypatch.setattr("mace.governance.views.dashboards.figure_svg", lambda figure: "")


FIGURE = {"mace": "referrals", "silver": "themes", "gold": "scale_level"}


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("audience", ["mace", "silver", "gold"])
def test_who_opens_each_dashboard(make_user, signed_in, no_charts, role, audience):
    client = signed_in(make_user(role))
    expected = 200 if role in OPENS[audience] else 404
    assert client.get(reverse("governance:dashboard", args=[audience])).status_code == expected
    csv_url = reverse("governance:dashboard_csv", args=[audience, FIGURE[audience]])
    assert client.get(csv_url).status_code == expected
    drill = reverse("governance:dashboard_children", args=[audience, FIGURE[audience]])
    assert client.get(drill, {"row": "Nothing", "col": "Nothing"}).status_code == 404


def test_no_other_dashboard(make_user, signed_in):
    client = signed_in(make_user(Role.COORDINATOR))
    assert client.get("/governance/dashboards/bronze/").status_code == 404


def test_the_gold_page_names_the_escalated_child_and_counts_the_others(city, signed_in):
    response = signed_in(city.gold).get(reverse("governance:dashboard", args=["gold"]), GOLD_PERIOD)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="suppression-note"' in page
    assert "Bryn Wrenfold" in page  # escalated to Gold
    assert "Quillfeather" not in page  # Amber: at high risk, only counted
    assert "Harrowgate" not in page  # Dylan: his escalation closed
    # Every figure has its chart (SVG the CSP allows) and its table.
    for key in ("scale_level", "disp_ethnicity", "vulnerable"):
        assert f'data-testid="table-{key}"' in page
    assert page.count("<svg") >= 10
    assert 'style="' not in page.split('data-testid="figure-scale_level"')[1].split("</section>")[0]
    event = Event.objects.get(verb=Event.Verb.DASHBOARD_VIEWED, actor=city.gold)
    assert event.payload["dashboard"] == "gold" and event.payload["suppressed"] is True


def test_the_core_group_reads_exact_figures_with_links_to_the_children(city, signed_in):
    response = signed_in(city.coordinator).get(
        reverse("governance:dashboard", args=["gold"]), GOLD_PERIOD
    )
    page = response.content.decode()
    assert 'data-testid="exact-note"' in page
    drill = reverse("governance:dashboard_children", args=["gold", "scale_level"])
    assert f'href="{drill}?start=2025-10-01&amp;end=2026-03-31&amp;row=Medium&amp;col=Jan' in page


def test_a_period_that_is_not_one_is_an_error_not_a_crash(city, signed_in):
    client = signed_in(city.silver)
    url = reverse("governance:dashboard", args=["silver"])
    response = client.get(
        url,
        {
            "start_day": "31",
            "start_month": "2",
            "start_year": "2026",
            "end_day": "1",
            "end_month": "1",
            "end_year": "2026",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "From must be a real date" in page
    assert "govuk-error-summary" in page
    later = client.get(url, {"start": "2026-03-01", "end": "2026-01-01"})
    assert "The end of the period must be on or after its start" in later.content.decode()
    future = client.get(url, {"start": "2026-01-01", "end": "2026-05-01"})
    assert "cannot be in the future" in future.content.decode()


def test_the_period_chosen_is_shown(city, signed_in):
    response = signed_in(city.chair).get(reverse("governance:dashboard", args=["mace"]), PERIOD)
    page = response.content.decode()
    assert "from 1 January 2026 to 31 March 2026" in page
    assert "Jan 2026" in page and "Apr 2026" not in page


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("who", ["gold", "coordinator"])
def test_the_csv_is_the_table_the_page_shows(city, signed_in, who):
    user = getattr(city, who)
    url = reverse("governance:dashboard_csv", args=["gold", "scale_level"])
    response = signed_in(user).get(url, GOLD_PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "mace-gold-scale_level-20251001-20260331.csv" in response["Content-Disposition"]
    board = dashboard_for(user=user, audience="gold", start=GOLD_START, end=END)
    assert _csv(response) == board.figure("scale_level").table.rows()
    if who == "coordinator":
        assert _csv(response)[1] == ["High", "1", "2", "3"]
    else:
        assert _csv(response)[1][:3] == ["High", "<5", "<5"]
    event = Event.objects.get(verb=Event.Verb.FIGURE_EXPORTED, actor=user)
    assert event.payload == {
        "dashboard": "gold",
        "from": "2025-10-01",
        "to": "2026-03-31",
        "suppressed": who == "gold",
        "figure": "scale_level",
    }


def test_the_disproportionality_csv(city, signed_in):
    url = reverse("governance:dashboard_csv", args=["gold", "disp_sex"])
    rows = _csv(signed_in(city.chair).get(url, GOLD_PERIOD))
    assert rows[1] == ["Female", "3", "50.0%", "480", "48.0%", "1.04"]


def test_no_csv_of_a_figure_that_is_not_there(city, signed_in):
    url = reverse("governance:dashboard_csv", args=["gold", "plan_rag"])  # Silver's
    assert signed_in(city.gold).get(url, GOLD_PERIOD).status_code == 404
    assert not Event.objects.filter(verb=Event.Verb.FIGURE_EXPORTED).exists()


def test_the_drill_down_page_lists_the_children_for_a_coordinator(city, signed_in):
    url = reverse("governance:dashboard_children", args=["gold", "scale_level"])
    response = signed_in(city.coordinator).get(
        url, {**GOLD_PERIOD, "row": "Medium", "col": "Jan–Mar 2026"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Cara Dunmorrow", "Dylan Harrowgate", "Esme Yarrowby"):
        assert name in page
    assert "Quillfeather" not in page
    assert (
        Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED, actor=city.coordinator).count() == 3
    )


@pytest.mark.parametrize("who", ["silver", "gold"])
def test_the_drill_down_is_404_for_silver_and_gold_on_a_child_not_escalated_to_them(
    city, signed_in, who
):
    url = reverse("governance:dashboard_children", args=["gold", "scale_level"])
    response = signed_in(getattr(city, who)).get(
        url, {**GOLD_PERIOD, "row": "Medium", "col": "Jan–Mar 2026"}
    )
    assert response.status_code == 404
    assert "Dunmorrow" not in response.content.decode()
    assert not Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED).exists()


def test_the_drill_down_page_for_gold(city, signed_in):
    # Two children escalated to Gold: a "<5" Gold may not follow, the coordinator may.
    url = reverse("governance:dashboard_children", args=["gold", "vulnerable"])
    query = {**GOLD_PERIOD, "row": "Escalated to Gold", "col": "Children"}
    assert signed_in(city.gold).get(url, query).status_code == 404
    response = signed_in(city.coordinator).get(url, query)
    assert response.status_code == 200
    assert "Bryn Wrenfold" in response.content.decode()


def test_the_links_to_the_dashboards(city, signed_in):
    gold_home = signed_in(city.gold).get(reverse("web:home")).content.decode()
    assert reverse("governance:dashboard", args=["gold"]) in gold_home
    assert reverse("governance:dashboard", args=["silver"]) not in gold_home
    silver = signed_in(city.silver)
    silver_home = silver.get(reverse("web:home")).content.decode()
    for audience in ("silver", "gold"):
        assert reverse("governance:dashboard", args=[audience]) in silver_home
    plan = silver.get(reverse("governance:plan")).content.decode()
    nav = plan.split('data-testid="governance-nav"')[1].split("</ul>")[0]
    assert "Silver dashboard" in nav and "MACE dashboard" not in nav
    analyst_home = signed_in(city.analyst).get(reverse("web:home")).content.decode()
    assert reverse("governance:dashboard", args=["mace"]) in analyst_home  # the header
