"""corresp's URLs plus the floor pages `make load` measures throughput against.

The floor is the least a request from a logged-in member can cost on corresp's gunicorn: the
same workers, the same middleware (session, user, second factor, lockout, CSP), no template, no
query of its own, a two-byte answer. corresp's pages are reported as a share of its rate
measured in the same run, so a busy machine slows both alike. Every corresp page pays that
per-request cost before its own work, so it is the floor a page could reach.

The anonymous floor skips the session and the user (no cookie, no database): reported for
reference only, as what gunicorn and Django's request cycle cost alone.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

FLOOR_PATH = "load/floor/"
ANONYMOUS_FLOOR_PATH = "load/floor/anonymous/"


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def anonymous_floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path(FLOOR_PATH, floor, name="load_floor"),
    path(ANONYMOUS_FLOOR_PATH, anonymous_floor, name="load_floor_anonymous"),
    path("", include("tracker.urls")),
]
