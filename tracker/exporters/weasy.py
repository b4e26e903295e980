"""WeasyPrint, shut in: every PDF corresp makes is rendered here.

The only resources a document may load are the stylesheets packaged beside this module
(`assets/`); every other URL (`file:`, `http:`, `data:`, a path outside the folder) is refused,
so no text in a letter can make the server read its own files or fetch anything.
"""

import logging
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint import HTML

# WeasyPrint logs its progress at INFO (from its import on, hence the late imports below) and
# CSS it does not know at WARNING; neither says anything about our letters.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
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
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackagedAssets(URLFetcher):
        def fetch(self, url, headers=None):
            path = packaged_asset(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})

    return HTML(string=markup, base_url=f"{ASSETS.as_uri()}/", url_fetcher=PackagedAssets())
