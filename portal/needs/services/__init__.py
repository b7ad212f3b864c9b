"""Services write: every change to a need goes through one of these functions, which check the
transition table and the user's relation to the need, guard the text for personal data, record the
audit trail and notify the other side."""

from .delivery import (
    message_send,
    need_access_record,
    need_close,
    need_deliver,
    need_follow_up,
    need_withdraw,
)
from .drafts import NeedInput, need_create, need_update, need_visibility_change
from .errors import ActionForbidden, NeedError, NeedValidationError, PersonalDataError, TransitionNotAllowed
from .guard import GuardReport, personal_data_check
from .inbox import notification_preference_set, notifications_mark_read
from .publishing import need_escalate, need_forward, need_publish
from .reminders import reminders_send
from .responses import clarification_propose, interest_express, need_agree, need_decline

__all__ = [
    "ActionForbidden",
    "GuardReport",
    "NeedError",
    "NeedInput",
    "NeedValidationError",
    "PersonalDataError",
    "TransitionNotAllowed",
    "clarification_propose",
    "interest_express",
    "message_send",
    "need_access_record",
    "need_agree",
    "need_close",
    "need_create",
    "need_decline",
    "need_deliver",
    "need_escalate",
    "need_follow_up",
    "need_forward",
    "need_publish",
    "need_update",
    "need_visibility_change",
    "need_withdraw",
    "notification_preference_set",
    "notifications_mark_read",
    "personal_data_check",
    "reminders_send",
]
