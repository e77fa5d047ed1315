"""What the administrator does to users and agencies, and the sessions it ends.

Every write takes the acting administrator first, checks ``can_administer`` before anything
else, runs in one transaction and writes its own audit verb. Invitations only let a person
choose a password: they never sign anyone in (the invitee then signs in with the password
and, for every role but referrer, enrols two-factor authentication).
"""

from mace.accounts.administration.invitations import (
    INVITATION_LIFETIME,
    PASSWORD_MESSAGES,
    invitation_accept,
    invitation_check,
    password_problems,
    token_hash,
    user_invite,
    user_reinvite,
)
from mace.accounts.administration.sessions import (
    user_session_forget,
    user_session_track,
    user_sessions_end,
)
from mace.accounts.administration.users import (
    agency_create,
    agency_update,
    has_confirmed_authenticator,
    invitation_latest,
    invitations_pending_count,
    two_factor_reset,
    user_change,
    user_switch_off,
    user_switch_on,
    users_for_administration,
)

__all__ = [
    "INVITATION_LIFETIME",
    "PASSWORD_MESSAGES",
    "agency_create",
    "agency_update",
    "has_confirmed_authenticator",
    "invitation_accept",
    "invitation_check",
    "invitation_latest",
    "invitations_pending_count",
    "password_problems",
    "token_hash",
    "two_factor_reset",
    "user_change",
    "user_invite",
    "user_reinvite",
    "user_session_forget",
    "user_session_track",
    "user_sessions_end",
    "user_switch_off",
    "user_switch_on",
    "users_for_administration",
]
