"""The referrer's side: sign in by emailed link, the form step by step, their referrals."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mace.accounts.ratelimit import RateLimited
from mace.accounts.services import SIGNED_IN_WITH_REFERRER_LINK, session_mark_signed_in
from mace.referrals.forms.other import EmailForm
from mace.referrals.forms.steps import PerpetratorFormSet, step_form_class
from mace.referrals.models import Referral
from mace.referrals.permissions import can_refer
from mace.referrals.sections import PERPETRATOR_FIELDS, section, sections_for
from mace.referrals.selectors.referrals import referral_get_for_referrer, referrals_made_by
from mace.referrals.services import referrals as services
from mace.referrals.services.signin import (
    LINK_GONE,
    signin_link_consume,
    signin_link_request,
)
from mace.web.forms import attach_errors


@login_not_required
def start(request):
    """The public start page: the MACE criteria, the guidance, how to refer."""
    return render(request, "referrals/start.html")


@login_not_required
def sign_in_request(request):
    """Ask for a link. Every accepted request gets the same answer, whatever the address."""
    form = EmailForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            signin_link_request(
                email=form.cleaned_data["email"],
                link_base=request.build_absolute_uri(reverse("refer:sign_in_sent")).replace(
                    "/sent/", ""
                ),
                password_url=request.build_absolute_uri(reverse("accounts:login")),
            )
        except RateLimited as exc:
            form.add_error("email", exc.messages[0])
            status = 429
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            request.session["sign_in_email"] = form.cleaned_data["email"]
            return redirect("refer:sign_in_sent")
    return render(request, "referrals/sign_in.html", {"form": form}, status=status)


@login_not_required
def sign_in_sent(request):
    return render(
        request, "referrals/sign_in_sent.html", {"email": request.session.get("sign_in_email", "")}
    )


@login_not_required
def sign_in_link(request, token: str):
    """GET shows a button; POST uses the link (mail scanners that follow links use nothing)."""
    if request.method == "POST":
        try:
            user = signin_link_consume(token=token)
        except ValidationError as exc:
            return render(
                request,
                "referrals/sign_in_failed.html",
                {"message": exc.messages[0], "use_password": exc.code == "staff_account"},
                status=410 if exc.code in LINK_GONE else 403,
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        # Marks the session as not signed in with a password: it can never enrol or pass a
        # second factor (mace.accounts.views.two_factor).
        session_mark_signed_in(session=request.session, method=SIGNED_IN_WITH_REFERRER_LINK)
        return redirect("referrals:list")
    return render(request, "referrals/sign_in_confirm.html")


def _require_referrer(user) -> None:
    if not can_refer(user):
        raise PermissionDenied("You cannot make referrals.")


def referral_list(request):
    _require_referrer(request.user)
    referrals = referrals_made_by(user=request.user).select_related(None)
    return render(request, "referrals/referral_list.html", {"referrals": referrals})


@require_POST
def referral_new(request):
    _require_referrer(request.user)
    referral = services.referral_start(actor=request.user)
    return redirect("referrals:step", referral_id=referral.pk, step="referrer")


def _raw(post) -> dict:
    """The posted values as typed (lists for multiple choices), for keeping in the draft."""
    return {
        key: post.getlist(key) if key == "concerns" else post.get(key)
        for key in post
        if key not in ("csrfmiddlewaretoken", "save_and_leave", "continue")
    }


def _steps(referral: Referral) -> list[str]:
    return [s.slug for s in sections_for(referral.subject)] + ["check"]


def _next_step(referral: Referral, step: str) -> str:
    steps = _steps(referral)
    return steps[min(steps.index(step) + 1, len(steps) - 1)] if step in steps else steps[0]


def _previous_url(referral: Referral, step: str) -> str:
    """The back link of a step: the section before it, or the referrals list from the
    first."""
    steps = _steps(referral)
    index = steps.index(step) if step in steps else 0
    if index == 0:
        return reverse("referrals:list")
    return reverse("referrals:step", args=[referral.pk, steps[index - 1]])


class _StepNav(list):
    """The sections in the task list, and whether the referral can be sent."""

    @property
    def ready(self) -> bool:
        return not any(s["needs_attention"] for s in self)


def _step_nav(referral: Referral, step: str) -> _StepNav:
    missing_steps = {slug for slug, _ in services.referral_missing_answers(referral)}
    return _StepNav(
        {
            "slug": s.slug,
            "title": s.title,
            "current": s.slug == step,
            "needs_attention": s.slug in missing_steps,
        }
        for s in sections_for(referral.subject)
    )


def referral_step(request, referral_id: uuid.UUID, step: str):
    referral = referral_get_for_referrer(user=request.user, referral_id=referral_id)
    if referral.status != Referral.Status.DRAFT:
        return redirect("referrals:detail", referral_id=referral.pk)
    if step == "perpetrators":
        return _perpetrators(request, referral)
    if step == "check":
        return referral_check(request, referral)
    try:
        sec = section(step)
    except KeyError:
        raise Http404("No such step") from None
    form_class = step_form_class(sec)
    if request.method == "POST":
        form = form_class(request.POST, instance=referral)
    elif step in referral.draft_data:
        form = form_class(referral.draft_data[step], instance=referral)  # what was typed
    else:
        form = form_class(instance=referral)
    if form.is_bound:
        raw = _raw(request.POST) if request.method == "POST" else referral.draft_data[step]
        valid = form.is_valid()
        referral = services.referral_save_step(
            actor=request.user,
            referral=referral,
            step=step,
            cleaned=form.cleaned_data if valid else None,
            raw=raw,
        )
        if valid and request.method == "POST":
            if "save_and_leave" in request.POST:
                messages.success(
                    request, f"Your draft {referral.reference} is saved. Come back to it any time."
                )
                return redirect("referrals:list")
            return redirect(
                "referrals:step", referral_id=referral.pk, step=_next_step(referral, step)
            )
    return render(
        request,
        "referrals/step.html",
        {
            "referral": referral,
            "form": form,
            "section": sec,
            "steps": _step_nav(referral, step),
            "back_url": _previous_url(referral, step),
            "autosave_url": reverse("referrals:autosave", args=[referral.pk, step]),
        },
    )


def _perpetrators(request, referral: Referral):
    initial = [{f: getattr(p, f) for f in PERPETRATOR_FIELDS} for p in referral.perpetrators.all()]
    if request.method == "POST":
        formset = PerpetratorFormSet(request.POST, prefix="p")
        if "add_another" in request.POST:
            rows = [f.cleaned_data for f in formset.forms] if formset.is_valid() else []
            formset = PerpetratorFormSet(initial=[*rows, {}], prefix="p")
        elif formset.is_valid():
            rows = [f.cleaned_data for f in formset.forms if f.has_content()]
            try:
                services.referral_save_perpetrators(
                    actor=request.user, referral=referral, rows=rows
                )
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                if "save_and_leave" in request.POST:
                    messages.success(request, f"Your draft {referral.reference} is saved.")
                    return redirect("referrals:list")
                return redirect(
                    "referrals:step",
                    referral_id=referral.pk,
                    step=_next_step(referral, "perpetrators"),
                )
    else:
        formset = PerpetratorFormSet(initial=initial or [{}], prefix="p")
    return render(
        request,
        "referrals/perpetrators.html",
        {
            "referral": referral,
            "formset": formset,
            "section": section("perpetrators"),
            "steps": _step_nav(referral, "perpetrators"),
            "back_url": _previous_url(referral, "perpetrators"),
        },
    )


def _promote_valid_drafts(request, referral: Referral) -> Referral:
    """Answers kept as typed (autosave, or a step left mid-way) that are valid are saved."""
    for step, raw in list(referral.draft_data.items()):
        try:
            form = step_form_class(section(step))(raw, instance=referral)
        except KeyError:
            continue
        if form.is_valid():
            referral = services.referral_save_step(
                actor=request.user,
                referral=referral,
                step=step,
                cleaned=form.cleaned_data,
                raw=raw,
            )
    return referral


def referral_check(request, referral: Referral):
    referral = _promote_valid_drafts(request, referral)
    missing = services.referral_missing_answers(referral)
    if request.method == "POST":
        try:
            services.referral_submit(actor=request.user, referral=referral)
        except ValidationError:
            pass  # the page lists what is missing
        else:
            return redirect("referrals:detail", referral_id=referral.pk)
    sections = []
    for sec in sections_for(referral.subject):
        if sec.slug == "perpetrators":
            continue
        form = step_form_class(sec)(instance=referral)
        rows = []
        for name in sec.fields:
            value = getattr(referral, name)
            display = getattr(referral, f"get_{name}_display", None)
            if name == "concerns":
                labels = dict(Referral.Concern.choices)
                value = ", ".join(labels.get(c, c) for c in value)
            elif display and value:
                value = display()
            rows.append((form.fields[name].label, value))
        sections.append({"slug": sec.slug, "title": sec.title, "rows": rows})
    return render(
        request,
        "referrals/check.html",
        {
            "referral": referral,
            "sections": sections,
            "missing": missing,
            "perpetrators": list(referral.perpetrators.all()),
            "tried": request.method == "POST",
            "steps": _step_nav(referral, "check"),
            "back_url": _previous_url(referral, "check"),
            "section": {"slug": "check"},
        },
    )


def referral_detail(request, referral_id: uuid.UUID):
    """What the referrer may see: the status and the decision with its reason."""
    referral = referral_get_for_referrer(user=request.user, referral_id=referral_id)
    if referral.status == Referral.Status.DRAFT:
        return redirect(
            "referrals:step", referral_id=referral.pk, step=referral.last_step or "referrer"
        )
    decision = referral.decisions.order_by("-created_at").first()
    return render(
        request, "referrals/referral_detail.html", {"referral": referral, "decision": decision}
    )


@require_POST
def autosave(request, referral_id: uuid.UUID, step: str):
    """Keep what has been typed so far (called by the page every few seconds)."""
    referral = referral_get_for_referrer(user=request.user, referral_id=referral_id)
    if referral.status != Referral.Status.DRAFT or step in ("perpetrators", "check"):
        return JsonResponse({"saved": False}, status=409)
    try:
        section(step)
    except KeyError:
        raise Http404("No such step") from None
    services.referral_save_step(
        actor=request.user, referral=referral, step=step, cleaned=None, raw=_raw(request.POST)
    )
    return JsonResponse({"saved": True})
