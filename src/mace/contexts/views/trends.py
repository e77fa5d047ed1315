"""Themes and trends: tagging a record with themes, and the trends page (charts, tables,
CSV)."""

from __future__ import annotations

import io
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.contexts.charts import MOST_SERIES, chart_svg
from mace.contexts.forms.trends import ThemeTagForm
from mace.contexts.models import Context, ThemeTag
from mace.contexts.permissions import can_record_contexts
from mace.contexts.selectors.trends import (
    CHART_KEYS,
    default_period,
    may_see_trends,
    trends_for,
)
from mace.contexts.selectors.visibility import context_get_for_user, contexts_visible_to
from mace.contexts.services.records import context_open
from mace.contexts.services.themes import theme_tag
from mace.core import csvsafe
from mace.web.forms import PeriodForm, attach_errors

# Tagging.


def _target_of(*, user, target: str):
    """The record named by ``kind:uuid``, fetched through its own app's selectors (so the
    user may see it), with its label and the page to go back to."""
    kind, _, raw = target.partition(":")
    try:
        pk = uuid.UUID(raw)
    except ValueError:
        raise Http404("No record found") from None
    if kind == "referral":
        from mace.referrals.selectors.referrals import referral_get_for_triage

        referral = referral_get_for_triage(user=user, referral_id=pk)
        return (
            referral,
            f"Referral {referral.reference}",
            reverse("triage:detail", args=[referral.pk]),
        )
    if kind in ("finding", "discussion"):
        from mace.meetings.models import Discussion, Finding
        from mace.meetings.selectors.agenda import items_visible_to, meeting_get_for_user

        model = Finding if kind == "finding" else Discussion
        row = (
            model.objects.filter(pk=pk)
            .select_related("meeting" if kind == "finding" else "item__meeting")
            .first()
        )
        if row is None:
            raise Http404("No record found")
        meeting_id = row.meeting_id if kind == "finding" else row.item.meeting_id
        meeting = meeting_get_for_user(user=user, meeting_id=meeting_id)
        if kind == "discussion":
            if not items_visible_to(user, meeting).filter(pk=row.item_id).exists():
                raise Http404("No record found")
            label = f"A discussion at {meeting.title}, {meeting.date:%-d %B %Y}"
        else:
            label = f"{row.get_kind_display()} at {meeting.title}: {row.description[:80]}"
        return row, label, reverse("meetings:run", args=[meeting.pk]) + "#findings"
    if kind == "context":
        context = context_get_for_user(user=user, context_id=pk)
        return context, context.name, reverse("contexts:detail", args=[context.pk])
    raise Http404("No record found")


def theme_tag_page(request, target: str):
    if not can_record_contexts(request.user):
        raise Http404("No page here")
    record, label, back = _target_of(user=request.user, target=target)
    themes = list(
        contexts_visible_to(request.user)
        .filter(kind=Context.Kind.THEME, status=Context.Status.OPEN)
        .exclude(pk=record.pk)
        .order_by("name")
    )
    tagged = set(
        ThemeTag.objects.filter(
            target_type=ContentType.objects.get_for_model(record), target_id=record.pk
        ).values_list("theme_id", flat=True)
    )
    initial = {"themes": [str(pk) for pk in tagged]}
    form = ThemeTagForm(
        request.POST if request.method == "POST" else None, themes=themes, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        chosen = {str(pk) for pk in form.cleaned_data["themes"]}
        by_id = {str(t.pk): t for t in themes}
        try:
            with transaction.atomic():
                new_name = (form.cleaned_data["new_theme"] or "").strip()
                picked = [by_id[pk] for pk in sorted(chosen) if pk in by_id]
                if new_name:
                    existing = next(
                        (t for t in themes if t.name.casefold() == new_name.casefold()), None
                    )
                    picked.append(
                        existing
                        or context_open(actor=request.user, kind=Context.Kind.THEME, name=new_name)
                    )
                for theme in picked:
                    theme_tag(actor=request.user, theme=theme, target=record)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "name" in exc.error_dict:
                exc = ValidationError({"new_theme": exc.error_dict["name"]})
            attach_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404("No page here") from exc
        else:
            return redirect(back)
    current = [t for t in themes if t.pk in tagged]
    return render(
        request,
        "contexts/theme_tag.html",
        {"form": form, "label": label, "back": back, "current": current},
    )


# The trends page.


def trends_page(request):
    if not may_see_trends(request.user):
        raise Http404("No page here")
    start, end = default_period()
    given = "start_year" in request.GET or "start" in request.GET
    form = PeriodForm(request.GET if given else None, initial={"start": start, "end": end})
    if given and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    trends = trends_for(user=request.user, start=start, end=end)
    wanted = request.GET.get("csv", "")
    if wanted:
        chart = trends.chart(wanted)
        if chart is None:
            raise Http404("No such figure")
        return _csv(request, trends, chart)
    query = request.GET.copy()
    query.pop("csv", None)
    return render(
        request,
        "contexts/trends.html",
        {
            "form": form,
            "trends": trends,
            "figures": [(c, chart_svg(c), c.shown_rows()) for c in trends.charts],
            "query": query.urlencode(),
            "keys": CHART_KEYS,
            "most_series": MOST_SERIES,
        },
    )


def _csv(request, trends, chart) -> HttpResponse:
    out = io.StringIO()
    writer = csvsafe.writer(out)
    header = [chart.group_label, *[p.label for p in chart.periods]]
    if chart.has_row_totals:
        header.append("Total")
    writer.writerow(header)
    for label, cells, total in chart.shown_rows():
        writer.writerow([label, *cells, *([total] if chart.has_row_totals else [])])
    if chart.rows and chart.has_column_totals:
        writer.writerow(["Total", *chart.published.column_totals, chart.published.total])
    event_record(
        actor=request.user,
        verb=Event.Verb.TRENDS_EXPORTED,
        payload={
            "chart": chart.key,
            "from": trends.start.isoformat(),
            "to": trends.end.isoformat(),
            "suppressed": not chart.exact,
        },
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"mace-{chart.key}-{trends.start:%Y%m%d}-{trends.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
