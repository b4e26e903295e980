"""What a review record may hold, and its rows read into a plan that names no database id.

A record is checked whole before anything is written. It may hold exactly the models in
RECORD_MODELS, with each model's own fields and nothing else, and users with USER_FIELDS only:
a record never sets a password, staff or superuser flag, group or permission. Each value must
convert to its field's type, fit its length and be one of its choices. A reference to another
row must name a row of the record (by its id in the record), a user of users.json (by username)
or one of the record's models (a content type, by app and model name).
"""

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from tracker.models import (
    Activity,
    Approval,
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Export,
    Filing,
    FilingReview,
    Membership,
    Note,
    Response,
    ResponseLetter,
    Revision,
    Section,
    SectionLink,
)

from .archive import RecordError

# In the order they are restored: each refers only to those above it, or to its own model.
RECORD_MODELS: tuple[type[models.Model], ...] = (
    Company,
    Membership,
    Filing,
    Section,
    FilingReview,
    CommentLetter,
    ResponseLetter,
    Comment,
    SectionLink,
    Response,
    Revision,
    Approval,
    Assignment,
    Note,
    Export,
    Activity,
)
BY_LABEL = {model._meta.label_lower: model for model in RECORD_MODELS}
# What a record says of a person. is_active is read from older records and ignored: a person
# new to this database is restored inactive, and an existing one is never changed.
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active")
# Ids inside an activity's detail, remapped with the rows they name.
ACTIVITY_DETAIL_IDS = {"section": Section}


@dataclass(frozen=True)
class Ref:
    """A row of the record, by its model and its id in the record."""

    model: type[models.Model]
    pk: int


@dataclass(frozen=True)
class UserRef:
    username: str


@dataclass(frozen=True)
class TypeRef:
    """A content type: one of the record's models."""

    model: type[models.Model]


@dataclass
class Row:
    """One row of the record: plain values by attribute name, references, many-to-many links
    (field name -> Refs) and stored file names (field name -> name in the record)."""

    model: type[models.Model]
    pk: int
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    refs: dict[str, Ref | UserRef | TypeRef | None] = dataclasses.field(default_factory=dict)
    many: dict[str, list[Ref]] = dataclasses.field(default_factory=dict)
    files: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.model._meta.model_name} {self.pk}"


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    email: str


@dataclass
class Plan:
    people: dict[str, Person]
    rows: list[Row]

    def of(self, model: type[models.Model]) -> list[Row]:
        return [row for row in self.rows if row.model is model]


def read_plan(users: list, objects: list) -> Plan:
    """The record's users and rows, checked as the module docstring says; RecordError names
    the first thing wrong."""
    people = {}
    for item in users:
        person = read_person(item)
        if person.username in people:
            raise RecordError(f"users.json names {person.username!r} twice.")
        people[person.username] = person
    rows = [read_row(item, people) for item in objects]
    check_rows(rows)
    return Plan(people=people, rows=rows)


def read_person(item: Any) -> Person:
    User = get_user_model()
    if not isinstance(item, dict) or set(item) - {"model", "fields"}:
        raise RecordError(f"users.json: not a user as a record writes one: {item!r:.80}")
    if item.get("model") != User._meta.label_lower:
        raise RecordError(f"users.json: {item.get('model')!r} is not the user model.")
    fields = item.get("fields")
    if not isinstance(fields, dict):
        raise RecordError("users.json: a user without fields.")
    label = f"users.json: user {fields.get('username')!r}"
    refused = sorted(set(fields) - set(USER_FIELDS))
    if refused:
        raise RecordError(f"{label} carries {', '.join(refused)}, which a record may not set.")
    values = {
        name: plain_value(label, User._meta.get_field(name), fields.get(name, ""))
        for name in ("username", "first_name", "last_name", "email")
    }
    if not values["username"]:
        raise RecordError("users.json: a user without a username.")
    return Person(**values)


def read_row(item: Any, people: dict[str, Person]) -> Row:
    if not isinstance(item, dict) or set(item) != {"model", "pk", "fields"}:
        raise RecordError(f"objects.json: not a row as a record writes one: {item!r:.80}")
    model = BY_LABEL.get(item["model"])
    if model is None:
        raise RecordError(f"objects.json: {item['model']!r} is not part of a review record.")
    pk = item["pk"]
    if not isinstance(pk, int) or isinstance(pk, bool) or pk < 1:
        raise RecordError(f"objects.json: {item['model']} with id {pk!r}: not a valid id.")
    if not isinstance(item["fields"], dict):
        raise RecordError(f"objects.json: {item['model']} {pk} has no fields.")
    row = Row(model=model, pk=pk)
    allowed = record_fields(model)
    for name, value in item["fields"].items():
        if name not in allowed:
            raise RecordError(f"{row.name}: {name!r} is not a field a record may set.")
        read_value(row, allowed[name], value, people)
    if model is Activity:
        target_type, target_id = row.refs.get("target_type"), row.values.pop("target_id", None)
        row.refs["target_id"] = Ref(target_type.model, target_id) if target_type else None
    return row


def record_fields(model: type[models.Model]) -> dict[str, models.Field]:
    """The fields a record sets: the model's own, without its id; many-to-many links that have
    no model of their own (a through model is a row of its own, e.g. SectionLink)."""
    concrete = {f.name: f for f in model._meta.concrete_fields if not f.primary_key}
    many = {
        f.name: f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created
    }
    return concrete | many


def read_value(row: Row, field: models.Field, value: Any, people: dict[str, Person]) -> None:
    label = f"{row.name}: {field.name}"
    if field.many_to_many:
        if not isinstance(value, list):
            raise RecordError(f"{label}: a list of ids was expected.")
        row.many[field.name] = [Ref(field.related_model, record_id(label, v)) for v in value]
    elif field.is_relation:
        row.refs[field.name] = reference(label, field, value, people)
    elif isinstance(field, models.FileField):
        row.files[field.name] = file_name(label, value)
    else:
        row.values[field.attname] = plain_value(label, field, value)


def reference(label: str, field: models.Field, value: Any, people: dict[str, Person]):
    if value is None:
        if not field.null:
            raise RecordError(f"{label}: may not be empty.")
        return None
    related = field.related_model
    if related is get_user_model():
        if not (isinstance(value, list) and len(value) == 1 and value[0] in people):
            raise RecordError(f"{label}: {value!r} is not a user listed in users.json.")
        return UserRef(value[0])
    if related is ContentType:
        model = BY_LABEL.get(".".join(value) if isinstance(value, list) else "")
        if model is None or not all(isinstance(part, str) for part in value):
            raise RecordError(f"{label}: {value!r} is not one of the record's models.")
        return TypeRef(model)
    if related in RECORD_MODELS:
        return Ref(related, record_id(label, value))
    raise RecordError(f"{label}: refers to {related._meta.label}, outside the record.")


def record_id(label: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise RecordError(f"{label}: {value!r} is not a valid id.")
    return value


def file_name(label: str, value: Any) -> str:
    from .archive import safe_storage_name

    if not isinstance(value, str) or (value and not safe_storage_name(value)):
        raise RecordError(f"{label}: refusing the file name {value!r} (outside the storage).")
    return value


def plain_value(label: str, field: models.Field, value: Any) -> Any:
    """The value as the field's type, checked against its length, choices and nullability."""
    try:
        converted = field.to_python(value)
        if converted is None and not field.null:
            raise ValidationError("may not be empty")
        choices = {choice for choice, _ in field.flatchoices}
        if field.choices and converted not in field.empty_values and converted not in choices:
            raise ValidationError(f"{converted!r} is not one of its choices")
        if converted is not None:
            field.run_validators(converted)
    except ValidationError as error:
        raise RecordError(f"{label}: {'; '.join(error.messages)}") from error
    except (TypeError, ValueError) as error:
        raise RecordError(f"{label}: {value!r:.80} is not a valid value.") from error
    return converted


def check_rows(rows: list[Row]) -> None:
    """One company and one review; no id twice; every reference names a row of the record; no
    required reference left out."""
    present = {(row.model, row.pk) for row in rows}
    if len(present) != len(rows):
        raise RecordError("objects.json holds the same row twice.")
    for model in (Company, FilingReview):
        count = sum(row.model is model for row in rows)
        if count != 1:
            name = model._meta.verbose_name_plural
            raise RecordError(f"A review record holds exactly one of its {name}, not {count}.")
    for row in rows:
        check_row_refs(row, present)


def check_row_refs(row: Row, present: set[tuple[type[models.Model], int]]) -> None:
    links = [(name, ref) for name, refs in row.many.items() for ref in refs]
    for name, ref in list(row.refs.items()) + links:
        if isinstance(ref, Ref) and (ref.model, ref.pk) not in present:
            raise RecordError(
                f"{row.name}: {name} names {ref.model._meta.model_name} {ref.pk}, "
                "which is not in the record."
            )
    for field in row.model._meta.concrete_fields:
        if field.is_relation and not field.null and field.name not in row.refs:
            raise RecordError(f"{row.name}: {field.name} is missing.")
    if row.model is Company and not row.values.get("name"):
        raise RecordError(f"{row.name}: a company without a name.")
