"""The notification centre, its unread count for the bell, and the e-mail preferences.

Everyone sees only his own notifications: another person's is a 404, never a 403.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from tracker.domain import notifications
from tracker.forms import NotificationPreferencesForm
from tracker.models import NotificationPreference

PER_PAGE = 25


@require_GET
def centre(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications.grouped_by_letter(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "unread": notifications.unread_count(request.user)}
    return render(request, "tracker/notifications/centre.html", context)


@require_GET
def count(request: HttpRequest) -> HttpResponse:
    """The bell's badge, loaded by htmx so that no other page pays a query for it."""
    unread = notifications.unread_count(request.user)
    return render(request, "tracker/notifications/_count.html", {"unread": unread})


def back_to_centre(request: HttpRequest) -> HttpResponse:
    """Back to the page of the centre the form was on."""
    url = reverse("notifications")
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(notifications.for_user(request.user), pk=pk)
    notifications.mark_read(notification)
    if request.htmx:
        return render(request, "tracker/notifications/_item.html", {"item": notification})
    return back_to_centre(request)


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    marked = notifications.mark_all_read(request.user)
    messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked read.")
    return redirect("notifications")


def preferences(request: HttpRequest) -> HttpResponse:
    saved = NotificationPreference.objects.filter(user=request.user).first()
    initial = {
        "daily_digest": saved.daily_digest if saved else True,
        "immediate_notices": saved.immediate_notices if saved else True,
    }
    data = request.POST if request.method == "POST" else None
    form = NotificationPreferencesForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        notifications.save_preferences(
            request.user,
            daily_digest=form.cleaned_data["daily_digest"],
            immediate=form.cleaned_data["immediate_notices"],
        )
        messages.success(request, "Your notification preferences are saved.")
        return redirect("notification_preferences")
    return render(request, "tracker/notifications/preferences.html", {"form": form})
