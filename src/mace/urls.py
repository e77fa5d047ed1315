from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from mace.audit import urls as audit_urls
from mace.casefile import urls as casefile_urls
from mace.people import urls as people_urls
from mace.risk import task_urls as risk_task_urls
from mace.risk import urls as risk_urls
from mace.web import views as web_views

admin.site.site_header = "MACE administration"
admin.site.site_title = "MACE administration"


def shared(namespace: str, *patterns: list) -> tuple:
    """One URL namespace served by several apps: the casefile's pages keep the names they
    had when a domain app served them (``people:child_detail``, ``risk:chronology``,
    ``tasks:list``, ``web:home``)."""
    return include(([p for group in patterns for p in group], namespace))


urlpatterns = [
    path("", shared("web", casefile_urls.home_urlpatterns)),
    path("healthz", web_views.healthz, name="healthz"),
    path("account/", include("mace.accounts.urls")),
    path("children/", shared("people", people_urls.urlpatterns, casefile_urls.child_urlpatterns)),
    path(
        "children/<uuid:child_id>/",
        shared("risk", risk_urls.urlpatterns, casefile_urls.record_urlpatterns),
    ),
    path("tasks/", shared("tasks", casefile_urls.task_urlpatterns, risk_task_urls.urlpatterns)),
    path("refer/", include("mace.referrals.refer_urls")),
    path("referrals/", include("mace.referrals.urls")),
    path("triage/", include("mace.referrals.triage_urls")),
    path("meetings/", include(("mace.meetings.urls", "meetings"))),
    path("contexts/", include("mace.contexts.urls")),
    path("governance/", include("mace.governance.urls")),
    path("audit/", shared("audit", audit_urls.urlpatterns, casefile_urls.audit_urlpatterns)),
    path("administration/", include("mace.administration.urls")),
    path("invitation/", include("mace.administration.invitation_urls")),
    # The admin signs in through the service's own sign-in (second factor and lockout).
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]

handler403 = "mace.web.views.error_403"
handler404 = "mace.web.views.error_404"
handler500 = "mace.web.views.error_500"
