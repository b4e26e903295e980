"""Hand-made files for the tests of damaged and hostile input: Word parts, PDFs, zips."""

import io
import zipfile
import zlib

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(body: str | None, extra: dict[str, bytes] | None = None) -> bytes:
    """A Word file made by python-docx whose document part is replaced: `body` is the XML
    inside <w:body>, or None for a document without a body; `extra` adds parts."""
    out = io.BytesIO()
    docx.Document().save(out)
    inner = "" if body is None else f"<w:body>{body}</w:body>"
    document = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}">{inner}</w:document>'
    return replace_parts(out.getvalue(), {"word/document.xml": document.encode(), **(extra or {})})


def replace_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED)
        for name, content in parts.items():
            target.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def paragraph(text: str, properties: str = "") -> str:
    return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"


def table(rows: list[list[tuple[str, str]]]) -> str:
    """Rows of (cell properties XML, cell text)."""
    cells = (
        "".join(f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph(text)}</w:tc>" for props, text in row)
        for row in rows
    )
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in cells) + "</w:tbl>"


def declare_smaller(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s size in the central directory rewritten to `size`: a lying header."""
    return patch_entry(data, name, 24, size.to_bytes(4, "little"))


def mark_encrypted(data: bytes, name: str) -> bytes:
    """The zip with `name` flagged as encrypted in the central directory."""
    return patch_entry(data, name, 8, b"\x01\x00")


def patch_entry(data: bytes, name: str, offset: int, value: bytes) -> bytes:
    """`value` written at `offset` into `name`'s central directory entry."""
    entry = data.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(data[entry + 28 : entry + 30], "little")
        if data[entry + 46 : entry + 46 + name_length] == name.encode():
            return data[: entry + offset] + value + data[entry + offset + len(value) :]
        entry = data.index(b"PK\x01\x02", entry + 4)


def pdf_bytes(content: bytes, *, compress: bool = False, to_unicode: bytes = b"") -> bytes:
    """A one-page PDF written by hand: `content` is the page's content stream (Flate-compressed
    when `compress`); `to_unicode`, a CMap giving the font's characters their Unicode."""
    stream = zlib.compress(content, 9) if compress else content
    flate = b"/Filter /FlateDecode " if compress else b""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
    font += b" /ToUnicode 6 0 R >>" if to_unicode else b" >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< " + flate + b"/Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        font,
    ]
    if to_unicode:
        objects.append(
            b"<< /Length %d >>\nstream\n" % len(to_unicode) + to_unicode + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_content(*lines: bytes) -> bytes:
    """A content stream writing each line in 12-point Helvetica, one under the other."""
    shown = b"".join(b"(%s) Tj 0 -14 Td " % line for line in lines)
    return b"BT /F1 12 Tf 72 720 Td " + shown + b"ET"


NUL_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test def 1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfchar <2A> <0000> endbfchar
1 beginbfrange <20> <29> <0020> endbfrange
1 beginbfrange <2B> <7E> <002B> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""
