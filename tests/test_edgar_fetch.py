"""fetch_correspondence against a local server answering as EDGAR does: the company index, the
filing index and the documents (our own small letters)."""

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.library_letters import FIRST_LETTER, HARBOR_REVIEW
from tracker.domain.library.edgar import fetch_company
from tracker.edgar import EdgarClient, EdgarError
from tracker.models import LibraryComment, LibraryDocument, LibraryThread

AGENT = "corresp legal-ops@example.com"
CIK = "1234567"
FILED = ["2021-03-01", "2021-03-15", "2021-04-02", "2021-04-16", "2021-04-30"]
# A second review, a year later: a new 10-K's letter, naming no earlier letter.
NEXT_REVIEW = ("0000000000-22-000404", "2022-03-01")


class Edgar:
    """What the server answers: path -> answers in turn (status, body), the last one kept."""

    def __init__(self):
        self.answers: dict[str, list[tuple[int, bytes]]] = {}
        self.seen: list[tuple[str, str]] = []  # (path, User-Agent)

    def serve(self, path: str, body: bytes, *statuses: int) -> None:
        self.answers[path] = [(status, b"busy") for status in statuses] + [(200, body)]

    def answer(self, path: str) -> tuple[int, bytes]:
        queue = self.answers.get(path)
        if not queue:
            return 404, b"not found"
        return queue.pop(0) if len(queue) > 1 else queue[0]


def index(documents) -> bytes:
    recent = {"form": [], "accessionNumber": [], "filingDate": [], "primaryDocument": []}
    for accession, suffix, filed in documents:
        recent["form"].append("UPLOAD" if suffix.startswith("upload") else "CORRESP")
        recent["accessionNumber"].append(accession)
        recent["filingDate"].append(filed)
        recent["primaryDocument"].append(f"{accession}.txt")
    # EDGAR lists the company's other filings too: they are not correspondence.
    recent["form"].append("10-K")
    recent["accessionNumber"].append("0001234567-21-000001")
    recent["filingDate"].append("2021-02-26")
    recent["primaryDocument"].append("hlc-10k.htm")
    return json.dumps(
        {"cik": CIK, "name": "HARBOR LIGHTS CORP", "filings": {"recent": recent}}
    ).encode()


@pytest.fixture
def edgar(settings):
    state = Edgar()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.seen.append((self.path, self.headers.get("User-Agent", "")))
            status, body = state.answer(self.path)
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.EDGAR_USER_AGENT = AGENT
    settings.EDGAR_WWW_URL = settings.EDGAR_DATA_URL = base
    settings.EDGAR_BACKOFF_SECONDS = 0.01
    tickers = {"0": {"cik_str": int(CIK), "ticker": "HLC", "title": "Harbor Lights Corp"}}
    state.serve("/files/company_tickers.json", json.dumps(tickers).encode())
    yield state
    server.shutdown()
    server.server_close()


def publish(edgar: Edgar, documents) -> None:
    """documents: (accession, suffix, text, filed) served at their Archives paths."""
    edgar.serve(
        f"/submissions/CIK{int(CIK):010d}.json", index([(a, s, f) for a, s, _, f in documents])
    )
    for accession, _, text, _ in documents:
        edgar.serve(
            f"/Archives/edgar/data/{CIK}/{accession.replace('-', '')}/{accession}.txt",
            text.encode(),
        )


HARBOR = [(*document, filed) for document, filed in zip(HARBOR_REVIEW, FILED, strict=True)]
SECOND = (NEXT_REVIEW[0], "upload", FIRST_LETTER.replace("2021", "2022"), NEXT_REVIEW[1])


@pytest.mark.django_db
def test_fetch_imports_a_companys_reviews_as_threads(edgar):
    publish(edgar, [*HARBOR, SECOND])
    run = fetch_company(ticker="hlc")
    assert (run.documents_imported, run.threads_total) == (6, 2)
    keys = sorted(LibraryThread.objects.values_list("key", flat=True))
    assert keys == ["HLC_0000000000-21-000101", "HLC_0000000000-22-000404"]
    segments = LibraryComment.objects.get(letter__accession="0000000000-21-000101", number=2)
    assert segments.outcome == LibraryComment.FOLLOWED_UP
    assert segments.answer.startswith("The Company respectfully advises the Staff")
    assert LibraryThread.objects.get(key=keys[0]).cik == f"{int(CIK):010d}"


@pytest.mark.django_db
def test_fetch_declares_its_user_agent_on_every_request(edgar):
    publish(edgar, HARBOR[:1])
    fetch_company(cik=CIK)
    assert edgar.seen
    assert {agent for _, agent in edgar.seen} == {AGENT}


def test_fetch_refuses_to_start_without_a_user_agent(settings):
    settings.EDGAR_USER_AGENT = ""
    with pytest.raises(CommandError, match="EDGAR_USER_AGENT is not set"):
        call_command("fetch_correspondence", "--ticker", "HLC")


def test_eleven_requests_take_at_least_a_second(edgar, settings):
    client = EdgarClient.from_settings()
    start = time.monotonic()
    for _ in range(11):
        client.get(f"{settings.EDGAR_WWW_URL}/files/company_tickers.json")
    assert time.monotonic() - start >= 0.95


def test_a_503_and_a_429_are_tried_again(edgar, settings):
    edgar.serve("/busy.json", b"{}", 503, 429)
    client = EdgarClient.from_settings()
    assert client.get(f"{settings.EDGAR_WWW_URL}/busy.json") == b"{}"
    assert [path for path, _ in edgar.seen].count("/busy.json") == 3


def test_an_answer_past_the_size_bound_is_refused(edgar, settings):
    settings.EDGAR_MAX_BYTES = 10
    client = EdgarClient.from_settings()
    with pytest.raises(EdgarError, match="larger than"):
        client.get(f"{settings.EDGAR_WWW_URL}/files/company_tickers.json")


@pytest.mark.django_db
def test_fetch_again_downloads_and_imports_nothing_new(edgar, capsys):
    publish(edgar, HARBOR)
    call_command("fetch_correspondence", "--ticker", "HLC")
    capsys.readouterr()
    edgar.seen.clear()
    call_command("fetch_correspondence", "--ticker", "HLC")
    assert "Nothing new: the library already holds the 5 documents" in capsys.readouterr().out
    assert not [path for path, _ in edgar.seen if path.startswith("/Archives/")]
    assert LibraryDocument.objects.count() == 5


@pytest.mark.django_db
def test_a_later_document_joins_the_review_it_belongs_to(edgar):
    publish(edgar, HARBOR[:4])
    fetch_company(ticker="HLC")
    publish(edgar, HARBOR)
    run = fetch_company(ticker="HLC", since=None)
    assert (run.documents_imported, run.documents_skipped) == (1, 4)
    assert LibraryThread.objects.count() == 1
    revenue = LibraryComment.objects.get(letter__accession="0000000000-21-000101", number=1)
    assert revenue.outcome == LibraryComment.CLOSED


@pytest.mark.django_db
def test_fetch_since_a_date_leaves_out_what_was_filed_before(edgar):
    publish(edgar, [*HARBOR, SECOND])
    run = fetch_company(ticker="HLC", since=dt.date(2022, 1, 1))
    assert run.documents_imported == 1


@pytest.mark.django_db
def test_an_unknown_ticker_is_refused_with_a_clear_message(edgar):
    with pytest.raises(CommandError, match="EDGAR lists no company with the ticker 'ZZZZ'"):
        call_command("fetch_correspondence", "--ticker", "ZZZZ")
