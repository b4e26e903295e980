"""`make parse-compare`: does this tree's letter parser give what a base revision's gave?

Parses every staff letter of CORPUS (``*_upload.flat.txt``, and ``*_upload.pdf`` unless
``PDFS=0``) and synthetic letters of 1 to 1,000 comments (as lines and as one line) with the
parser of BASE (a git revision, default: where this branch left main) and with this tree's,
then lists every letter whose parse differs in any field, source text, warnings or error.
Exit status 1 when one differs. Each side runs in its own process; BASE's ``tracker/parsing``
is read from git into a temporary folder.
"""

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_SIZES = (1, 2, 10, 100, 333, 1000)


def letters(corpus: Path, pdfs: bool) -> list[Path]:
    patterns = ["*_upload.flat.txt"] + (["*_upload.pdf"] if pdfs else [])
    return sorted(path for pattern in patterns for path in corpus.rglob(pattern))


def parse_all(corpus: Path, pdfs: bool) -> dict[str, str]:
    """Letter name -> its parse as JSON (or the error raised), with the parser importable here."""
    from tracker.parsing import ParseError, parse_letter, parse_letter_file
    from tracker.parsing.samples import synthetic_letter

    def outcome(parse, content) -> str:
        try:
            return json.dumps(dataclasses.asdict(parse(content)), default=str, sort_keys=True)
        except ParseError as error:
            return f"{type(error).__name__}: {error}"

    results = {}
    for size in SYNTHETIC_SIZES:
        text = synthetic_letter(size)
        results[f"synthetic {size}"] = outcome(parse_letter, text)
        results[f"synthetic {size} one line"] = outcome(parse_letter, " ".join(text.split()))
    for path in letters(corpus, pdfs):
        results[str(path.relative_to(corpus))] = outcome(parse_letter_file, path.read_bytes())
    return results


def run_side(code_root: Path, corpus: Path, pdfs: bool, out: Path) -> None:
    env = os.environ | {"PYTHONPATH": str(code_root)}
    arguments = [sys.executable, __file__, "--side", str(corpus), str(int(pdfs)), str(out)]
    subprocess.run(arguments, env=env, cwd=code_root, check=True)


def base_tree(base: str, folder: Path) -> Path:
    """BASE's parsing package alone, under a bare ``tracker`` package."""
    archive = subprocess.run(
        ["git", "archive", base, "tracker/parsing"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    (folder / "tracker" / "__init__.py").write_text("")
    return folder


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    lines = []
    for name in sorted(before.keys() | after.keys()):
        if before.get(name) != after.get(name):
            lines.append(f"DIFFERS {name}\n  base: {before.get(name)}\n  this: {after.get(name)}")
    return lines


def main() -> int:
    corpus = Path(os.environ.get("CORPUS") or ROOT.parent / "shared" / "corpus").resolve()
    pdfs = os.environ.get("PDFS", "1") != "0"
    base = os.environ.get("BASE") or _merge_base()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        run_side(base_tree(base, work), corpus, pdfs, work / "base.json")
        run_side(ROOT, corpus, pdfs, work / "this.json")
        before = json.loads((work / "base.json").read_text())
        after = json.loads((work / "this.json").read_text())
    found = differences(before, after)
    print("\n".join(found) or f"{len(after)} letters parse the same as at {base[:12]}")
    return 1 if found else 0


def _merge_base() -> str:
    command = ["git", "merge-base", "main", "HEAD"]
    found = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return found.stdout.strip()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--side"]:
        corpus, pdfs, out = sys.argv[2:5]
        sys.path.insert(0, os.environ["PYTHONPATH"])
        Path(out).write_text(json.dumps(parse_all(Path(corpus), pdfs == "1")))
        sys.exit(0)
    sys.exit(main())
