"""Forms of Silver and Gold's pages (GOV.UK markup through mace.core.forms). Forms check
the shape of what was typed; the services check the rules."""

from __future__ import annotations

import re

from dateutil.relativedelta import relativedelta
from django import forms

from mace.contexts.models import Context
from mace.contexts.selectors.records import link_choices
from mace.core import clock
from mace.core.forms import GovukForm
from mace.governance.models import RAG, AssuranceFinding, Audience, Escalation, Objective
from mace.governance.models import Recommendation as Rec
from mace.governance.services.common import owners
from mace.people.selectors import children_visible_to
from mace.web.forms import PeriodForm, date_field


def _owner_field(label: str = "Owner") -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        queryset=owners(),
        label=label,
        error_messages={"required": "Choose the owner"},
    )
    field.label_from_instance = lambda u: f"{u.full_name} ({u.get_role_display()})"
    return field


def _text(label: str, message: str, *, rows: int = 4, required: bool = True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message},
    )


class ChildrenByIdField(forms.CharField):
    """Children typed as their case system IDs, one a line (or separated by commas)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Their case system IDs, one a line")
        super().__init__(**kwargs)
        self.user = None

    def clean(self, value):
        text = super().clean(value)
        ids = [part for part in re.split(r"[\s,]+", text or "") if part]
        if not ids:
            return []
        found = {
            child.case_system_id: child
            for child in children_visible_to(self.user).filter(case_system_id__in=ids)
        }
        missing = [i for i in ids if i not in found]
        if missing:
            raise forms.ValidationError(
                "No child you can see has the case system ID " + ", ".join(missing)
            )
        return list({found[i].pk: found[i] for i in ids}.values())


class EscalationForm(GovukForm):
    to = forms.ChoiceField(
        label="Escalate to",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose Silver or Gold"},
    )
    kind = forms.ChoiceField(
        label="What is escalated",
        choices=[("", "Choose what is escalated"), *Escalation.Kind.choices],
        error_messages={"required": "Choose what is escalated"},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    description = _text("What is escalated, and why", "Say what is escalated and why", rows=6)
    owner = _owner_field()
    children = ChildrenByIdField(label="Children behind it (optional)")
    contexts = forms.ModelMultipleChoiceField(
        queryset=Context.objects.none(),
        required=False,
        label="Places, groups and persons behind it (optional)",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners()
        self.fields["children"].user = user
        # The names listed are a read of the persons of concern among them (logged).
        listed = link_choices(user=user, context=None, where="escalation form")
        self.fields["contexts"].queryset = Context.objects.filter(
            pk__in=[c.pk for c in listed]
        ).order_by("kind", "name")
        if actions is not None:
            self.fields["actions"] = forms.ModelMultipleChoiceField(
                queryset=actions,
                required=False,
                label="The meeting's actions behind it (optional)",
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["actions"].label_from_instance = lambda a: a.description[:80]


class ToGoldForm(GovukForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    description = _text(
        "What Gold is asked to know or decide", "Say what Gold is asked to know or decide"
    )
    owner = _owner_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners()


class RespondForm(GovukForm):
    response = _text("Response", "Enter the response", rows=6)


class CloseForm(GovukForm):
    note = _text("Why it can close (optional)", "", rows=3, required=False)


class PlanItemForm(GovukForm):
    objective = forms.ModelChoiceField(
        queryset=Objective.objects.all(),
        label="Objective",
        error_messages={"required": "Choose the objective"},
    )
    title = forms.CharField(
        label="What is to be done",
        max_length=200,
        error_messages={"required": "Enter what is to be done"},
    )
    description = _text("Detail (optional)", "", rows=3, required=False)
    owner = _owner_field()
    due_date = date_field("Due date")
    rag = forms.ChoiceField(
        label="RAG status",
        choices=RAG.choices,
        initial=RAG.AMBER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the RAG status"},
    )
    escalations = forms.ModelMultipleChoiceField(
        queryset=Escalation.objects.none(),
        required=False,
        label="Escalations that drove it (optional)",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, escalations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.all()
        self.fields["owner"].queryset = owners()
        self.fields["escalations"].queryset = escalations


class ProgressForm(GovukForm):
    text = _text("Progress", "Say what progress has been made")
    rag = forms.ChoiceField(
        label="RAG status now",
        choices=RAG.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the RAG status"},
    )
    on = date_field("Date of the update")


class AssuranceForm(GovukForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    standard = _text("Standard audited against", "Say which standard was audited against", rows=2)
    carried_out_on = date_field("Date of the audit")
    carried_out_by = _text("Who carried out the audit", "Say who carried out the audit", rows=2)
    children = ChildrenByIdField(label="Children audited (optional)")
    summary = _text("What was found", "Say what was found")
    finding_1 = _text("Finding 1 (optional)", "", rows=2, required=False)
    rating_1 = forms.ChoiceField(
        label="Finding 1: the standard was",
        choices=[("", "Choose"), *AssuranceFinding.Rating.choices],
        required=False,
    )
    finding_2 = _text("Finding 2 (optional)", "", rows=2, required=False)
    rating_2 = forms.ChoiceField(
        label="Finding 2: the standard was",
        choices=[("", "Choose"), *AssuranceFinding.Rating.choices],
        required=False,
    )
    finding_3 = _text("Finding 3 (optional)", "", rows=2, required=False)
    rating_3 = forms.ChoiceField(
        label="Finding 3: the standard was",
        choices=[("", "Choose"), *AssuranceFinding.Rating.choices],
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].user = user

    def clean(self):
        data = super().clean()
        for n in (1, 2, 3):
            if (data.get(f"finding_{n}") or "").strip() and not data.get(f"rating_{n}"):
                self.add_error(f"rating_{n}", f"Choose whether finding {n} met the standard")
        return data

    def findings(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data[f"finding_{n}"], data[f"rating_{n}"])
            for n in (1, 2, 3)
            if (data.get(f"finding_{n}") or "").strip()
        ]


class RecommendationForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind",
        choices=Rec.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose commissioning, policy change or resource pressure"},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    text = _text(
        "What Gold is asked to decide, and why", "Say what Gold is asked to decide, and why"
    )


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Gold's decision",
        choices=Rec.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose agreed, not agreed or deferred"},
    )
    decided_on = date_field("Date of the decision")
    note = _text("Note of the decision (optional)", "", rows=3, required=False)


class ChallengeForm(GovukForm):
    text = _text("The challenge", "Enter the challenge")


class AnswerForm(GovukForm):
    answer = _text("The answer", "Enter the answer")


# Dashboards (issue 13 item 4).

LONGEST_DASHBOARD = relativedelta(years=5)


class DashboardPeriodForm(PeriodForm):
    """The period a dashboard (or a report of it) covers, from a GET: at most five years,
    and not ending in the future."""

    longest = LONGEST_DASHBOARD

    def clean(self):
        data = super().clean()
        end = data.get("end")
        if end and "end" not in self.errors and end > clock.today():
            self.add_error("end", "The end of the period cannot be in the future")
        return data


class ReportForm(DashboardPeriodForm):
    """A period report: whose (the dashboards the reader may open), the period, the format."""

    audience = forms.ChoiceField(label="Report for", widget=forms.RadioSelect)
    format = forms.ChoiceField(
        label="Format",
        widget=forms.RadioSelect,
        choices=[
            ("pdf", "PDF (charts and tables)"),
            ("html", "Web page (charts and tables)"),
            ("csv", "CSV (the tables)"),
        ],
        initial="pdf",
    )

    def __init__(self, *args, audiences: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = audiences
        self.fields["audience"].error_messages["required"] = "Choose whose report to write"
        self.fields["format"].error_messages["required"] = "Choose a format"
        self.order_fields(["audience", "start", "end", "format"])
