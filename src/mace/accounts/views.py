"""Sign in, second factor, sign out. Thin: the rules live in services and middleware."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp import login as otp_login

from mace.accounts import services
from mace.accounts.forms import SignInForm, TokenForm
from mace.accounts.middleware import two_factor_not_required
from mace.accounts.ratelimit import RateLimited


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)  # signs in: axes and is_active checked already
        services.session_mark_signed_in(
            session=self.request.session, method=services.SIGNED_IN_WITH_PASSWORD
        )
        return response


@method_decorator(two_factor_not_required, name="dispatch")
class SignOutView(auth_views.LogoutView):
    pass


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@two_factor_not_required
def two_factor(request):
    """Verify a code, or enrol an authenticator app on first sign-in.

    Only a session that signed in with the password gets this far: any other (an emailed
    link, or one that does not say how it signed in) is signed out, so that nobody without
    the password sees the QR code or passes the second factor.
    """
    user = request.user
    if not user.requires_two_factor or user.is_verified():
        return redirect(_safe_next(request))
    if not services.session_signed_in_with_password(session=request.session):
        logout(request)
        messages.error(
            request,
            "Sign in with your email address and password to set up or use two-factor "
            "authentication.",
        )
        return redirect("accounts:login")
    enrolling = not services.has_confirmed_device(user)
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        try:
            if enrolling:
                device = services.totp_device_confirm(user=user, token=token)
            else:
                device = services.totp_verify(user=user, token=token)
        except RateLimited as exc:
            form.add_error("token", exc.messages[0])
            status = 429
        else:
            if device is not None:
                otp_login(request, device)
                return redirect(_safe_next(request))
            form.add_error("token", "That code is not right or has expired. Enter the newest code.")
    context = {"form": form, "enrolling": enrolling, "next": _safe_next(request)}
    if enrolling:
        device = services.totp_device_for_enrolment(user=user)
        qr = segno.make(device.config_url, error="m")
        # segno writes the SVG itself from the device URL: no user input reaches it.
        context["qr_svg"] = mark_safe(  # noqa: S308
            qr.svg_inline(scale=4, title="QR code for your authenticator app")
        )
        context["secret"] = _base32_secret(device)
    return render(request, "accounts/two_factor.html", context, status=status)


def _base32_secret(device) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
