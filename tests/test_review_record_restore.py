"""A review's record restores as new rows beside what the database holds, and changes nothing.

Each record below is written in a database that is then rolled back, so that the review exists
only in its record when it is restored into a database with other companies and people in it.
"""

import contextlib
import io
import struct
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.record_helpers import (
    existing_rows_after,
    members_of,
    recrafted,
    rows_without_ids,
    snapshot,
    user,
)
from tests.test_import_letter import FOLLOW_UP
from tracker.domain.assignments import add_note
from tracker.domain.demo import seed_demo
from tracker.domain.exports import export_letter
from tracker.domain.letters import import_letter
from tracker.domain.record import RecordError, export_review, import_review
from tracker.domain.record.schema import RECORD_MODELS
from tracker.domain.responses import record_decision, save_revision, submit_for_review
from tracker.enums import ExportFormat, Role
from tracker.models import Company, FilingReview
from tracker.parsing import parse_letter


class RolledBack(Exception):
    pass


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def full_review():
    """The demo review with a second round of follow-ups, an approval, a note and an export."""
    letter = seed_demo()
    import_letter(parse_letter(FOLLOW_UP), received_on=date(2010, 1, 15))
    response = letter.comments.get(number=7).response
    save_revision(response, "Revised draft.", author=user("counsel"), based_on=1)
    submit_for_review(response, actor=user("counsel"))
    record_decision(response, "approved", actor=user("approver"), revision_number=2)
    add_note(letter.comments.get(number=7), "Check with the auditors.", author=user("counsel"))
    export_letter(letter, ExportFormat.TXT, actor=user("counsel"))
    letter.source_file.save("staff-letter.txt", ContentFile(b"The staff's letter as received."))
    return letter


@pytest.fixture
def record(db, media) -> bytes:
    """The full review's record; the database it was written in is rolled back."""
    written = {}
    with contextlib.suppress(RolledBack), transaction.atomic():
        written["record"] = export_review(full_review().review)
        raise RolledBack
    assert not FilingReview.objects.exists()
    return written["record"]


@pytest.fixture
def live(db):
    """Another company with its people, and a staff user named like the record's counsel."""
    other = CompanyFactory(name="Other Registrant Corp.")
    MembershipFactory(user=UserFactory(username="bob"), company=other, role=Role.APPROVER)
    UserFactory(
        username="counsel",
        email="counsel@other.example",
        first_name="Carl",
        is_staff=True,
        is_superuser=True,
    )
    MembershipFactory(user=user("counsel"), company=other, role=Role.READ_ONLY)
    return other


def test_restore_into_a_live_database_changes_no_existing_row_or_file(record, live, media):
    before = snapshot(media)

    import_review(record)

    assert existing_rows_after(before, media) == before


def test_restored_review_is_the_whole_review(record, live, media):
    review = import_review(record)

    assert rows_without_ids(export_review(review)) == rows_without_ids(record)
    letters = list(review.letters.order_by("round").prefetch_related("comments__follows_up"))
    assert [len(letter.comments.all()) for letter in letters] == [26, 2]
    follow_ups = [
        list(c.follows_up.values_list("number", flat=True)) for c in letters[1].comments.all()
    ]
    assert follow_ups == [[4], [7]]


def test_people_this_database_knows_keep_their_password_flags_and_e_mail(record, live, media):
    counsel = user("counsel")

    import_review(record)

    restored = user("counsel")
    assert (restored.password, restored.is_staff, restored.is_superuser) == (
        counsel.password,
        True,
        True,
    )
    assert (restored.email, restored.first_name) == ("counsel@other.example", "Carl")


def test_people_new_to_this_database_cannot_log_in_and_have_no_rights(record, live, media):
    import_review(record)

    approver = user("approver")
    assert (approver.is_active, approver.is_staff, approver.is_superuser) == (False, False, False)
    assert not approver.has_usable_password()
    assert approver.email == "approver@example.com"


def test_restore_onto_the_company_of_that_name_leaves_it_and_its_members(record, media):
    company = CompanyFactory(name="Calix Networks, Inc.", time_zone="Asia/Tokyo", cik="1")
    MembershipFactory(user=UserFactory(username="approver"), company=company, role=Role.READ_ONLY)
    before = snapshot(media)

    review = import_review(record)

    assert review.company == company
    assert existing_rows_after(before, media) == before
    # Nobody gains access to an existing company's letters through a record.
    roles = dict(company.memberships.values_list("user__username", "role"))
    assert roles == {"approver": Role.READ_ONLY}
    assert Company.objects.count() == 1


# --- crafted records: refused, and nothing changes ---


def first(objects: list, model: str) -> dict:
    return next(obj for obj in objects if obj["model"] == f"tracker.{model}")


def make_counsel_a_superuser(users, objects, files):
    next(u for u in users if u["fields"]["username"] == "counsel")["fields"]["is_superuser"] = True


def give_counsel_a_password_and_staff(users, objects, files):
    fields = next(u for u in users if u["fields"]["username"] == "counsel")["fields"]
    fields.update(password="md5$x$0123", is_staff=True)


def add_a_superuser_row(users, objects, files):
    fields = {"username": "mallory", "is_superuser": True, "is_staff": True, "password": "x"}
    objects.append({"model": "auth.user", "pk": 999, "fields": fields})


def add_a_notification(users, objects, files):
    objects.append({"model": "tracker.notification", "pk": 1, "fields": {"subject": "Hi"}})


def overwrite_the_other_company_by_id(users, objects, files):
    company = first(objects, "company")
    objects.append({**company, "pk": company["pk"] + 1, "fields": {"name": "Taken over"}})


def point_a_membership_at_the_other_company(users, objects, files):
    first(objects, "membership")["fields"]["company"] = 999


def add_a_field_to_a_membership(users, objects, files):
    first(objects, "membership")["fields"]["is_superuser"] = True


def give_a_role_that_does_not_exist(users, objects, files):
    first(objects, "membership")["fields"]["role"] = "owner"


def give_a_comment_number_that_is_no_number(users, objects, files):
    first(objects, "comment")["fields"]["number"] = "seven"


def name_a_user_by_id(users, objects, files):
    first(objects, "revision")["fields"]["author"] = 1


def point_a_letter_file_outside_the_storage(users, objects, files):
    first(objects, "commentletter")["fields"]["source_file"] = "../../settings.py"


def add_a_file_outside_the_storage(users, objects, files):
    files["files/../../evil.py"] = b"print('owned')"


CRAFTED = {
    "superuser": (make_counsel_a_superuser, "carries is_superuser, which a record may not"),
    "password and staff": (give_counsel_a_password_and_staff, "carries is_staff, password"),
    "user row": (add_a_superuser_row, "'auth.user' is not part of a review record"),
    "other model": (add_a_notification, "'tracker.notification' is not part of a review"),
    "company by id": (overwrite_the_other_company_by_id, "exactly one of its companies, not 2"),
    "membership elsewhere": (point_a_membership_at_the_other_company, "company 999, which is not"),
    "unknown field": (add_a_field_to_a_membership, "'is_superuser' is not a field a record may"),
    "unknown choice": (give_a_role_that_does_not_exist, "'owner' is not one of its choices"),
    "wrong type": (give_a_comment_number_that_is_no_number, "comment .*: number: .*integer"),
    "user by id": (name_a_user_by_id, "author: 1 is not a user listed in users.json"),
    "file field traversal": (point_a_letter_file_outside_the_storage, "outside the storage"),
    "member traversal": (add_a_file_outside_the_storage, "'files/../../evil.py', which is not"),
}


@pytest.mark.parametrize("signed", [True, False], ids=["signed", "unsigned allowed"])
@pytest.mark.parametrize("change, message", CRAFTED.values(), ids=CRAFTED.keys())
def test_crafted_record_is_refused_with_nothing_changed(
    record, live, media, change, message, signed
):
    crafted = recrafted(record, change, signed=signed)
    before = snapshot(media)

    with pytest.raises(RecordError, match=message):
        import_review(crafted, allow_unsigned=not signed)

    assert snapshot(media) == before


def test_record_naming_a_known_user_with_another_e_mail_leaves_his_e_mail(record, live, media):
    def change_counsels_e_mail(users, objects, files):
        counsel = next(u for u in users if u["fields"]["username"] == "counsel")
        counsel["fields"]["email"] = "mallory@evil.example"

    import_review(recrafted(record, change_counsels_e_mail))

    assert user("counsel").email == "counsel@other.example"


def test_record_changed_after_signing_is_refused(record, live, media):
    members = members_of(record)
    members["objects.json"] = members["objects.json"].replace(b'"approver"', b'"admin"')
    before = snapshot(media)

    with pytest.raises(RecordError, match="objects.json differs from what the signed manifest"):
        import_review(zipped(members), allow_unsigned=True)

    assert snapshot(media) == before


def test_record_signed_with_another_key_is_refused(record, live, media, settings):
    settings.RECORD_SIGNING_KEY = "another installation's key"
    before = snapshot(media)

    with pytest.raises(RecordError, match="signature is wrong"):
        import_review(record, allow_unsigned=True)

    assert snapshot(media) == before


def test_unsigned_record_is_refused_unless_allowed(record, live, media, tmp_path):
    path = tmp_path / "old-record.zip"
    path.write_bytes(recrafted(record, lambda *members: None, signed=False))
    before = snapshot(media)

    with pytest.raises(CommandError, match="not signed.*--allow-unsigned"):
        call_command("import_review", str(path))
    assert snapshot(media) == before

    call_command("import_review", str(path), "--allow-unsigned", stdout=io.StringIO())
    assert FilingReview.objects.get().letters.count() == 2


def test_second_restore_of_a_review_is_refused_naming_the_restored_review(record, live, media):
    review = import_review(record)
    before = snapshot(media)

    with pytest.raises(RecordError, match=f"holds this review already: .*review #{review.pk}"):
        import_review(record)

    assert snapshot(media) == before


def test_second_restore_of_an_unsigned_record_is_refused(record, live, media):
    unsigned = recrafted(record, lambda *members: None, signed=False)
    import_review(unsigned, allow_unsigned=True)

    with pytest.raises(RecordError, match="holds this review already"):
        import_review(unsigned, allow_unsigned=True)


def test_zip_bomb_is_refused_before_it_is_unpacked(record, live, media):
    members = members_of(record)
    members["files/bomb.txt"] = b"0" * 1000
    bomb = declaring(zipped(members), "files/bomb.txt", 3_900_000_000)
    before = snapshot(media)

    with pytest.raises(RecordError, match="files/bomb.txt unpacks to 3900000000 bytes"):
        import_review(bomb)

    assert snapshot(media) == before


def test_member_that_unpacks_to_more_than_its_header_says_is_refused(record, live, media):
    members = members_of(record)
    size = len(members["users.json"])
    liar = declaring(zipped(members), "users.json", size - 10)

    with pytest.raises(RecordError, match="(read|unpack) users.json|users.json does not unpack"):
        import_review(liar)


def test_file_the_record_names_but_does_not_carry_is_left_out(record, live, media):
    """Else a crafted name would give the restored letter another company's file."""
    (media / "secret").mkdir(parents=True)
    (media / "secret" / "other.pdf").write_bytes(b"another company's letter")

    def name_another_file(users, objects, files):
        first(objects, "commentletter")["fields"]["source_file"] = "secret/other.pdf"

    review = import_review(recrafted(record, name_another_file))

    assert review.letters.get(round=1).source_file.name == ""


def test_restore_that_fails_storing_a_file_leaves_no_row_and_no_file(
    record, live, media, monkeypatch
):
    before = snapshot(media)
    save = default_storage.save
    calls = []

    def disk_full_at_the_second_file(name, content, **kwargs):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return save(name, content, **kwargs)

    monkeypatch.setattr(default_storage, "save", disk_full_at_the_second_file)

    with pytest.raises(RecordError, match="Could not store .*No space left on device"):
        import_review(record)

    assert len(calls) == 2
    assert snapshot(media) == before


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def declaring(data: bytes, name: str, size: int) -> bytes:
    """The zip with the uncompressed size of `name` in its headers changed to `size`."""
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    struct.pack_into("<I", patched, info.header_offset + 22, size)
    central = find_central_entry(data, name)
    struct.pack_into("<I", patched, central + 24, size)
    return bytes(patched)


def find_central_entry(data: bytes, name: str) -> int:
    offset = data.index(b"PK\x05\x06")
    start = struct.unpack_from("<I", data, offset + 16)[0]
    while data[start : start + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, start + 28)
        if data[start + 46 : start + 46 + name_length].decode() == name:
            return start
        start += 46 + name_length + extra_length + comment_length
    raise KeyError(name)


def test_amendment_restores_pointing_at_the_restored_filing_it_amends(record, live, media):
    review = import_review(record)

    amendment = review.filings.get(amendment_number=1)
    assert amendment.amends.company == review.company
    assert amendment.amends.reviews.get() == review


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_note_saves_right_after_a_restore_on_postgresql(record, live, media):
    assert connection.vendor == "postgresql"
    review = import_review(record)
    comment = review.letters.get(round=1).comments.get(number=7)
    author = user("counsel")  # a preparer of the restored company

    note = add_note(comment, "Written right after the restore.", author=author)

    assert list(comment.notes.order_by("pk"))[-1] == note
    assert sequences_behind() == []


def sequences_behind() -> list[str]:
    """The record's tables whose id sequence would hand out an id already taken."""
    behind = []
    with connection.cursor() as cursor:
        for model in RECORD_MODELS:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT (SELECT last_value FROM {sequence_of(cursor, table)}), "  # noqa: S608
                f'(SELECT coalesce(max(id), 0) FROM "{table}")'
            )
            last_value, max_id = cursor.fetchone()
            if last_value < max_id:
                behind.append(table)
    return behind


def sequence_of(cursor, table: str) -> str:
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    return cursor.fetchone()[0]


def test_a_signed_format_record_stripped_of_its_signature_is_refused_even_when_unsigned_allowed(
    record, live, media
):
    members = members_of(record)
    del members["signature"]
    before = snapshot(media)

    with pytest.raises(RecordError, match="not signed"):
        import_review(zipped(members), allow_unsigned=True)

    assert existing_rows_after(before, media) == before


def test_a_letter_on_a_filing_the_company_had_before_a_restore_still_imports(record, media):
    seed_demo()  # the company already holds the S-1 the record also carries
    import_review(record)

    later = FOLLOW_UP.replace("January 15, 2010", "February 1, 2010").replace(
        "Amendment No. 1 to Registration Statement", "Registration Statement"
    )
    letter = import_letter(parse_letter(later), received_on=date(2010, 2, 1))

    assert letter.review.company.name == "Calix Networks, Inc."
    assert letter.comments.count() == 2
