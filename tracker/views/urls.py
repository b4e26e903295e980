from django.contrib.auth import views as auth_views
from django.urls import path

from . import imports, pages

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("letters/<int:pk>/", pages.letter_detail, name="letter"),
    path("comments/<int:pk>/", pages.comment_detail, name="comment"),
    path("letters/import/", imports.letter_upload, name="letter_upload"),
    path("letters/import/<int:pk>/", imports.letter_preview, name="letter_preview"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
