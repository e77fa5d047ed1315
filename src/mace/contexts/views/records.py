"""The contexts list, a context's page, and the forms that add to it: opening and changing
a record, its names, notes, links, plan actions and assessment."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from mace.contexts import catalogue as catalogue_rules
from mace.contexts.forms.records import (
    ActionForm,
    AssessmentForm,
    CompleteForm,
    ContextForm,
    NameForm,
    NoteForm,
    ReasonForm,
    RecordLinkForm,
)
from mace.contexts.models import Context, ContextAction, ContextAssessment, Link, Node
from mace.contexts.permissions import can_record_contexts
from mace.contexts.selectors.records import context_page_parts, contexts_page, link_choices
from mace.contexts.selectors.visibility import (
    context_get_for_user,
    links_visible_to,
    sees_all_contexts,
)
from mace.contexts.services import assessment as assessments
from mace.contexts.services import records as services
from mace.contexts.services.links import (
    link_add,
    link_retract,
    node_for_child,
    node_for_context,
)
from mace.contexts.views import item_links
from mace.people.selectors import children_search
from mace.web.forms import attach_errors

KIND_SLUGS = {
    "place": Context.Kind.PLACE,
    "peer-group": Context.Kind.PEER_GROUP,
    "person": Context.Kind.PERSON,
    "theme": Context.Kind.THEME,
}
OPEN_TITLES = {
    Context.Kind.PLACE: "Open a place or space",
    Context.Kind.PEER_GROUP: "Open a peer group",
    Context.Kind.PERSON: "Open a person of concern",
    Context.Kind.THEME: "Open a theme",
}


def _require_recorder(request) -> None:
    if not can_record_contexts(request.user):
        raise PermissionDenied("Only the analyst, the MACE coordinator or the chair can do this.")


def _recordable(request, context_id) -> Context:
    """The context for a form that adds to it: a recorder (else 403, before anything is
    read, so nothing is logged as seen and any id answers alike), and seen (else 404)."""
    _require_recorder(request)
    return context_get_for_user(user=request.user, context_id=context_id)


def context_list(request):
    if not sees_all_contexts(request.user):
        raise Http404("No page here")
    kind = request.GET.get("kind", "")
    query = request.GET.get("q", "")
    status = request.GET.get("status", "open")
    page = contexts_page(
        user=request.user,
        kind=kind,
        query=query,
        status=status,
        page_number=request.GET.get("page"),
    )
    return render(
        request,
        "contexts/list.html",
        {
            "page": page,
            "kind": kind,
            "query": query,
            "query_string": urlencode({"kind": kind, "status": status, "q": query}),
            "status": status,
            "kinds": Context.Kind.choices,
            "open_kinds": [(slug, OPEN_TITLES[kind]) for slug, kind in KIND_SLUGS.items()],
            "can_record": can_record_contexts(request.user),
        },
    )


def context_open(request, kind_slug: str):
    _require_recorder(request)
    kind = KIND_SLUGS.get(kind_slug)
    if kind is None:
        raise Http404("No such kind of record")
    form = ContextForm(request.POST or None, kind=kind)
    wants_alias = bool(request.POST.get("alias-name", "").strip())
    names = None
    if kind == Context.Kind.PERSON:
        names = NameForm(request.POST if wants_alias else None, prefix="alias", aliases_only=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "name"}
        alias = []
        if wants_alias and names is not None and names.is_valid():
            alias = [(names.cleaned_data["name"], names.cleaned_data["kind"])]
        if names is None or not names.errors:
            try:
                context = services.context_open(
                    actor=request.user,
                    kind=kind,
                    name=form.cleaned_data["name"],
                    names=alias,
                    **data,
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, f"{context.name} is open.")
                return redirect("contexts:detail", context.pk)
    return render(
        request,
        "contexts/form.html",
        {"form": form, "names": names, "title": OPEN_TITLES[kind], "kind": kind},
    )


def context_edit(request, context_id: uuid.UUID):
    context = _recordable(request, context_id)
    form = ContextForm(request.POST or None, instance=context, kind=context.kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.context_update(actor=request.user, context=context, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The record is changed.")
            return redirect("contexts:detail", context.pk)
    return render(
        request,
        "contexts/form.html",
        {"form": form, "title": f"Change {context.name}", "record": context, "kind": context.kind},
    )


def context_detail(request, context_id: uuid.UUID):
    context = context_get_for_user(user=request.user, context_id=context_id)
    parts = context_page_parts(user=request.user, context=context)
    return render(
        request,
        "contexts/detail.html",
        {"record": context, "can_record": can_record_contexts(request.user), **parts},
    )


def _simple(
    request,
    context_id,
    form_class,
    save,
    *,
    title: str,
    done: str,
    template="contexts/simple_form.html",
):
    context = _recordable(request, context_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(context, form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("contexts:detail", context.pk)
    return render(request, template, {"form": form, "record": context, "title": title})


def name_add(request, context_id: uuid.UUID):
    return _simple(
        request,
        context_id,
        NameForm,
        lambda c, d: services.context_name_add(actor=request.user, context=c, **d),
        title="Add a name, alias or street name",
        done="The name is added.",
    )


def note_add(request, context_id: uuid.UUID):
    return _simple(
        request,
        context_id,
        NoteForm,
        lambda c, d: services.context_note_add(actor=request.user, context=c, **d),
        title="Add a note",
        done="The note is added.",
    )


def action_add(request, context_id: uuid.UUID):
    return _simple(
        request,
        context_id,
        ActionForm,
        lambda c, d: services.context_action_add(actor=request.user, context=c, **d),
        title="Add an action to the plan",
        done="The action is added to the plan.",
    )


def context_close(request, context_id: uuid.UUID):
    return _simple(
        request,
        context_id,
        ReasonForm,
        lambda c, d: services.context_close(actor=request.user, context=c, reason=d["reason"]),
        title="Close the record",
        done="The record is closed.",
    )


def action_complete(request, action_id: uuid.UUID):
    action = get_object_or_404(ContextAction.objects.select_related("context"), pk=action_id)
    context = context_get_for_user(user=request.user, context_id=action.context_id)
    if action.owner_id != request.user.pk:
        _require_recorder(request)
    form = CompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.context_action_complete(
                actor=request.user, action=action, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The action is complete.")
            if can_record_contexts(request.user):
                return redirect("contexts:detail", context.pk)
            return redirect("tasks:list")  # the owner's sight of the context ends with it
    return render(
        request,
        "contexts/simple_form.html",
        {
            "form": form,
            "record": context,
            "title": "Complete an action",
            "lead": action.description,
        },
    )


def _other_node(request, form: RecordLinkForm, contexts) -> Node | None:
    """The other end: a child of the cohort (by case system ID or full name), else a record
    or identifier as the live meeting's form reads them."""
    data = form.cleaned_data
    if not (data.get("child") or "").strip():
        return item_links.other_node(form, contexts)
    matches = list(children_search(user=request.user, query=data["child"]).filter(locked=False)[:2])
    if len(matches) != 1:
        form.add_error(
            "child",
            "No child in the cohort matches: check the case system ID or full name"
            if not matches
            else "More than one child matches: use the case system ID",
        )
        return None
    return node_for_child(matches[0])


def link_new(request, context_id: uuid.UUID):
    """Link this record to another (a context, a child, a phone, vehicle or account)."""
    context = _recordable(request, context_id)
    contexts = link_choices(user=request.user, context=context)
    form = RecordLinkForm(request.POST or None, contexts=contexts, initial={"direction": "out"})
    if request.method == "POST" and form.is_valid():
        other = _other_node(request, form, contexts)
        if other is not None:
            data = form.cleaned_data
            this = node_for_context(context)
            source, target = (this, other) if data["direction"] != "in" else (other, this)
            try:
                link_add(
                    actor=request.user,
                    source=source,
                    target=target,
                    relation=data["relation"],
                    origin=Link.Origin.DIRECT,
                    source_grade=data["source_grade"],
                    intelligence_grade=data["intelligence_grade"],
                    handling=data["handling"],
                    handling_conditions=data["handling_conditions"],
                    handling_roles=data["handling_roles"],
                    description=data["description"],
                    first_seen=data["first_seen"],
                    last_seen=data["last_seen"],
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, "The link is recorded.")
                return redirect(reverse("contexts:detail", args=[context.pk]) + "#links")
    return render(request, "contexts/link_form.html", {"form": form, "record": context})


def link_retract_view(request, context_id: uuid.UUID, link_id: uuid.UUID):
    context = _recordable(request, context_id)
    node = node_for_context(context)
    link = _link_of(request, link_id, node)
    form = ReasonForm(
        request.POST or None,
        label="Why is the link retracted?",
        required_message="Say why the link is retracted",
    )
    if request.method == "POST" and form.is_valid():
        try:
            link_retract(actor=request.user, link=link, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The link is retracted. It stays in the record's history.")
            return redirect(reverse("contexts:detail", args=[context.pk]) + "#links")
    return render(
        request,
        "contexts/simple_form.html",
        {
            "form": form,
            "record": context,
            "title": "Retract a link",
            "lead": "A retracted link leaves the network but stays in the record's history, "
            "with your reason.",
        },
    )


def _link_of(request, link_id, node) -> Link:
    from django.db.models import Q

    link = (
        links_visible_to(request.user).filter(Q(source=node) | Q(target=node), pk=link_id).first()
    )
    if link is None:
        raise Http404("No link found")
    return link


def assessment_edit(request, context_id: uuid.UUID):
    """Start or carry on the context's draft assessment; save it, or complete it."""
    context = _recordable(request, context_id)
    draft = context.assessments.filter(status=ContextAssessment.Status.DRAFT).first()
    catalogue = draft.catalogue if draft else assessments.catalogue_active()
    factors = catalogue_rules.factors_for(catalogue.content, context.kind)
    grades = list(catalogue_rules.GRADE_LABELS.items())
    initial = {}
    if draft:
        for code, answer in draft.answers.items():
            initial[f"grade_{code}"] = answer.get("grade", "")
            initial[f"evidence_{code}"] = answer.get("evidence", "")
        initial.update(
            level=draft.level, weighting=draft.weighting, weighting_reason=draft.weighting_reason
        )
    form = AssessmentForm(request.POST or None, initial=initial, factors=factors, grades=grades)
    if request.method == "POST" and form.is_valid():
        complete = "complete" in request.POST
        try:
            assessments.assessment_save(
                actor=request.user,
                context=context,
                answers=form.answers(),
                level=form.cleaned_data["level"],
                weighting=form.cleaned_data["weighting"],
                weighting_reason=form.cleaned_data["weighting_reason"],
                complete=complete,
                assessment=draft,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request, "The assessment is complete." if complete else "The draft is saved."
            )
            return redirect(reverse("contexts:detail", args=[context.pk]) + "#assessment")
    proposed = catalogue_rules.proposed_level(
        (
            form.data.get(f"grade_{f['code']}")
            if form.is_bound
            else initial.get(f"grade_{f['code']}")
        )
        for f in factors
    )
    return render(
        request,
        "contexts/assessment_form.html",
        {"form": form, "record": context, "catalogue": catalogue, "proposed": proposed},
    )
