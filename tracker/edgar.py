"""A small EDGAR client: a company's filing index and its documents, fetched the way the SEC
asks automated clients to fetch (https://www.sec.gov/os/accessing-edgar-data):

- every request declares who makes it: a User-Agent "corresp <contact e-mail>" from the
  EDGAR_USER_AGENT setting; without one the client refuses to start;
- at most 10 requests a second from this process, whatever thread asks (one shared limiter);
- a 429 (too many requests), a 5xx answer or a timeout is tried again after an exponential
  backoff (the Retry-After the server gives, when it gives one);
- every answer is read up to a size bound, within a timeout.

The base URLs come from settings (EDGAR_WWW_URL, EDGAR_DATA_URL), so tests point them at a
local server. Nothing here writes to the database.
"""

import datetime as dt
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

FORMS = ("UPLOAD", "CORRESP")
RETRIED_STATUSES = {429, 500, 502, 503, 504}


class EdgarError(Exception):
    """EDGAR could not give what was asked; the message says why, for the person running it."""


class RateLimiter:
    """At most `per_second` calls to `wait()` a second, across threads."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)


_LIMITERS: dict[float, RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def shared_limiter(per_second: float) -> RateLimiter:
    """The process's one limiter for this rate: every client shares it."""
    with _LIMITERS_LOCK:
        return _LIMITERS.setdefault(per_second, RateLimiter(per_second))


@dataclass(frozen=True)
class EdgarFiling:
    form: str  # UPLOAD or CORRESP
    accession: str  # 0000000000-21-000101
    filed_on: str  # YYYY-MM-DD
    primary_document: str


class EdgarClient:
    def __init__(
        self,
        user_agent: str,
        *,
        www_url: str = "https://www.sec.gov",
        data_url: str = "https://data.sec.gov",
        per_second: float = 10,
        timeout: float = 30,
        max_bytes: int = 50 * 1024 * 1024,
        retries: int = 4,
        backoff: float = 1.0,
    ) -> None:
        if not user_agent.strip():
            raise EdgarError(
                "EDGAR_USER_AGENT is not set. The SEC asks every automated client to declare "
                'itself: set it to "corresp <your contact e-mail>" and run this again.'
            )
        self.user_agent = user_agent.strip()
        self.www_url, self.data_url = www_url.rstrip("/"), data_url.rstrip("/")
        self.limiter = shared_limiter(per_second)
        self.timeout, self.max_bytes = timeout, max_bytes
        self.retries, self.backoff = retries, backoff

    @classmethod
    def from_settings(cls) -> "EdgarClient":
        return cls(
            settings.EDGAR_USER_AGENT,
            www_url=settings.EDGAR_WWW_URL,
            data_url=settings.EDGAR_DATA_URL,
            per_second=settings.EDGAR_REQUESTS_PER_SECOND,
            timeout=settings.EDGAR_TIMEOUT_SECONDS,
            max_bytes=settings.EDGAR_MAX_BYTES,
            backoff=settings.EDGAR_BACKOFF_SECONDS,
        )

    def get(self, url: str) -> bytes:
        """The body at `url`. Raises EdgarError for a 404 or other refusal, an answer over
        max_bytes, or a failure still there after the retries."""
        for attempt in range(self.retries + 1):
            self.limiter.wait()
            try:
                return self._fetch(url)
            except urllib.error.HTTPError as error:
                if error.code not in RETRIED_STATUSES or attempt == self.retries:
                    raise EdgarError(f"EDGAR answered {error.code} for {url}.") from error
                self._sleep(attempt, error.headers.get("Retry-After"))
            except (TimeoutError, ConnectionError, urllib.error.URLError) as error:
                if attempt == self.retries:
                    raise EdgarError(f"EDGAR could not be reached for {url}: {error}.") from error
                self._sleep(attempt, None)
        raise AssertionError("unreachable")

    def _fetch(self, url: str) -> bytes:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})  # noqa: S310
        with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
            body = answer.read(self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise EdgarError(f"{url} is larger than {self.max_bytes // (1024 * 1024)} MB.")
        return body

    def _sleep(self, attempt: int, retry_after: str | None) -> None:
        wait = self.backoff * 2**attempt
        if retry_after and retry_after.isdigit():
            wait = max(wait, min(int(retry_after), 60))
        time.sleep(wait)

    def cik_for_ticker(self, ticker: str) -> str:
        """The ticker's CIK, as ten digits. Raises EdgarError for a ticker EDGAR does not list."""
        listed = self._json(f"{self.www_url}/files/company_tickers.json")
        wanted = ticker.strip().upper()
        for company in listed.values():
            if str(company.get("ticker", "")).upper() == wanted:
                return f"{int(company['cik_str']):010d}"
        raise EdgarError(f"EDGAR lists no company with the ticker {ticker!r}.")

    def filings(self, cik: str, since: str = "") -> tuple[str, list[EdgarFiling]]:
        """The company's name and its staff letters (UPLOAD) and letters to the staff
        (CORRESP) filed on or after `since` (YYYY-MM-DD; "" for all), oldest first, from the
        submissions index: its recent filings and, for a company with many, the older pages
        it lists under filings.files (each read only when it reaches back to `since`)."""
        index = self._json(f"{self.data_url}/submissions/CIK{int(cik):010d}.json")
        listed = index.get("filings", {})
        found = _rows(listed.get("recent", {}))
        for page in listed.get("files", []):
            name = str(page.get("name", ""))
            if not PAGE_NAME.fullmatch(name) or str(page.get("filingTo", "9")) < since:
                continue
            found += _rows(self._json(f"{self.data_url}/submissions/{name}"))
        found = [f for f in found if f.filed_on >= since or (not f.filed_on and not since)]
        unique = {f.accession: f for f in found}
        return str(index.get("name", "")), sorted(
            unique.values(), key=lambda f: (f.filed_on, f.accession)
        )

    def document(self, cik: str, filing: EdgarFiling) -> bytes:
        folder = filing.accession.replace("-", "")
        name = urllib.parse.quote(filing.primary_document, safe="")
        return self.get(f"{self.www_url}/Archives/edgar/data/{int(cik)}/{folder}/{name}")

    def _json(self, url: str) -> dict:
        try:
            return json.loads(self.get(url))
        except ValueError as error:
            raise EdgarError(f"EDGAR's answer for {url} is not JSON.") from error


PAGE_NAME = re.compile(r"CIK\d{10}-submissions-\d{3}\.json")
ACCESSION = re.compile(r"\d{10}-\d{2}-\d{6}")


def _rows(columns: dict) -> list[EdgarFiling]:
    """The UPLOAD and CORRESP filings of one page of the submissions index (columns of equal
    length: form, accessionNumber, filingDate, primaryDocument). A row whose accession is not
    EDGAR's or has no document is left out; a filing date not written YYYY-MM-DD is read
    as MM/DD/YYYY when it can be, else left empty (the letter's own date is used)."""
    rows = zip(
        columns.get("form", []),
        columns.get("accessionNumber", []),
        columns.get("filingDate", []),
        columns.get("primaryDocument", []),
        strict=False,
    )
    return [
        EdgarFiling(str(form), str(accession), _iso(str(filed)), str(document))
        for form, accession, filed, document in rows
        if form in FORMS and ACCESSION.fullmatch(str(accession)) and str(document).strip()
    ]


def _iso(value: str) -> str:
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return ""
