"""The cohort search by name (docs/adr/0024-speed-at-100k.md): which children it finds, that
each child shown is logged, and on PostgreSQL that its query can use the trigram indexes
instead of reading every child."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.selectors import children_page_for_user, children_search
from tests.factories import ChildAliasFactory, ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return {
        "amara": ChildFactory(
            given_name="Amara", family_name="Okonkwo", preferred_name="", case_system_id="LCS-1"
        ),
        "kayden": ChildFactory(
            given_name="Kayden",
            family_name="Brierley",
            preferred_name="Kay",
            case_system_id="LCS-22",
        ),
        "ola": ChildFactory(given_name="Ola", family_name="Smithson", case_system_id="LCS-222"),
        "jo": ChildFactory(given_name="Joanne", family_name="Smith", case_system_id=""),
    }


def _found(user, query: str) -> set[str]:
    return {c.given_name for c in children_search(user=user, query=query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("okonkwo", {"Amara"}),  # family name, any case
        ("KONK", {"Amara"}),  # part of a name
        ("smith", {"Ola", "Joanne"}),  # anywhere in the name
        ("kay", {"Kayden"}),  # given and preferred name alike
        ("lcs-22", {"Kayden"}),  # the whole case-system ID, any case, never a part of it
        ("LCS-2", set()),
        ("Joanne Smith", {"Joanne"}),  # every word must match
        ("Amara Smith", set()),
        ("", {"Amara", "Kayden", "Ola", "Joanne"}),
        ("zzz", set()),
    ],
)
def test_the_search_finds_names_parts_of_names_and_whole_case_ids(
    cohort, make_user, query, expected
):
    assert _found(make_user(Role.COORDINATOR), query) == expected


def test_an_alias_finds_the_child_once_and_each_word_may_match_an_alias_or_a_name(
    cohort, make_user
):
    ChildAliasFactory(child=cohort["amara"], name="Little Bee")
    ChildAliasFactory(child=cohort["amara"], name="Beebee")
    ChildAliasFactory(child=cohort["ola"], name="Smudge")
    user = make_user(Role.COORDINATOR)
    assert [c.given_name for c in children_search(user=user, query="bee")] == ["Amara"]
    assert _found(user, "Little") == {"Amara"}
    assert _found(user, "okonkwo beebee") == {"Amara"}  # a name and an alias
    assert _found(user, "little beebee") == {"Amara"}  # two of the child's aliases
    assert _found(user, "smudge") == {"Ola"}
    assert _found(user, "smudge bee") == set()


def test_a_restricted_record_found_by_a_search_is_locked_and_logged_as_such(cohort, make_user):
    cohort["ola"].restricted = True
    cohort["ola"].save()
    user = make_user(Role.COORDINATOR)
    page = children_page_for_user(user=user, query="smith")
    assert {(c.given_name, c.locked) for c in page.object_list} == {
        ("Ola", True),
        ("Joanne", False),
    }
    listed = Event.objects.filter(actor=user, verb=Event.Verb.CHILDREN_LISTED)
    assert [e.child_id for e in listed] == [cohort["jo"].pk]
    assert listed.get().payload == {"query": "smith"}
    locked = Event.objects.get(actor=user, verb=Event.Verb.RESTRICTED_LISTED)
    assert locked.child_id == cohort["ola"].pk


def test_the_search_page_logs_each_child_shown(cohort, make_user, signed_in):
    user = make_user(Role.COORDINATOR)
    response = signed_in(user).get(reverse("people:child_list"), {"q": "smith"})
    assert response.status_code == 200
    logged = Event.objects.filter(actor=user, verb=Event.Verb.CHILDREN_LISTED)
    assert {e.child_id for e in logged} == {cohort["ola"].pk, cohort["jo"].pk}


def test_the_search_takes_the_same_queries_for_few_matches_as_for_many(make_user, signed_in):
    client = signed_in(make_user(Role.COORDINATOR))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("people:child_list"), {"q": "Walsh"}).status_code == 200
        return len(ctx.captured_queries)

    for child in ChildFactory.create_batch(2, family_name="Walsh"):
        ChildAliasFactory(child=child, name="Walshy")
    few = queries()
    for child in ChildFactory.create_batch(30, family_name="Walsh"):
        ChildAliasFactory(child=child, name="Walshy")
    assert queries() == few


# PostgreSQL: the query's shape is one the trigram indexes serve -------------------------


def _plan(queryset) -> str:
    """EXPLAIN of the queryset with sequential and plain index scans priced out: a tiny test
    table would otherwise be read whole whatever the indexes. Bitmap scans need a condition
    an index serves: if one part of the OR could not be served (its expression differs from
    the index's), the plan falls back to a Seq Scan."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    return plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL only")
def test_on_postgresql_the_search_uses_the_trigram_indexes(cohort, make_user):
    ChildAliasFactory(child=cohort["amara"], name="Little Bee")
    user = make_user(Role.COORDINATOR)
    plan = _plan(children_search(user=user, query="okonkwo"))
    assert "Seq Scan on people_child" not in plan, plan
    for index in (
        "people_child_given_name_trgm",
        "people_child_family_name_trgm",
        "people_child_preferred_name_trgm",
        "people_child_case_system_id_upper",
    ):
        assert index in plan, plan
    from mace.people.models import ChildAlias

    alias_plan = _plan(ChildAlias.objects.filter(name__icontains="bee").values("child_id"))
    assert "people_childalias_name_trgm" in alias_plan, alias_plan
