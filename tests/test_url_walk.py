"""Every URL of the project, taken from the resolver so that a new page cannot be forgotten, tried
as each kind of visitor with real ids: anonymous, outsider (a member of another company only),
read-only member, preparer, reviewer and approver. Then every write is forged by those who may
not make it, and nothing may change.

A URL missing from the table below fails the test: add it, with the status each visitor gets.
"""

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import (
    CommentFactory,
    CommentLetterFactory,
    CompanyFactory,
    FilingFactory,
    FilingReviewFactory,
    LibraryCommentFactory,
    MembershipFactory,
    UserFactory,
)
from tracker.domain import filing_imports
from tracker.domain.assignments import add_note
from tracker.domain.exports import export_letter
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.enums import (
    Decision,
    ExportFormat,
    FormType,
    LinkMethod,
    NotificationKind,
    Role,
)
from tracker.models import LetterUpload, LibraryImport, Notification, Section, SectionLink

pytestmark = pytest.mark.django_db

VISITORS = ["anonymous", "outsider", "reader", "preparer", "reviewer", "approver"]
FORGERS = ["anonymous", "outsider", "reader"]
OK, MOVED, BAD, DENIED, HIDDEN, METHOD = 200, 302, 400, 403, 404, 405
TO_LOGIN = "login"  # a 302 whose target is the login page


@dataclass(frozen=True)
class Route:
    """What each visitor gets from a URL. `ids` names the fixture object behind each URL
    argument; `get` lists the statuses in VISITORS order; `post`, for URLs that write, the
    statuses of a forged post by the anonymous visitor, the outsider and the reader."""

    get: tuple
    ids: dict[str, str] = field(default_factory=dict)
    post: tuple | None = None


MEMBERS_ONLY = (TO_LOGIN, HIDDEN, OK, OK, OK, OK)
EVERYONE = (TO_LOGIN, OK, OK, OK, OK, OK)
POST_ONLY = (TO_LOGIN, METHOD, METHOD, METHOD, METHOD, METHOD)
FORGED = (TO_LOGIN, HIDDEN, DENIED)
IMPORTERS = (TO_LOGIN, OK, DENIED, OK, DENIED, OK)  # the outsider imports into his own company
IMPORTERS_POST = (TO_LOGIN, BAD, DENIED)  # the outsider may not choose another company
NO_CODE_NEEDED = (TO_LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED)
STAFF_ONLY = (TO_LOGIN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN)  # no visitor here is staff
TEAM_READERS = (TO_LOGIN, HIDDEN, DENIED, OK, OK, OK)
ADMINISTRATORS = (TO_LOGIN, HIDDEN, DENIED, DENIED, DENIED, DENIED)

ROUTES = {
    "my_work": Route(EVERYONE),
    "dashboard": Route(EVERYONE),
    "all_comments": Route(EVERYONE),
    "letter": Route(MEMBERS_ONLY, {"pk": "letter"}),
    "letter_assign": Route(POST_ONLY, {"pk": "letter"}, FORGED),
    # Read-only members may read the letter page but not review its responses.
    "letter_review": Route((TO_LOGIN, HIDDEN, DENIED, OK, OK, OK), {"pk": "letter"}),
    "letter_approve_ready": Route(
        (TO_LOGIN, HIDDEN, DENIED, DENIED, DENIED, OK), {"pk": "letter"}, FORGED
    ),
    "review_decide": Route(POST_ONLY, {"pk": "comment"}, FORGED),
    "letter_export": Route(MEMBERS_ONLY, {"pk": "letter"}, FORGED),
    "letter_extension": Route((TO_LOGIN, HIDDEN, DENIED, OK, OK, OK), {"pk": "letter"}, FORGED),
    "company_letter_style": Route(MEMBERS_ONLY, {"pk": "company"}, FORGED),
    "export_download": Route(MEMBERS_ONLY, {"pk": "letter", "export_id": "export"}),
    "comment": Route(MEMBERS_ONLY, {"pk": "comment"}),
    "comment_save": Route(POST_ONLY, {"pk": "comment"}, FORGED),
    "comment_submit": Route(POST_ONLY, {"pk": "comment"}, FORGED),
    "comment_decide": Route(POST_ONLY, {"pk": "comment"}, FORGED),
    "comment_note": Route(POST_ONLY, {"pk": "comment"}, FORGED),
    "comment_redline": Route(MEMBERS_ONLY, {"pk": "comment"}),
    "comment_similar": Route(MEMBERS_ONLY, {"pk": "comment"}),
    "comment_start_from": Route(POST_ONLY, {"pk": "comment"}, FORGED),
    # The public library is read-only to everyone logged in, whatever his companies.
    "library_comment": Route(EVERYONE, {"pk": "library_comment"}),
    "search": Route(EVERYONE),
    "letter_upload": Route(IMPORTERS, post=IMPORTERS_POST),
    "letter_preview": Route((TO_LOGIN, HIDDEN, DENIED, OK, DENIED, OK), {"pk": "upload"}, FORGED),
    "notifications": Route(EVERYONE),
    "notification_count": Route(EVERYONE),
    # Each visitor's own notifications only: marking them read is no forgery.
    "notifications_read": Route(POST_ONLY, post=(TO_LOGIN, MOVED, MOVED)),
    "notification_read": Route(POST_ONLY, {"pk": "notification"}, (TO_LOGIN, HIDDEN, HIDDEN)),
    "notification_preferences": Route(EVERYONE),
    # Each visitor's own calendar address; the feed opens by its secret alone, to no one else.
    "calendar_settings": Route(EVERYONE, post=(TO_LOGIN, MOVED, MOVED)),
    "calendar_feed": Route((HIDDEN,) * 6, {"secret": "unknown_calendar"}),
    "filings": Route(EVERYONE),
    "filing_upload": Route(IMPORTERS, post=IMPORTERS_POST),
    "filing_import": Route(MEMBERS_ONLY, {"pk": "filing_import"}),
    "library_imports": Route(STAFF_ONLY),
    "library_import": Route(STAFF_ONLY, {"pk": "library_import"}),
    "filing": Route(MEMBERS_ONLY, {"pk": "filing"}),
    "filing_redline": Route(MEMBERS_ONLY, {"pk": "filing"}),
    "filing_relink": Route(POST_ONLY, {"pk": "filing"}, FORGED),
    "section": Route(MEMBERS_ONLY, {"pk": "section"}),
    "comment_sections": Route(MEMBERS_ONLY, {"pk": "comment"}, FORGED),
    "link_confirm": Route(POST_ONLY, {"pk": "link"}, FORGED),
    "link_remove": Route(POST_ONLY, {"pk": "link"}, FORGED),
    # The Team page: seen by those who work on the letters, changed by administrators only
    # (none of these visitors is one: tests/test_team.py tries the administrator).
    "team_index": Route((TO_LOGIN, MOVED, DENIED, MOVED, MOVED, MOVED)),
    "team": Route(TEAM_READERS, {"pk": "company"}),
    "team_invite": Route(POST_ONLY, {"pk": "company"}, FORGED),
    "team_settings": Route(POST_ONLY, {"pk": "company"}, FORGED),
    "team_person": Route(ADMINISTRATORS, {"pk": "company", "user_id": "preparer"}),
    "team_member_role": Route(POST_ONLY, {"pk": "company", "user_id": "preparer"}, FORGED),
    "team_deactivate": Route(POST_ONLY, {"pk": "company", "user_id": "preparer"}, FORGED),
    "team_reassign": Route(POST_ONLY, {"pk": "company", "user_id": "preparer"}, FORGED),
    "team_resend": Route(POST_ONLY, {"pk": "company", "user_id": "preparer"}, FORGED),
    # A link that is not an invitation says so to anyone, and lets no one set a password.
    "invitation": Route((OK,) * 6, {"uidb64": "invitation_uid", "token": "invitation_token"}),
    "login": Route((OK, OK, OK, OK, OK, OK)),
    "favicon": Route((301,) * 6),  # to the static icon, for anyone
    "logout": Route((TO_LOGIN,) + (METHOD,) * 5),
    # Only where an identity provider is configured (tests/test_oidc_login.py); not here.
    "oidc_sign_in": Route((HIDDEN,) * 6),
    "oidc_callback": Route((HIDDEN,) * 6),
    "two_factor_verify": Route(NO_CODE_NEEDED),
    "two_factor_setup": Route(NO_CODE_NEEDED),
    "admin:index": Route((MOVED,) * 6),
}

# What a forged post carries: enough to pass the forms, so that only permissions stop it.
FORGED_DATA = {
    "comments": "comment",
    "user": "preparer",
    "role": "drafter",
    "text": "Forged text.",
    "based_on": "2",
    "decision": Decision.APPROVED,
    "revision_number": "2",
    "note": "Forged.",
    "action": "discard",
    "section": "section",
    "format": ExportFormat.TXT,
    "version": "public",
    "source": "library",
    "pk": "library_comment",
}


def walk(resolver: URLResolver, namespace: str = "") -> list[tuple[str, list[str]]]:
    """(name, argument names) of every URL pattern, through includes. Of the admin only its
    index: its own pages are Django's, guarded by its staff login."""
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                found.append(("admin:index", []))
                continue
            found += walk(entry, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>"
            found.append((name, list(entry.pattern.converters)))
    return found


def url_for(name: str, arguments: list[str], objects: dict) -> str:
    route = ROUTES.get(name)
    assert route is not None, f"{name} is not in ROUTES: add what each visitor must get from it"
    missing = [arg for arg in arguments if arg not in route.ids]
    assert not missing, f"{name}: no fixture object for the URL arguments {missing}"
    return reverse(name, kwargs={arg: objects[route.ids[arg]].pk for arg in arguments})


@pytest.fixture
def world(settings, tmp_path) -> dict:
    """A company with one member of each role and everything its pages show; an outsider."""
    settings.MEDIA_ROOT = tmp_path / "media"
    company = CompanyFactory(name="Calix Networks, Inc.")
    roles = {
        "reader": Role.READ_ONLY,
        "preparer": Role.PREPARER,
        "reviewer": Role.REVIEWER,
        "approver": Role.APPROVER,
    }
    objects = {
        name: MembershipFactory(company=company, role=role, user=UserFactory(username=name)).user
        for name, role in roles.items()
    }
    objects["outsider"] = MembershipFactory(user=UserFactory(username="outsider")).user
    objects["company"] = company
    objects["library_comment"] = LibraryCommentFactory()
    objects |= letter_with_work(company, objects)
    objects |= filing_and_uploads(company, objects)
    objects["library_import"] = LibraryImport.objects.create(source="corpus")
    objects["unknown_calendar"] = SimpleNamespace(pk="an-address-never-given-out")
    objects["invitation_uid"] = SimpleNamespace(
        pk=urlsafe_base64_encode(force_bytes(objects["preparer"].pk))
    )
    objects["invitation_token"] = SimpleNamespace(pk="not-a-token")
    return objects


def letter_with_work(company, users: dict) -> dict:
    """Two comments: one in review after two revisions with a note, one approved."""
    filing = FilingFactory(company=company, form_type=FormType.S1)
    letter = CommentLetterFactory(review=FilingReviewFactory(company=company, filings=[filing]))
    comment, approved = CommentFactory(letter=letter), CommentFactory(letter=letter)
    preparer, approver = users["preparer"], users["approver"]
    save_revision(comment.response, "First draft.", author=preparer, based_on=None)
    save_revision(comment.response, "Second draft.", author=preparer, based_on=1)
    submit_for_review(comment.response, actor=preparer)
    add_note(comment, "Check the page reference.", author=users["reviewer"])
    save_revision(approved.response, "Revised as asked.", author=preparer, based_on=None)
    submit_for_review(approved.response, actor=preparer)
    record_decision(
        approved.response, Decision.APPROVED, actor=approver, revision_number=1, note=""
    )
    export = export_letter(letter, ExportFormat.TXT, actor=preparer)
    return {"filing": filing, "letter": letter, "comment": comment, "export": export}


def filing_and_uploads(company, objects: dict) -> dict:
    preparer = objects["preparer"]
    section = Section.objects.create(
        filing=objects["filing"], order=1, title="Risk Factors", text="Our business is risky."
    )
    link = SectionLink.objects.create(
        comment=objects["comment"], section=section, method=LinkMethod.AUTOMATIC
    )
    upload = LetterUpload.objects.create(
        company=company, uploaded_by=preparer, source_sha256="0" * 64, received_on=date.today()
    )
    record = filing_imports.start_import(
        company=company,
        user=preparer,
        data=b"<html><body><h1>Business</h1><p>We make chips.</p></body></html>",
        filename="s-1.htm",
        form_type=FormType.S1,
        queue=False,
    )
    notification = Notification.objects.create(
        recipient=preparer,
        kind=NotificationKind.ASSIGNED,
        subject_key="walk",
        day=date.today(),
        subject="Assigned to you",
        body="Comment 1",
    )
    return {
        "section": section,
        "link": link,
        "upload": upload,
        "filing_import": record,
        "notification": notification,
    }


def client_for(visitor: str, objects: dict) -> Client:
    client = Client()
    if visitor != "anonymous":
        client.force_login(objects[visitor])
    return client


def assert_status(response, expected, where: str) -> None:
    if expected == TO_LOGIN:
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login")), where
    else:
        assert response.status_code == expected, where


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def forged_data(objects: dict) -> dict[str, str]:
    """The form fields of a forged post, with real ids where a field names an object."""
    return {
        key: str(objects[value].pk) if value in objects else value
        for key, value in FORGED_DATA.items()
    }


def test_every_url_is_in_the_table_and_the_table_has_no_stale_entries():
    names = {name for name, _ in walk(get_resolver())}

    assert sorted(names - set(ROUTES)) == []
    assert sorted(set(ROUTES) - names) == []


def test_every_url_answers_each_visitor_as_the_table_says(world):
    urls = [(name, url_for(name, args, world)) for name, args in walk(get_resolver())]
    for index, visitor in enumerate(VISITORS):
        client = client_for(visitor, world)
        for name, url in urls:
            response = client.get(url)
            assert_status(response, ROUTES[name].get[index], f"GET {url} as {visitor}")
            assert "Content-Security-Policy" in response, f"GET {url} as {visitor}"


def test_forged_posts_are_refused_and_change_nothing(world):
    writes = [(n, url_for(n, a, world)) for n, a in walk(get_resolver()) if ROUTES[n].post]
    data = forged_data(world)
    clients = {visitor: client_for(visitor, world) for visitor in FORGERS}
    before = row_counts()  # after logging in, which keeps a session and a login record
    for index, (visitor, client) in enumerate(clients.items()):
        for name, url in writes:
            response = client.post(url, data)
            assert_status(response, ROUTES[name].post[index], f"POST {url} as {visitor}")
            assert row_counts() == before, f"POST {url} as {visitor} changed rows"


def test_every_url_refuses_a_post_without_the_csrf_token(world):
    """A post from another site carries the session cookie but not the token: no view is exempt."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["preparer"])
    urls = [url_for(name, args, world) for name, args in walk(get_resolver())]

    refused = {url: client.post(url, forged_data(world)).status_code for url in urls}

    assert refused == dict.fromkeys(urls, DENIED)
