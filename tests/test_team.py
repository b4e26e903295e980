"""A company's team run from corresp: the Team page and its actions as each visitor, invitations
(a link that sets a password once, and expires), deactivation and reassignment, who may assign,
the last administrator, and the page's query count."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import CommentFactory, CommentLetterFactory, MembershipFactory, UserFactory
from tracker.domain import team
from tracker.domain.assignments import assign
from tracker.domain.responses import ActionRefused
from tracker.enums import AssignmentRole, Role
from tracker.models import Activity, Assignment, Membership
from tracker.permissions import role_in

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-1234"
NEW_PASSWORD = "brisk-Harbor-4417"


@pytest.fixture
def people(company):
    """One member of each role at the company, and an outsider."""
    roles = {
        "reader": Role.READ_ONLY,
        "preparer": Role.PREPARER,
        "reviewer": Role.REVIEWER,
        "approver": Role.APPROVER,
        "grace": Role.ADMINISTRATOR,
    }
    found = {
        name: MembershipFactory(
            company=company, role=role, user=UserFactory(username=name, first_name=name.title())
        ).user
        for name, role in roles.items()
    }
    found["outsider"] = MembershipFactory(user=UserFactory(username="outsider")).user
    return found


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def can_log_in(username: str, password: str) -> bool:
    """Through the login page, as a person does (the lockout checks need a request)."""
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def team_url(company, name: str = "team", *args) -> str:
    return reverse(name, args=[company.pk, *args])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- who sees and does what ---------------------------------------------------------------------

PAGE_STATUSES = {
    "outsider": 404,
    "reader": 403,
    "preparer": 200,
    "reviewer": 200,
    "approver": 200,
    "grace": 200,
}


@pytest.mark.parametrize(("visitor", "status"), PAGE_STATUSES.items())
def test_team_page_answers_each_visitor(people, company, visitor, status):
    response = logged_in(people[visitor]).get(team_url(company))

    assert response.status_code == status
    if status == 200:
        assert "Grace" in response.text and "Preparer" in response.text
        invite_shown = "Send the invitation" in response.text
        assert invite_shown == (visitor == "grace")


ACTIONS = ["team_invite", "team_settings"]
MEMBER_ACTIONS = ["team_member_role", "team_deactivate", "team_reassign", "team_resend"]
FORBIDDEN_TO_ACT = {"outsider": 404, "reader": 403, "preparer": 403, "reviewer": 403}


@pytest.mark.parametrize("visitor", [*FORBIDDEN_TO_ACT, "approver"])
@pytest.mark.parametrize("action", ACTIONS + MEMBER_ACTIONS)
def test_only_an_administrator_may_change_the_team(people, company, visitor, action):
    args = [people["preparer"].pk] if action in MEMBER_ACTIONS else []
    data = {"email": "new@example.com", "role": Role.ADMINISTRATOR, "preparers_may_assign": "on"}
    before = list(Membership.objects.values_list("user_id", "role").order_by("user_id"))

    response = logged_in(people[visitor]).post(team_url(company, action, *args), data)

    assert response.status_code == FORBIDDEN_TO_ACT.get(visitor, 403)
    after = list(Membership.objects.values_list("user_id", "role").order_by("user_id"))
    assert after == before
    company.refresh_from_db()
    assert company.preparers_may_assign is False
    assert not Activity.objects.filter(verb__startswith="team.").exists()


def test_an_administrator_changes_a_role_and_the_history_says_who(people, company):
    grace = logged_in(people["grace"])
    data = {"role": Role.APPROVER, "title": "General Counsel", "sign_off_as": "legal"}

    response = grace.post(team_url(company, "team_member_role", people["reviewer"].pk), data)

    assert response.status_code == 302
    membership = Membership.objects.get(user=people["reviewer"], company=company)
    assert (membership.role, membership.title, membership.sign_off_as) == (
        Role.APPROVER,
        "General Counsel",
        "legal",
    )
    page = grace.get(team_url(company))
    assert "Grace made Reviewer approver" in page.text
    entry = Activity.objects.get(verb="team.role_changed")
    assert (entry.actor, entry.detail["before"], entry.detail["after"]) == (
        people["grace"],
        Role.REVIEWER,
        Role.APPROVER,
    )


def test_team_link_shows_in_the_menu_for_those_who_may_see_the_page(people, company):
    team_link = f'href="{reverse("team_index")}"'
    assert team_link in logged_in(people["preparer"]).get(reverse("my_work")).text
    assert team_link not in logged_in(people["reader"]).get(reverse("my_work")).text
    response = logged_in(people["preparer"]).get(reverse("team_index"))
    assert response.url == team_url(company)


# --- invitations ----------------------------------------------------------------------------------


def invite(client, company, email: str, role: str = Role.PREPARER, **names):
    data = {"email": email, "role": role, **names}
    return client.post(team_url(company, "team_invite"), data, follow=True)


def link_in(message) -> str:
    return re.search(r"http://\S+/invitation/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_invitation_creates_the_member_and_mails_a_link_that_sets_a_password(people, company):
    response = invite(logged_in(people["grace"]), company, "dana@example.com", first_name="Dana")

    assert messages_of(response) == [
        "Invited Dana (dana@example.com): the e-mail holds a link to set a password."
    ]
    dana = get_user_model().objects.get(email="dana@example.com")
    assert (dana.username, dana.has_usable_password(), role_in(dana, company)) == (
        "dana@example.com",
        False,
        Role.PREPARER,
    )
    assert "Invited: no password yet" in response.text
    (message,) = mail.outbox
    assert message.to == ["dana@example.com"]
    assert "Grace invites you to work on Calix Networks, Inc.'s responses" in message.body

    browser = Client()
    form = browser.get(path_of(link_in(message)), follow=True)
    assert "Choose your password" in form.text
    done = browser.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password is set. Log in with your username, dana@example.com." in done.text
    assert can_log_in("dana@example.com", NEW_PASSWORD)


def test_invitation_link_works_only_once(people, company):
    invite(logged_in(people["grace"]), company, "dana@example.com")
    link = path_of(link_in(mail.outbox[0]))
    browser = Client()
    form_url = browser.get(link).url
    browser.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client().get(link)

    assert again.status_code == 200
    assert "This invitation was already used" in again.text
    assert "Set my password" not in again.text
    forged = Client().post(
        link, {"new_password1": "other-Pass-9911", "new_password2": "other-Pass-9911"}
    )
    assert "Set my password" not in forged.text
    assert can_log_in("dana@example.com", NEW_PASSWORD)


def test_invitation_link_expires_after_a_week(people, company, settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 7 * 24 * 60 * 60
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        invite(logged_in(people["grace"]), company, "dana@example.com")
    link = path_of(link_in(mail.outbox[0]))

    with time_machine.travel(dt.datetime(2026, 3, 9, 8, tzinfo=dt.UTC), tick=False):
        assert Client().get(link).status_code == 302  # still valid: the form
    with time_machine.travel(dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC), tick=False):
        expired = Client().get(link)

    assert expired.status_code == 200
    assert "The link has expired or is incomplete." in expired.text
    assert not get_user_model().objects.get(email="dana@example.com").has_usable_password()


def test_inviting_someone_who_has_an_account_adds_him_and_sends_a_notice(people, company):
    outsider = people["outsider"]

    response = invite(logged_in(people["grace"]), company, "OUTSIDER@example.com")

    assert messages_of(response) == [
        "outsider@example.com (outsider@example.com) already had an account: "
        "added to the team and told by e-mail."
    ]
    assert role_in(outsider, company) == Role.PREPARER
    (message,) = mail.outbox
    assert "/invitation/" not in message.body
    assert "Grace added you to Calix Networks, Inc.'s team in corresp, as preparer" in message.body
    assert can_log_in("outsider", PASSWORD)


def test_inviting_a_member_again_or_a_bad_address_is_refused_with_a_message(people, company):
    grace = logged_in(people["grace"])

    again = invite(grace, company, "reviewer@example.com")
    bad = invite(grace, company, "not an address")

    assert again.status_code == 400
    assert "Reviewer (reviewer@example.com) is already in the team." in again.text
    assert bad.status_code == 400
    assert "Enter a valid email address." in bad.text
    assert 'value="not an address"' in bad.text  # what was typed is kept
    assert mail.outbox == []
    assert Membership.objects.filter(company=company).count() == 5


# --- deactivating, reassigning ------------------------------------------------------------------


@pytest.fixture
def dana_with_work(people, company):
    """dana drafts three comments of an open letter; one response is approved already."""
    dana = MembershipFactory(
        company=company, user=UserFactory(username="dana", first_name="Dana")
    ).user
    letter = CommentLetterFactory(review__company=company)
    comments = [CommentFactory(letter=letter, number=n) for n in (1, 2, 3)]
    assign(comments[:2], dana, AssignmentRole.DRAFTER, actor=people["reviewer"])
    return dana, comments


def test_deactivated_member_cannot_log_in_and_his_work_is_listed(people, company, dana_with_work):
    dana, comments = dana_with_work
    grace = logged_in(people["grace"])

    response = grace.post(team_url(company, "team_deactivate", dana.pk), follow=True)

    assert response.redirect_chain[-1][0] == team_url(company, "team_person", dana.pk)
    assert "His account is deactivated: he can no longer log in." in response.text
    assert "No longer in the team" in response.text
    assert "Comment 1</a>" in response.text and "Comment 2</a>" in response.text
    assert not can_log_in("dana", PASSWORD)
    page = grace.get(team_url(company))
    assert "Work still held by people who left" in page.text
    assert "Dana</a>: 2 open assignments to reassign" in page.text


def test_work_of_a_deactivated_member_is_reassigned_on_the_spot(people, company, dana_with_work):
    dana, comments = dana_with_work
    grace = logged_in(people["grace"])
    grace.post(team_url(company, "team_deactivate", dana.pk))

    response = grace.post(
        team_url(company, "team_reassign", dana.pk),
        {"role": AssignmentRole.DRAFTER, "to": people["preparer"].pk},
        follow=True,
    )

    assert "Preparer is now drafter of 2 comments." in response.text
    held = Assignment.objects.values_list("user__username", "comment__number").order_by("pk")
    assert list(held) == [("preparer", 1), ("preparer", 2)]
    assert "Work still held by people who left" not in grace.get(team_url(company)).text


def test_work_cannot_go_to_someone_who_may_not_hold_it(people, company, dana_with_work):
    dana, _ = dana_with_work
    response = logged_in(people["grace"]).post(
        team_url(company, "team_reassign", dana.pk),
        {"role": AssignmentRole.DRAFTER, "to": people["reviewer"].pk},
        follow=True,
    )

    assert "Give it to: Select a valid choice." in messages_of(response)[0]
    assert set(Assignment.objects.values_list("user__username", flat=True)) == {"dana"}


def test_a_member_of_another_company_keeps_his_login_when_deactivated_here(people, company):
    outsider = people["outsider"]
    MembershipFactory(company=company, user=outsider)

    team.deactivate(company, outsider, actor=people["grace"])

    assert role_in(outsider, company) is None
    assert can_log_in("outsider", PASSWORD)


# --- who may assign -----------------------------------------------------------------------------


def test_the_company_setting_decides_whether_preparers_assign(people, company, dana_with_work):
    _, comments = dana_with_work
    letter_url = reverse("letter", args=[comments[0].letter.pk])
    assign_url = reverse("letter_assign", args=[comments[0].letter.pk])
    data = {"comments": [comments[2].pk], "user": people["preparer"].pk, "role": "drafter"}
    preparer, reviewer = logged_in(people["preparer"]), logged_in(people["reviewer"])
    assert "Select comment 3" not in preparer.get(letter_url).text
    assert "Select comment 3" in reviewer.get(letter_url).text
    assert preparer.post(assign_url, data).status_code == 403

    logged_in(people["grace"]).post(
        team_url(company, "team_settings"), {"preparers_may_assign": "on"}
    )

    assert "Select comment 3" in preparer.get(letter_url).text
    assert preparer.post(assign_url, data).status_code == 302
    assert Assignment.objects.filter(comment=comments[2], user=people["preparer"]).exists()
    entry = Activity.objects.get(verb="team.setting_changed")
    assert entry.summary == "Grace: preparers may assign work"


# --- the last administrator ---------------------------------------------------------------------


def test_the_last_administrator_can_neither_demote_nor_deactivate_himself(people, company):
    grace = logged_in(people["grace"])
    demote = grace.post(
        team_url(company, "team_member_role", people["grace"].pk),
        {"role": Role.APPROVER},
        follow=True,
    )
    leave = grace.post(team_url(company, "team_deactivate", people["grace"].pk), follow=True)

    last = "Grace is the company's last administrator: make someone else administrator first."
    assert messages_of(demote) == [last]
    assert messages_of(leave) == [last]
    assert role_in(people["grace"], company) == Role.ADMINISTRATOR


def test_an_administrator_steps_down_once_another_is_named(people, company):
    grace = people["grace"]
    team.change_member(company, people["approver"], role=Role.ADMINISTRATOR, actor=grace)

    team.change_member(company, grace, role=Role.APPROVER, actor=grace)

    assert role_in(grace, company) == Role.APPROVER
    with pytest.raises(ActionRefused, match="Only an administrator"):
        team.change_member(company, grace, role=Role.ADMINISTRATOR, actor=grace)


# --- query count --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 30])
def test_team_page_query_count_is_fixed(company, count, django_assert_num_queries):
    grace = MembershipFactory(company=company, role=Role.ADMINISTRATOR).user
    letter = CommentLetterFactory(review__company=company)
    comment = CommentFactory(letter=letter)
    for _ in range(count - 1):
        member = MembershipFactory(company=company).user
        assign([comment], member, AssignmentRole.DRAFTER, actor=grace)
    client = logged_in(grace)

    # The session, the user, the company, the viewer's role, the members with their open
    # work, the work of people who left, the history.
    with django_assert_num_queries(7):
        response = client.get(team_url(company))

    assert response.text.count('class="team-member"') == count
