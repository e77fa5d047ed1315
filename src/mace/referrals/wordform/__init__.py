"""The Word referral form: written from mace.referrals.sections, read back field by field.

Referrers download the form (``mace referral-form``, or the link on the site), type their
answers in the right-hand column and email it to the secure mailbox. Intake reads it back by
question label, not by position, so a row a referrer adds or moves shifts nothing; every
answer is cleaned through the same step forms as the web form.
"""

from __future__ import annotations

from mace.referrals.wordform.common import (
    DOCX_CONTENT_TYPE,
    EMPTY_BOX,
    FORM_ID,
    FORM_VERSION,
    MARKS,
    PERPETRATOR_ROWS,
    FormUnreadable,
    ParsedForm,
)
from mace.referrals.wordform.reading import read_form
from mace.referrals.wordform.writing import build_form

__all__ = [
    "DOCX_CONTENT_TYPE",
    "EMPTY_BOX",
    "FORM_ID",
    "FORM_VERSION",
    "FormUnreadable",
    "MARKS",
    "PERPETRATOR_ROWS",
    "ParsedForm",
    "build_form",
    "read_form",
]
