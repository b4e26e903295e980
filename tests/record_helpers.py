"""Reading, comparing and crafting review records in tests."""

import hashlib
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import models

from tracker.domain.record.archive import write_record


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def objects_of(data: bytes) -> list[dict]:
    """The record's objects; times to the millisecond, as the JSON serializer writes them (a
    time whose milliseconds are .000 comes back from the database written without them)."""
    text = members_of(data)["objects.json"].decode()
    return json.loads(re.sub(r'(T\d\d:\d\d:\d\d)\.000Z"', r'\1Z"', text))


def rows_without_ids(data: bytes) -> list[tuple[str, dict]]:
    """The record's rows with every id replaced by the row's position among its model's rows
    in the record, and every stored file by the digest of its bytes: two records of the same
    review compare equal whatever ids and file names each database gave."""
    objects, files = objects_of(data), members_of(data)
    counts: Counter = Counter()
    position = {}
    for obj in objects:
        position[(obj["model"], obj["pk"])] = counts[obj["model"]]
        counts[obj["model"]] += 1

    def ref(model: type[models.Model], pk: int | None):
        return None if pk is None else position.get((model._meta.label_lower, pk), ("out", pk))

    rows = []
    for obj in objects:
        model = apps.get_model(obj["model"])
        fields = {}
        for name, value in obj["fields"].items():
            field = model._meta.get_field(name)
            if field.many_to_many:
                value = sorted(ref(field.related_model, pk) for pk in value)
            elif field.is_relation and field.related_model._meta.app_label == "tracker":
                value = ref(field.related_model, value)
            elif isinstance(field, models.FileField) and value:
                value = hashlib.sha256(files[f"files/{value}"]).hexdigest()
            fields[name] = value
        if model._meta.model_name == "activity":
            target = apps.get_model(*fields["target_type"])
            fields["target_id"] = ref(target, fields["target_id"])
        rows.append((obj["model"], fields))
    return rows


def recrafted(
    data: bytes,
    change: Callable[[list, list, dict], None],
    *,
    signed: bool = True,
) -> bytes:
    """The record with `change(users, objects, files)` applied, signed again with the
    installation's key (as someone holding the key could), or not signed at all."""
    members = members_of(data)
    manifest = json.loads(members.pop("manifest.json"))
    manifest.pop("members", None)
    members.pop("signature", None)
    users, objects = json.loads(members["users.json"]), json.loads(members["objects.json"])
    files = {name: data for name, data in members.items() if name.startswith("files/")}
    change(users, objects, files)
    members = {
        "users.json": json.dumps(users).encode(),
        "objects.json": json.dumps(objects).encode(),
        **files,
    }
    if signed:
        return write_record(manifest, members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps({**manifest, "format": FORMAT_1}))
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


FORMAT_1 = "corresp-review-record/1"


def snapshot(media: Path) -> dict:
    """Every row of every table, and every stored file with its digest."""
    rows = {
        model._meta.label: serializers.serialize("python", model._base_manager.order_by("pk"))
        for model in apps.get_models()
    }
    files = (
        {
            str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(media.rglob("*"))
            if path.is_file()
        }
        if media.exists()
        else {}
    )
    return {"rows": rows, "files": files}


def existing_rows_after(before: dict, media: Path) -> dict:
    """The snapshot now, of the rows and files that were there `before` only."""
    after = snapshot(media)
    rows = {
        label: [row for row in after["rows"][label] if row["pk"] in {r["pk"] for r in old}]
        for label, old in before["rows"].items()
    }
    files = {name: digest for name, digest in after["files"].items() if name in before["files"]}
    return {"rows": rows, "files": files}


def user(username: str):
    return get_user_model().objects.get(username=username)
