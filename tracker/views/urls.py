from django.contrib.auth import views as auth_views
from django.urls import path

from . import assignments, imports, lists, notifications, pages, responses

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
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
