"""The record's zip: written with a manifest and a signature, read back within bounds.

A record holds `manifest.json`, `users.json`, `objects.json`, `files/<storage name>` for each
stored file, and `signature`. The manifest lists every other member with its size and SHA-256;
the signature is Django's HMAC (django.core.signing, key RECORD_SIGNING_KEY, not SECRET_KEY) of
the manifest's digest, so changing, adding or removing any member breaks it. Records written
before signing have neither the list nor the signature.
"""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core import signing

RECORD_FORMAT = "corresp-review-record/2"
# Format 1: the same members, without the list of members and the signature.
FORMATS = {"corresp-review-record/1", RECORD_FORMAT}
SIGNING_SALT = "corresp.review-record"
JSON_MEMBERS = ("manifest.json", "users.json", "objects.json")

# Bounds on what a record may unpack to, so that a zip bomb is refused before it is read. A
# staff letter or an exported letter is a few megabytes; a review's JSON, a few more.
MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_RECORD_BYTES = 1024 * 1024 * 1024


class RecordError(Exception):
    """The record cannot be restored; the message says why."""


@dataclass(frozen=True)
class Archive:
    """An opened record: its parsed JSON members and the stored files it carries, by name."""

    manifest: dict
    users: list
    objects: list
    signed: bool
    zipfile: zipfile.ZipFile
    files: frozenset[str]

    def file(self, name: str) -> bytes:
        """The bytes of the stored file `name` (its storage name, without "files/")."""
        return read_member(self.zipfile, f"files/{name}")


def signer() -> signing.Signer:
    return signing.Signer(key=settings.RECORD_SIGNING_KEY, salt=SIGNING_SALT)


def write_record(manifest: dict, members: dict[str, bytes]) -> bytes:
    """The zip of `members` (name -> bytes) with the manifest listing them, signed."""
    listed = {
        name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in members.items()
    }
    manifest_bytes = json.dumps({**manifest, "members": listed}, indent=1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest_bytes)
        for name, data in members.items():
            archive.writestr(name, data)
        digest = hashlib.sha256(manifest_bytes).hexdigest()
        archive.writestr("signature", signer().sign(digest))
    return buffer.getvalue()


def open_record(data: bytes, *, allow_unsigned: bool = False) -> Archive:
    """The record in `data`, checked: a zip within the bounds above, member names that stay
    inside the storage, a known format, and a good signature over every member.

    Raises RecordError naming what is wrong. A record without a signature (written before
    records were signed) is read only with `allow_unsigned`; a wrong signature never is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise RecordError("This is not a corresp review record (not a zip file).") from error
    check_members(archive)
    manifest_bytes = read_member(archive, "manifest.json")
    manifest = parse_json("manifest.json", manifest_bytes, dict)
    if manifest.get("format") not in FORMATS:
        raise RecordError(f"Unknown record format {manifest.get('format')!r}.")
    # Only the format written before signing may come unsigned: a record of the signed format
    # without its signature had it removed.
    unsigned_format = manifest["format"] != RECORD_FORMAT
    signed = check_signature(archive, manifest_bytes, allow_unsigned and unsigned_format)
    if signed:
        check_listed_members(archive, manifest)
    return Archive(
        manifest=manifest,
        users=parse_json("users.json", read_member(archive, "users.json"), list),
        objects=parse_json("objects.json", read_member(archive, "objects.json"), list),
        signed=signed,
        zipfile=archive,
        files=frozenset(
            name.removeprefix("files/")
            for name in archive.namelist()
            if name.startswith("files/") and not name.endswith("/")
        ),
    )


def check_members(archive: zipfile.ZipFile) -> None:
    """Refuse a record whose members unpack to too much, or whose names leave the storage."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise RecordError(f"The record has {len(members)} members; at most {MAX_MEMBERS}.")
    for info in members:
        if info.file_size > MAX_MEMBER_BYTES:
            raise RecordError(
                f"{info.filename} unpacks to {info.file_size} bytes; "
                f"a member may have at most {MAX_MEMBER_BYTES}."
            )
        if not info.filename.endswith("/"):
            check_member_name(info.filename)
    total = sum(info.file_size for info in members)
    if total > MAX_RECORD_BYTES:
        raise RecordError(
            f"The record unpacks to {total} bytes; a record may have at most {MAX_RECORD_BYTES}."
        )
    for name in JSON_MEMBERS:
        if name not in archive.namelist():
            raise RecordError(f"This is not a corresp review record (no {name}).")


def check_member_name(name: str) -> None:
    known = name in JSON_MEMBERS or name == "signature"
    if not known and not (name.startswith("files/") and safe_storage_name(name[6:])):
        raise RecordError(f"Refusing the record: it holds {name!r}, which is not a record member.")


def safe_storage_name(name: str) -> bool:
    """Whether `name` is a relative path inside the storage: no "..", no absolute path, no
    backslash or drive, nothing empty."""
    path = PurePosixPath(name)
    parts = name.split("/")
    return (
        bool(name)
        and not path.is_absolute()
        and "\\" not in name
        and ":" not in name
        and all(part not in {"", ".", ".."} for part in parts)
    )


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """The member's bytes, never more than its header declares (itself bounded above)."""
    try:
        info = archive.getinfo(name)
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise RecordError(f"Could not read {name} from the record: {error}") from error
    if len(data) != info.file_size:
        raise RecordError(f"{name} does not unpack to the size its header declares.")
    return data


def parse_json(name: str, data: bytes, shape: type) -> dict | list:
    try:
        value = json.loads(data)
    except ValueError as error:
        raise RecordError(f"{name} is not valid JSON: {error}") from error
    if not isinstance(value, shape):
        raise RecordError(f"{name} must hold a JSON {'object' if shape is dict else 'list'}.")
    return value


def check_signature(archive: zipfile.ZipFile, manifest_bytes: bytes, allow_unsigned: bool) -> bool:
    """Whether the record is signed; raises RecordError for a wrong signature, or a missing one
    unless unsigned records are allowed."""
    if "signature" not in archive.namelist():
        if allow_unsigned:
            return False
        raise RecordError(
            "The record is not signed. Only records written before signing (format "
            "corresp-review-record/1) are restored unsigned, when an administrator allows it "
            "(import_review --allow-unsigned)."
        )
    signature = read_member(archive, "signature").decode(errors="replace")
    try:
        digest = signer().unsign(signature)
    except signing.BadSignature as error:
        raise RecordError(
            "The record's signature is wrong: it was changed, or signed with another "
            "RECORD_SIGNING_KEY."
        ) from error
    if digest != hashlib.sha256(manifest_bytes).hexdigest():
        raise RecordError("The record's signature does not match its manifest.")
    return True


def check_listed_members(archive: zipfile.ZipFile, manifest: dict) -> None:
    """Every member but the manifest and the signature is listed, with its size and digest."""
    listed = manifest.get("members")
    if not isinstance(listed, dict):
        raise RecordError("The signed manifest does not list the record's members.")
    present = {
        name for name in archive.namelist() if name not in {"manifest.json", "signature"}
    } - {name for name in archive.namelist() if name.endswith("/")}
    if present != set(listed):
        unexpected = sorted(present ^ set(listed))
        raise RecordError(f"The record's members differ from its manifest: {unexpected}")
    for name in sorted(present):
        data = read_member(archive, name)
        if listed[name] != {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}:
            raise RecordError(f"{name} differs from what the signed manifest says.")
