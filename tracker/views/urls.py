from django.contrib.auth import views as auth_views
from django.urls import path

from . import (
    assignments,
    filings,
    imports,
    lists,
    notifications,
    pages,
    responses,
    section_links,
)

urlpatterns = [
    path("", lists.my_work, name="my_work"),
    path("reviews/", pages.dashboard, name="dashboard"),
    path("comments/", lists.all_comments, name="all_comments"),
    path("letters/<int:pk>/", pages.letter_detail, name="letter"),
    path("letters/<int:pk>/assign/", assignments.letter_assign, name="letter_assign"),
    path("comments/<int:pk>/", pages.comment_detail, name="comment"),
    path("comments/<int:pk>/save/", responses.comment_save, name="comment_save"),
    path("comments/<int:pk>/submit/", responses.comment_submit, name="comment_submit"),
    path("comments/<int:pk>/decide/", responses.comment_decide, name="comment_decide"),
    path("comments/<int:pk>/notes/", responses.comment_note, name="comment_note"),
    path("comments/<int:pk>/redline/", responses.comment_redline, name="comment_redline"),
    path("letters/import/", imports.letter_upload, name="letter_upload"),
    path("letters/import/<int:pk>/", imports.letter_preview, name="letter_preview"),
    path("notifications/", notifications.centre, name="notifications"),
    path("notifications/count/", notifications.count, name="notification_count"),
    path("notifications/read/", notifications.mark_all_read, name="notifications_read"),
    path("notifications/<int:pk>/read/", notifications.mark_read, name="notification_read"),
    path(
        "notifications/preferences/",
        notifications.preferences,
        name="notification_preferences",
    ),
    path("filings/import/", filings.filing_upload, name="filing_upload"),
    path("filings/import/<int:pk>/", filings.filing_import, name="filing_import"),
    path("filings/<int:pk>/", filings.filing_detail, name="filing"),
    path("filings/<int:pk>/redline/", filings.filing_redline, name="filing_redline"),
    path("filings/<int:pk>/relink/", filings.filing_relink, name="filing_relink"),
    path("sections/<int:pk>/", filings.section_detail, name="section"),
    path("comments/<int:pk>/sections/", section_links.comment_sections, name="comment_sections"),
    path("links/<int:pk>/confirm/", section_links.link_confirm, name="link_confirm"),
    path("links/<int:pk>/remove/", section_links.link_remove, name="link_remove"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
