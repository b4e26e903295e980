"""Every page needs a login; another company's letter or comment is a 404."""

import pytest
from django.urls import URLPattern, reverse

from tests.factories import CommentFactory, UserFactory
from tracker.models import LetterUpload
from tracker.views.urls import urlpatterns

pytestmark = pytest.mark.django_db

# Open without a login: the login page, a calendar feed (its secret address is its key:
# tests/test_calendar_feed.py), and the site's icon (a redirect to the static file).
# An invitation's link too: the invited person has no password yet (tests/test_team.py). And
# the identity provider's sign-in and return, which start a login (tests/test_oidc_login.py).
OPEN_PAGES = {"login", "calendar_feed", "invitation", "favicon", "oidc_sign_in", "oidc_callback"}


def page_urls(comment) -> list[str]:
    """Every page of the app, from the URL patterns, filled with real ids."""
    upload = LetterUpload.objects.create(
        company=comment.letter.review.company,
        uploaded_by=UserFactory(),
        source_sha256="0" * 64,
        received_on=comment.letter.received_on,
    )
    ids = {"letter": comment.letter.pk, "comment": comment.pk, "letter_preview": upload.pk}
    ids["letter_assign"] = ids["letter_extension"] = comment.letter.pk
    ids["letter_review"] = ids["letter_approve_ready"] = comment.letter.pk
    ids["review_decide"] = comment.pk
    ids["letter_export"] = ids["export_download"] = comment.letter.pk
    ids["company_letter_style"] = comment.letter.review.company.pk
    for action in ["save", "submit", "decide", "note", "redline", "similar", "start_from"]:
        ids[f"comment_{action}"] = comment.pk
    ids["notification_read"] = 1  # anonymous visitors are sent to log in before any lookup
    for name in ["filing_import", "filing", "filing_redline", "filing_relink", "section"]:
        ids[name] = 1  # anonymous visitors are sent to log in before any lookup
    for name in ["library_import"]:
        ids[name] = 1  # anonymous visitors are sent to log in before any lookup
    ids["comment_sections"] = comment.pk
    ids["link_confirm"] = ids["link_remove"] = 1
    ids["library_comment"] = 1  # anonymous visitors are sent to log in before any lookup
    for name in ["team", "team_invite", "team_settings", "team_person", "team_member_role"]:
        ids[name] = comment.letter.review.company.pk
    for name in ["team_deactivate", "team_reassign", "team_resend"]:
        ids[name] = comment.letter.review.company.pk
    urls = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name in OPEN_PAGES:
            continue
        kwargs = {"pk": ids[pattern.name]} if "pk" in pattern.pattern.converters else {}
        if "user_id" in pattern.pattern.converters:
            kwargs["user_id"] = 1  # anonymous visitors are sent to log in before any lookup
        if "export_id" in pattern.pattern.converters:
            kwargs["export_id"] = 1  # anonymous visitors are sent to log in before any lookup
        urls.append(reverse(pattern.name, kwargs=kwargs))
    return urls


def test_every_page_redirects_anonymous_visitors_to_login(client):
    comment = CommentFactory()
    urls = page_urls(comment)
    assert len(urls) == len(urlpatterns) - len(OPEN_PAGES)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_admin_needs_a_staff_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_login_page_is_open(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<label class="form-label" for="id_username">Username</label>' in response.content


def test_outsider_gets_404_on_another_companys_letter(outsider_client, letter):
    response = outsider_client.get(reverse("letter", args=[letter.pk]))
    assert response.status_code == 404


def test_outsider_gets_404_on_another_companys_comment(outsider_client, letter):
    comment = CommentFactory(letter=letter)
    response = outsider_client.get(reverse("comment", args=[comment.pk]))
    assert response.status_code == 404


def test_member_sees_the_letter_and_comment(member_client, letter):
    comment = CommentFactory(letter=letter)
    assert member_client.get(reverse("letter", args=[letter.pk])).status_code == 200
    assert member_client.get(reverse("comment", args=[comment.pk])).status_code == 200


def test_outsiders_dashboard_does_not_list_another_companys_review(outsider_client, letter):
    response = outsider_client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert letter.review.company.name not in response.text


def test_missing_letter_is_404_for_a_member(member_client):
    assert member_client.get(reverse("letter", args=[999999])).status_code == 404
