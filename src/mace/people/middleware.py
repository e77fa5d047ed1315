"""A restricted record the user could break glass on, from any page: offer break glass."""

from __future__ import annotations

from django.shortcuts import redirect

from mace.people.selectors import RestrictedRecord


class RestrictedRecordMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RestrictedRecord):
            return redirect("people:break_glass", child_id=exception.child_id)
        return None
