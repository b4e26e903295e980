"""A person's private calendar address: the page to make or revoke it, and the feed itself.

The feed is read by calendar programs, which carry no session: the secret in its address is
the only key, so the feed answers 404 to any address not (or no longer) given out."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from tracker.domain.calendar_feeds import new_calendar_feed, revoke_calendar_feed
from tracker.exporters.calendar import CONTENT_TYPE, calendar_feed
from tracker.queries.calendar import assignment_dates, feed_owner, has_feed, letter_dates


@never_cache
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """GET: whether the user has an address. POST `action=new`: a new address, shown on this
    answer only (not redirected to: it is never stored); `action=revoke`: none any more."""
    context = {"feed": has_feed(request.user), "address": ""}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "new":
            secret = new_calendar_feed(request.user)
            path = reverse("calendar_feed", args=[secret])
            context = {
                "feed": has_feed(request.user),
                "address": settings.SITE_URL.rstrip("/") + path,
            }
        elif action == "revoke":
            if revoke_calendar_feed(request.user):
                messages.success(request, "Your calendar address no longer works.")
            return redirect("calendar_settings")
        else:
            messages.error(request, "Choose to make a new address or to revoke yours.")
            return redirect("calendar_settings")
    return render(request, "tracker/calendar/settings.html", context)


@login_not_required
@never_cache
@require_GET
def calendar_feed_view(request: HttpRequest, secret: str) -> HttpResponse:
    owner = feed_owner(secret)
    if owner is None:
        raise Http404("No calendar at this address.")
    feed = calendar_feed(
        letter_dates(owner),
        assignment_dates(owner),
        site_url=settings.SITE_URL,
        stamped=timezone.now(),
    )
    response = HttpResponse(feed, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="corresp.ics"'
    return response
