"""Confirming a login with a code: setting up an authenticator app, entering its code; and the
login page shown while a username is locked after repeated wrong passwords."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tracker import oidc
from tracker.middleware import awaits_second_factor

from . import next_page

WRONG_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now."
TOO_MANY = "Too many wrong codes. Wait a minute, then enter the code your app shows now."


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label="6-digit code",
        error_messages={"invalid": "Enter the 6 digits your authenticator app shows."},
    )


def next_url(request: HttpRequest) -> str:
    """Where the user was going, if it is a page of this site; else My work."""
    return next_page.next_url(request, reverse("my_work"))


class LoginView(next_page.LocalNextMixin, auth_views.LoginView):
    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"provider_name": oidc.sign_in_button()}


class LogoutView(next_page.LocalNextMixin, auth_views.LogoutView):
    """Ends the session here and, for someone who signed in through the identity provider,
    sends him on to end the provider's session too, when it offers that."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        at_provider = oidc.provider_logout_url(request)  # read before the session ends
        response = super().post(request, *args, **kwargs)
        return redirect(at_provider) if at_provider else response


def confirmed_device(request: HttpRequest) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=request.user, confirmed=True).first()


def pending_device(request: HttpRequest) -> TOTPDevice:
    """The authenticator being set up: the same secret until its first code is confirmed."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=request.user, name="corresp", confirmed=False)


def check_code(device: TOTPDevice, form: CodeForm) -> bool:
    """Whether the form holds the device's current code; the reason goes on the form if not."""
    if not form.is_valid():
        return False
    allowed, _ = device.verify_is_allowed()
    if allowed and device.verify_token(form.cleaned_data["code"].strip()):
        return True
    form.add_error("code", WRONG_CODE if allowed else TOO_MANY)
    return False


def confirmed_login(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    """Mark the session as confirmed with a second factor, under a new session key."""
    otp_login(request, device)
    request.session.cycle_key()
    return redirect(next_url(request))


def with_next(request: HttpRequest, name: str) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url(request)})}")


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not awaits_second_factor(request):
        return redirect(next_url(request))
    device = confirmed_device(request)
    if device is None:
        return with_next(request, "two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and check_code(device, form):
        return confirmed_login(request, device)
    context = {"form": form, "next": next_url(request), "awaiting_code": True}
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/two_factor_verify.html", context, status=status)


def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Only before an authenticator is confirmed: someone who learnt the password must not be
    able to add his own."""
    if not awaits_second_factor(request):
        return redirect(next_url(request))
    if confirmed_device(request) is not None:
        return with_next(request, "two_factor_verify")
    device = pending_device(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and check_code(device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        messages.success(request, "Your authenticator app is set up. Use it at every login.")
        return confirmed_login(request, device)
    context = {"form": form, "next": next_url(request), "awaiting_code": True}
    context |= authenticator_details(device)
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/two_factor_setup.html", context, status=status)


def authenticator_details(device: TOTPDevice) -> dict[str, str]:
    """The secret as people type it, the otpauth address apps read, and its QR code."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    uri = device.config_url
    return {
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "otpauth_uri": uri,
        "qr_code": segno.make(uri, error="m").svg_data_uri(scale=4),
    }


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The login page again, saying the username is locked (django-axes calls this)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "form": AuthenticationForm(request),
        "next": next_url(request),
        "locked_minutes": minutes,
        "provider_name": oidc.sign_in_button(),
    }
    return render(request, "registration/login.html", context, status=429)
