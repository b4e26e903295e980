"""Restoring a review record as new rows, beside whatever the database already holds.

Every row of the record is inserted as a new row with a new id, and every reference in it (a
letter's review, a revision's author, an activity's target, the filing an amendment amends, a
comment's follow-ups) is remapped to the new ids. Nothing that exists is changed:

- People are matched by username. Someone this database knows keeps his password, flags, name
  and e-mail as they are; someone it does not know is created inactive, without staff or
  superuser rights and with an unusable password, for an administrator to activate.
- The company is matched by name (its natural key). A company of that name that exists already
  is the one the review is restored under, and stays as it is (time zone, letterhead, CIK and
  two-factor rule included): restoring a review onto an existing company adds the review, its
  filings and its history to that company, and leaves its memberships as they are (who may
  see a company's letters is for its administrators to say, never a record). A company the
  restore creates gets the record's members, with the roles they had.
- Filings have no natural key, so the review's filings are restored as filings of their own,
  even where the company already has the same filing.
- A stored file is saved under a free name (its own when it is free) and its row points at it;
  a file the row names but the record does not carry (lost before the record was written) is
  left out, so that a row never points at another row's file.

Each review is restored once: its identity (FilingReview.uid) travels in the record.

Every new row takes its id from the database (no row is inserted with an id from the record), so
on PostgreSQL the id sequences stay ahead of every row and need no reset after a restore. A reset
(setval to the largest id) would even be unsafe in a live database: it can set a sequence back
below an id that a concurrent transaction has taken but not yet committed.
"""

import hashlib
import json
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction

from tracker.models import Activity, Company, FilingReview, Membership

from .archive import Archive, RecordError, open_record
from .schema import (
    ACTIVITY_DETAIL_IDS,
    RECORD_MODELS,
    Person,
    Plan,
    Ref,
    Row,
    TypeRef,
    UserRef,
    read_plan,
)


def import_review(data: bytes, *, allow_unsigned: bool = False) -> FilingReview:
    """Restore the record in `data` (zip bytes written by export_review); returns the new review.

    The record is checked whole first (archive.open_record, schema.read_plan); then all of it is
    restored in one transaction, or nothing is and no file is left behind. Raises RecordError
    naming what is wrong: a bad or missing signature (a record written before signing is read
    only with `allow_unsigned`), anything the schema does not allow, or a review restored
    already."""
    archive = open_record(data, allow_unsigned=allow_unsigned)
    plan = read_plan(archive.users, archive.objects)
    uid = review_uid(plan, archive)
    saved: list[str] = []
    try:
        with transaction.atomic():
            refuse_a_second_restore(uid)
            return Restore(plan, archive, uid, saved).run()
    except IntegrityError as error:
        remove(saved)
        refuse_a_second_restore(uid)
        raise RecordError(f"The record could not be restored: {error}") from error
    except BaseException:
        remove(saved)
        raise


def review_uid(plan: Plan, archive: Archive) -> uuid.UUID:
    """The review's identity; for a record written before reviews had one, a name derived from
    the record's rows, so that the same file is still restored only once."""
    uid = plan.of(FilingReview)[0].values.get("uid")
    if uid is None:
        rows = json.dumps(archive.objects, sort_keys=True).encode()
        digest = hashlib.sha256(rows).hexdigest()
        uid = uuid.uuid5(uuid.NAMESPACE_URL, f"corresp-review-record:{digest}")
    return uid


def refuse_a_second_restore(uid: uuid.UUID) -> None:
    existing = FilingReview.objects.filter(uid=uid).select_related("company").first()
    if existing:
        raise RecordError(
            f"This database holds this review already: {existing} of {existing.company} "
            f"(review #{existing.pk}). A review is restored only once."
        )


def remove(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


class Restore:
    """One restoration: the plan's rows inserted in order, with the ids they get here."""

    def __init__(self, plan: Plan, archive: Archive, uid: uuid.UUID, saved: list[str]):
        self.plan, self.archive, self.uid, self.saved = plan, archive, uid, saved
        self.ids: dict[tuple[type[models.Model], int], int] = {}
        self.users: dict[str, AbstractBaseUser] = {}
        self.later: list[tuple[Row, str, Ref]] = []

    def run(self) -> FilingReview:
        for person in self.plan.people.values():
            self.users[person.username] = user_for(person)
        self.company, created = company_for(self.plan.of(Company)[0])
        self.ids[(Company, self.plan.of(Company)[0].pk)] = self.company.pk
        # Who may see an existing company's letters is its administrators' choice, never a
        # record's: its members are the record's only where the restore creates the company.
        for row in self.plan.of(Membership) if created else []:
            self.add_membership(row)
        for model in RECORD_MODELS[2:]:
            for row in self.plan.of(model):
                self.ids[(model, row.pk)] = self.insert(row).pk
        self.link_later()
        self.restore_files()
        review = self.plan.of(FilingReview)[0]
        return FilingReview.objects.get(pk=self.ids[(FilingReview, review.pk)])

    def insert(self, row: Row) -> models.Model:
        obj = row.model(**self.values_of(row))
        if row.model is FilingReview:
            obj.uid = self.uid
        # A raw save inserts the values as they are: the record's times, not the time of the
        # restore (auto_now and auto_now_add apply only to ordinary saves).
        obj.save_base(raw=True)
        return obj

    def values_of(self, row: Row) -> dict:
        values = dict(row.values)
        for name, ref in row.refs.items():
            attname = row.model._meta.get_field(name).attname
            if isinstance(ref, Ref) and (ref.model, ref.pk) not in self.ids:
                self.later.append((row, attname, ref))  # its own model, inserted after it
                continue
            values[attname] = self.resolve(ref)
        if row.model is Activity:
            values["detail"] = self.remapped_detail(values.get("detail"))
        return values

    def resolve(self, ref: Ref | UserRef | TypeRef | None):
        """The id here of what `ref` names (a content type as the object itself)."""
        if isinstance(ref, UserRef):
            return self.users[ref.username].pk
        if isinstance(ref, TypeRef):
            from django.contrib.contenttypes.models import ContentType

            return ContentType.objects.get_for_model(ref.model).pk
        return None if ref is None else self.ids[(ref.model, ref.pk)]

    def remapped_detail(self, detail):
        if not isinstance(detail, dict):
            return detail
        remapped = dict(detail)
        for key, model in ACTIVITY_DETAIL_IDS.items():
            if key in detail:
                # An id of a row outside the record would name some other row here.
                remapped[key] = self.ids.get((model, detail[key]))
        return remapped

    def add_membership(self, row: Row) -> None:
        user = self.users[row.refs["user"].username]
        if not Membership.objects.filter(user=user, company=self.company).exists():
            Membership(**row.values, user=user, company=self.company).save_base(raw=True)

    def link_later(self) -> None:
        """References within a model (an amendment's filing, a section's parent, a revision's
        base) and many-to-many links, once every row exists."""
        for row, attname, ref in self.later:
            row.model._base_manager.filter(pk=self.ids[(row.model, row.pk)]).update(
                **{attname: self.ids[(ref.model, ref.pk)]}
            )
        for row in self.plan.rows:
            for name, refs in row.many.items():
                obj = row.model(pk=self.ids[(row.model, row.pk)])
                getattr(obj, name).set([self.ids[(ref.model, ref.pk)] for ref in refs])

    def restore_files(self) -> None:
        """Each stored file the rows name, saved once the rows are in; its row then points at
        the name it was saved under."""
        for row in self.plan.rows:
            for name, stored in row.files.items():
                attname = row.model._meta.get_field(name).attname
                value = self.save_file(stored) if stored in self.archive.files else ""
                row.model._base_manager.filter(pk=self.ids[(row.model, row.pk)]).update(
                    **{attname: value}
                )

    def save_file(self, name: str) -> str:
        try:
            saved = default_storage.save(name, ContentFile(self.archive.file(name)))
        except OSError as error:
            raise RecordError(f"Could not store {name}: {error}") from error
        self.saved.append(saved)
        return saved


def user_for(person: Person) -> AbstractBaseUser:
    """The user of that username here, unchanged; or a new one who cannot log in yet."""
    User = get_user_model()
    existing = User.objects.filter(username=person.username).first()
    if existing:
        return existing
    user = User(
        username=person.username,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user


def company_for(row: Row) -> tuple[Company, bool]:
    """The company of that name here, unchanged; or the record's company, new (True)."""
    existing = Company.objects.filter(name=row.values["name"]).first()
    if existing:
        return existing, False
    company = Company(**row.values)
    company.save_base(raw=True)
    return company, True
