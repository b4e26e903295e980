import dataclasses
import json

import weasyprint
from helpers import letter_text, seed_text

from tracker.parsing import ParsedLetter, letter_from_json, letter_to_json, parse_letter
from tracker.parsing.corpus import main


def test_letter_to_json_shape_and_values():
    letter = parse_letter(seed_text())
    data = letter_to_json(letter)
    assert sorted(data) == sorted(
        field.name for field in dataclasses.fields(ParsedLetter) if field.name != "source_text"
    )
    assert data["date"] == "2009-12-17"
    assert data["filings"][0]["filed"] == "2009-11-20"
    assert data["comments"][3] == {
        "number": 4,
        "headings": ["General"],
        "pages": ["F-37"],
        "text": data["comments"][3]["text"],
        "request_types": ["revise"],
        "prior_comments": [],
        "prior_letter_date": None,
        "doubts": [],
    }
    assert data["signatory"] == {"name": "Larry Spirgel", "title": "Assistant Director"}
    assert json.loads(json.dumps(data)) == data


def test_letter_from_json_gives_back_the_letter():
    letter = parse_letter(letter_text("follow_up.txt"))
    assert letter_from_json(letter_to_json(letter), letter.source_text) == letter


def test_corpus_missing_folder_prints_one_line_and_exits_zero(tmp_path, capsys):
    assert main([str(tmp_path / "absent")]) == 0
    assert capsys.readouterr().out.count("\n") == 1


def test_corpus_reports_each_letter_and_summary(tmp_path, capsys):
    folder = tmp_path / "ACME" / "ACME_1"
    folder.mkdir(parents=True)
    html = "".join(f"<p>{block}</p>" for block in letter_text("drs.txt").split("\n\n"))
    (folder / "1_upload.pdf").write_bytes(weasyprint.HTML(string=html).write_pdf())
    (folder / "2_upload.pdf").write_bytes(b"%PDF-1.4 damaged")
    assert main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "ACME/ACME_1/1_upload.pdf  comments=2  gaps=-  kind=comments  -" in out
    assert "letters: 2" in out
    assert "with comments numbered 1..n without gaps: 1" in out
    assert "failures: 1" in out
