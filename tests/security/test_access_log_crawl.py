"""Every page that names a child writes the access log: a crawl of the seeded demo as each
demo user.

The demo city is seeded as `mace demo` seeds it (smaller). Each demo user signs in and follows
every link from their home page, breadth first, fetching up to MAX_PER_ROUTE pages of each URL
pattern. For every HTML page, each child whose full name or id appears in the response must
have an access-log row for that user written by that same request. A page that names a child
without logging the read fails here, whichever view or template it comes from.

A referral's own text is not a read of a child's record: a referrer's own referrals show the
names the referrer typed, and a referral not yet linked to a child (before triage) names no
known child, whatever name it gives. Those names are left out of the check; a linked
referral names its child, and that is checked.
"""

from __future__ import annotations

import html
import re
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve

from mace.accounts.models import Role, User
from mace.audit.models import Event
from mace.demo.referrals import demo_referrals_ensure
from mace.demo.users import PRACTITIONER, demo_email, ensure_demo_users, meeting_email
from mace.people.models import Child
from mace.referrals.models import Referral

pytestmark = pytest.mark.django_db

PASSWORD = "crawl-password-for-tests"
CHILDREN = 120
SEED = 2026
MAX_PER_ROUTE = 3
MAX_PAGES = 600
# Not pages: documents the crawl cannot read as text (PDFs; exports are audited as exports),
# and the Django admin, which the service does not link to.
SKIP = re.compile(r"(\.pdf|\.csv|\.ics|\.docx|/export/?|^/admin/|^/static/|/sign-out/)")
HREF = re.compile(r"""href="([^"#]*)""")

USERS = [demo_email(role) for role in Role.values] + [
    meeting_email("social-work"),
    meeting_email("health", "deputy"),
    meeting_email(PRACTITIONER[0], "practitioner"),
]
# These users see children in the demo: their crawl must find some, or it checked nothing.
SEE_CHILDREN = {
    demo_email(Role.COORDINATOR),
    demo_email(Role.CHAIR),
    demo_email(Role.ANALYST),
    demo_email(Role.MEMBER),
}


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo as `mace demo` makes it, once for the module, rolled back after."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            MACE_DEMO_PASSWORD=PASSWORD,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ),
        transaction.atomic(),
    ):
        ensure_demo_users(password=PASSWORD)
        call_command("seed", children=CHILDREN, seed=SEED, verbosity=0)
        ensure_demo_users(password=PASSWORD)
        demo_referrals_ensure(seed=SEED)
        yield
        transaction.set_rollback(True)


class ChildFinder:
    """Which children a page names, by full name (whole words) or by id."""

    def __init__(self, *, exclude_names: set[str]):
        self.ids_by_name: dict[str, set[str]] = {}
        self.ids: set[str] = set()
        for child in Child.objects.all():
            child_id = str(child.pk)
            self.ids.add(child_id)
            if child.full_name not in exclude_names:
                self.ids_by_name.setdefault(child.full_name, set()).add(child_id)
        names = sorted(self.ids_by_name, key=len, reverse=True)
        self.name_pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
        self.id_pattern = re.compile(
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )

    def named(self, text: str) -> list[tuple[str, set[str]]]:
        """(what appeared, the children it may be) for each mention; a name shared by two
        children is satisfied by a log row for either."""
        found = {
            (name, frozenset(self.ids_by_name[name])) for name in self.name_pattern.findall(text)
        }
        found |= {(i, frozenset({i})) for i in self.id_pattern.findall(text) if i in self.ids}
        return [(what, set(ids)) for what, ids in found]


def _referral_text_names(user: User) -> set[str]:
    """Names typed on the user's own referrals, and on referrals linked to no child yet."""
    typed = Referral.objects.filter(Q(referrer=user) | Q(child__isnull=True))
    return {
        f"{given} {family}".strip()
        for given, family in typed.values_list("child_given_name", "child_family_name")
    }


def _last_event_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _crawl(client: Client, user: User, finder: ChildFinder):
    queue, queued = deque(["/"]), {"/"}
    per_route: Counter[str] = Counter()
    pages, named_total, failures = 0, 0, []
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        if SKIP.search(path):
            continue
        try:
            route = resolve(path).route
        except Resolver404:
            continue
        if per_route[route] >= MAX_PER_ROUTE:
            continue
        per_route[route] += 1
        before = _last_event_id()
        response = client.get(url)
        links = []
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            links = [response["Location"]]
        elif response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            pages += 1
            text = html.unescape(response.content.decode())
            logged = {
                str(child_id)
                for child_id in Event.objects.filter(id__gt=before, actor=user)
                .exclude(child_id=None)
                .values_list("child_id", flat=True)
            }
            for what, ids in finder.named(text):
                named_total += 1
                if not ids & logged:
                    failures.append((route, url, what))
            links = HREF.findall(response.content.decode())
        for link in links:
            target = urljoin(url, html.unescape(link))
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in queued:
                queued.add(local)
                queue.append(local)
    return pages, named_total, failures


@pytest.mark.slow_demo
@pytest.mark.parametrize("email", USERS)
def test_every_page_that_names_a_child_logged_it(demo_city, email, settings):
    settings.MACE_WAIVE_2FA = True
    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    finder = ChildFinder(exclude_names=_referral_text_names(user))
    pages, named_total, failures = _crawl(client, user, finder)
    assert pages >= 1, f"{email}: the crawl reached no page"
    if email in SEE_CHILDREN:
        assert named_total > 0, f"{email}: no page named a child, so nothing was checked"
    by_route: dict[str, list[str]] = {}
    for route, url, what in failures:
        by_route.setdefault(route, []).append(f"{url} names {what}")
    report = [
        f"{route}: {len(found)} unlogged, e.g. {found[0]}" for route, found in by_route.items()
    ]
    assert failures == [], f"{email}: pages name children without logging them:\n" + "\n".join(
        report
    )


def test_no_view_writes_the_access_log_itself():
    """Reads are logged by the selectors that return the rows (ARCHITECTURE §4), so that no
    page can show a child and forget to log it: no views module calls the access log."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "mace"
    views = [*src.glob("*/views.py"), *src.glob("*/views/*.py")]
    assert views
    offenders = [
        str(path.relative_to(src))
        for path in views
        if "access_record" in path.read_text() or "rows_shown" in path.read_text()
    ]
    assert offenders == []
