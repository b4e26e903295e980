from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "corresp"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from tracker import oidc  # noqa: F401 - registers its system check
        from tracker.middleware import remember_requirement

        user_logged_in.connect(remember_requirement, dispatch_uid="corresp-second-factor")
