"""Where a form sends the user once its change is saved: the `next` value it carried, when that
is a page of this site, else the page's normal place.

One rule for every page that takes `next`: a value that is not a local URL is ignored, silently,
because the change is already saved and the user only needs to land somewhere sensible.
"""

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.http import url_has_allowed_host_and_scheme


def local_url(value: str) -> str | None:
    """``value`` if it is the path of one of this site's pages ("/comments/5/?tab=notes"),
    else None.

    Refused: addresses with a host, even this one ("https://evil.example/", "//evil.example",
    "/\\evil.example"), schemes ("javascript:..."), and words that are no path ("abc", which
    `redirect()` would try, and fail, to reverse as a URL name).
    """
    if not value.startswith("/") or not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return None
    path = urlsplit(value).path
    try:
        resolve("/" + path.removeprefix(get_script_prefix()))
    except Resolver404:
        return None
    return value


def next_url(request: HttpRequest, default: str) -> str:
    """The `next` value of the POST (or, failing that, of the query string) if it is a local
    URL, else ``default`` (a path)."""
    value = request.POST.get("next") or request.GET.get("next", "")
    return local_url(value) or default


def redirect_next(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """A redirect to `next` if it is a local URL, else to ``default`` (a path)."""
    return redirect(next_url(request, default))


class LocalNextMixin:
    """Put before Django's LoginView or LogoutView: the same rule for their `next`."""

    def get_redirect_url(self) -> str:
        return next_url(self.request, "")
