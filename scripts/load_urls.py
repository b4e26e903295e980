"""corresp's URLs plus the floor page `make load` measures throughput against.

The floor is the least a request to corresp's gunicorn can cost: the same workers, the same
middleware, no login, no database, a two-byte answer. corresp's pages are reported as a share of
its rate measured in the same run, so a busy machine slows both alike.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

FLOOR_PATH = "load/floor/"


@login_not_required
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path(FLOOR_PATH, floor, name="load_floor"),
    path("", include("tracker.urls")),
]
