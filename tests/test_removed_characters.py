"""Text typed or pasted into a form loses the characters no letter holds, and the user is told
how many went; nothing else of the text is lost."""

import pytest
from django.urls import reverse

from tests.factories import CommentFactory, MembershipFactory, UserFactory
from tests.test_import_preview_checks import FIRST_LETTER, preview_url, unchanged, upload
from tracker.enums import Role
from tracker.models import LetterUpload, ResponseLetter
from tracker.parsing.characters import printable, printable_counted

pytestmark = pytest.mark.django_db

# Word's Shift+Enter pastes U+000B; a bell and a right-to-left override ride along.
PASTED = "The Company will revise\x0b its disclosure\x07 on page 29.\u202e"
CLEANED = "The Company will revise its disclosure on page 29."


def test_printable_counted_gives_the_clean_text_and_how_many_characters_went():
    assert printable_counted(PASTED) == (CLEANED, 3)
    assert printable_counted("First line\r\nsecond line\rthird") == (
        "First line\nsecond line\nthird",
        0,
    )
    assert printable(PASTED) == CLEANED


@pytest.fixture
def drafter(company):
    user = UserFactory(username="drafter")
    MembershipFactory(user=user, company=company, role=Role.PREPARER)
    return user


def test_response_saved_with_pasted_control_characters_tells_how_many_went(client, drafter, letter):
    comment = CommentFactory(letter=letter, number=1)
    client.force_login(drafter)
    page = client.post(
        reverse("comment_save", args=[comment.pk]), {"text": PASTED, "based_on": ""}, follow=True
    )
    assert "Saved revision 1. 3 invisible control characters were removed from your text" in (
        page.text
    )
    assert comment.response.revisions.get().text == CLEANED


def test_response_saved_clean_says_nothing_of_removed_characters(client, drafter, letter):
    comment = CommentFactory(letter=letter, number=1)
    client.force_login(drafter)
    page = client.post(
        reverse("comment_save", args=[comment.pk]),
        {"text": "Line one.\r\nLine two.", "based_on": ""},
        follow=True,
    )
    assert "Saved revision 1." in page.text
    assert "invisible" not in page.text
    assert comment.response.revisions.get().text == "Line one.\nLine two."


def test_letter_settings_with_a_pasted_control_character_say_one_went(client, drafter, letter):
    client.force_login(drafter)
    page = client.post(
        reverse("letter_export", args=[letter.pk]),
        {"action": "settings", "signer_name": "Jane\x0b Doe", "closing": "Thank you.\x0c"},
        follow=True,
    )
    assert "Saved the letter settings. 2 invisible control characters were removed" in page.text
    saved = ResponseLetter.objects.get(letter=letter)
    assert (saved.signer_name, saved.closing) == ("Jane Doe", "Thank you.")


def test_import_preview_comment_text_with_a_control_character_says_it_went(member_client, company):
    upload(member_client, company, FIRST_LETTER, "2020-03-06")
    staged = LetterUpload.objects.latest("pk")
    data = unchanged(staged, "update")
    data["comments-0-text"] = "Please quantify\x0b each factor."
    page = member_client.post(preview_url(staged), data, follow=True)
    assert (
        "Your corrections are kept. Check the preview, then save. 1 invisible control character "
        "was removed from your text"
    ) in page.text
    staged.refresh_from_db()
    assert staged.parsed["comments"][0]["text"] == "Please quantify each factor."
