"""WeasyPrint, shut in: every PDF corresp makes is rendered here.

The only resources a document may load are the stylesheets packaged beside this module
(`assets/`); every other URL (`file:`, `http:`, `data:`, a path outside the folder) is refused,
so no text in a letter can make the server read its own files or fetch anything.
"""

import gc
import logging
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint import HTML
    from weasyprint.document import Document
    from weasyprint.urls import URLFetcher

# WeasyPrint logs its progress at INFO (from its import on, hence the late imports below) and
# CSS it does not know at WARNING; neither says anything about our letters.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
# fontTools, which subsets the fonts where HarfBuzz-Subset is not installed, logs each table
# and glyph list of each font at INFO: dozens of lines per PDF, formatted for nothing.
logging.getLogger("fontTools").setLevel(logging.WARNING)
ASSETS = Path(__file__).resolve().parent / "assets"


class RefusedResource(ValueError):
    """A document asked for something other than a packaged asset (WeasyPrint skips it)."""


def packaged_asset(url: str) -> Path:
    """The packaged file a `file:` URL names; RefusedResource for anything else."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedResource(f"Refused a resource outside corresp: {url[:100]}")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(ASSETS) or not path.is_file():
        raise RefusedResource(f"Refused a resource outside corresp: {url[:100]}")
    return path


def html_document(markup: str) -> "HTML":
    """A WeasyPrint document of `markup`, whose relative links name packaged assets."""
    from weasyprint import HTML

    return HTML(string=markup, base_url=f"{ASSETS.as_uri()}/", url_fetcher=packaged_assets())


@cache
def packaged_assets() -> "URLFetcher":
    """The one fetcher of this process, which serves packaged assets and nothing else.

    Made once: WeasyPrint's URLFetcher loads the system's certificate store into an SSL
    context when it is made, tens of milliseconds of every PDF for a context this fetcher
    never uses. It keeps no state between documents (`fetch` reads only the URL)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackagedAssets(URLFetcher):
        def fetch(self, url, headers=None):
            path = packaged_asset(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})

    return PackagedAssets()


def render(markup: str) -> "Document":
    """The laid-out pages of `markup` (see `html_document`)."""
    with collector_paused():
        return html_document(markup).render()


def pdf(markup: str) -> bytes:
    """The PDF file of `markup` (see `html_document`)."""
    with collector_paused():
        return html_document(markup).render().write_pdf()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection while WeasyPrint works: a long letter makes millions of short-lived
    objects, and each collection they set off walked every older object (Django's, the
    modules') again, a quarter of the PDF's time. Reference counting still frees nearly all
    of them (100 comments: peak 26 MB paused, 24 MB not); the collector runs again after,
    as it was before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
