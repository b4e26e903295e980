from django.contrib.auth import views as auth_views
from django.urls import path

from . import pages

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("letters/<int:pk>/", pages.letter_detail, name="letter"),
    path("comments/<int:pk>/", pages.comment_detail, name="comment"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
