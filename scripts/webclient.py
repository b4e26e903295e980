"""A small browser for the scripts: urllib with a cookie jar, forms read from the HTML.

No third-party HTTP client: it logs in with the CSRF token from the login form, posts forms
(multipart for uploads) and keeps every answer's status and body, errors included.
"""

import http.cookiejar
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Page:
    url: str
    status: int
    body: str
    headers: dict[str, str]

    def links(self, pattern: str) -> list[str]:
        """The distinct hrefs matching `pattern` (a regular expression), in page order."""
        found = re.findall(rf'href="({pattern})"', self.body)
        return list(dict.fromkeys(found))


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class FormParser(HTMLParser):
    """The page's forms: their inputs as a browser would post them (checked boxes only, the
    selected option of each select, textareas' text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.select: str | None = None
        self.first_option: str | None = None
        self.selected = False
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", "")))
        elif not self.forms:
            return
        elif tag == "input":
            self.add_input(a)
        elif tag == "button" and a.get("name"):
            self.forms[-1].buttons.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self.select, self.first_option, self.selected = a.get("name"), None, False
        elif tag == "option" and self.select:
            self.add_option(a)
        elif tag == "textarea":
            self.textarea, self.text = a.get("name"), ""

    def add_input(self, a: dict[str, str]) -> None:
        kind = a.get("type", "text")
        if not a.get("name") or kind in {"submit", "button", "file", "image", "reset"}:
            return
        if kind in {"checkbox", "radio"} and "checked" not in a:
            return
        self.forms[-1].fields.append(
            (a["name"], a.get("value", "on" if kind == "checkbox" else ""))
        )

    def add_option(self, a: dict[str, str]) -> None:
        value = a.get("value", "")
        if self.first_option is None:
            self.first_option = value
        if "selected" in a and not self.selected:
            self.forms[-1].fields.append((self.select, value))
            self.selected = True

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            if not self.selected and self.first_option is not None:
                self.forms[-1].fields.append((self.select, self.first_option))
            self.select = None
        elif tag == "textarea" and self.textarea and self.forms:
            self.forms[-1].fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def forms_of(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise ValueError("no CSRF token on the page")
    return match.group(1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One logged-in person: a cookie jar and the base URL."""

    def __init__(self, base: str, timeout: float = 30, follow_redirects: bool = True):
        self.base = base.rstrip("/")
        self.timeout = timeout
        handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
        if not follow_redirects:
            handlers.append(NoRedirect())
        self.opener = urllib.request.build_opener(*handlers)

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base + path

    def open(self, request: urllib.request.Request) -> Page:
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                body = answer.read().decode("utf-8", errors="replace")
                return Page(answer.geturl(), answer.status, body, dict(answer.headers))
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", errors="replace")
            return Page(error.geturl(), error.code, body, dict(error.headers or {}))

    def get(self, path: str, headers: dict[str, str] | None = None) -> Page:
        return self.open(urllib.request.Request(self.url(path), headers=headers or {}))

    def get_bytes(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        with self.opener.open(self.url(path), timeout=self.timeout) as answer:
            return answer.status, answer.read(), dict(answer.headers)

    def post(self, path: str, fields: list[tuple[str, str]] | dict, token_from: str = "") -> Page:
        """Post `fields`; the CSRF token is read from the page at `token_from` (default:
        `path`) unless the fields carry one."""
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if not any(name == "csrfmiddlewaretoken" for name, _ in fields):
            fields.append(("csrfmiddlewaretoken", csrf_token(self.get(token_from or path).body)))
        data = urllib.parse.urlencode(fields).encode()
        return self.open(urllib.request.Request(self.url(path), data=data, method="POST"))

    def post_file(
        self, path: str, fields: list[tuple[str, str]], file_field: str, name: str, content: bytes
    ) -> Page:
        """A multipart post of `fields` and one file, as a browser's upload form sends it."""
        fields = [*fields, ("csrfmiddlewaretoken", csrf_token(self.get(path).body))]
        boundary = f"----corresp{secrets.token_hex(12)}"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            for key, value in fields
        ]
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{name}"\r\nContent-Type: text/plain\r\n\r\n'
        )
        body = (
            "".join(parts).encode() + head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        request = urllib.request.Request(self.url(path), data=body, headers=headers, method="POST")
        return self.open(request)

    def log_in(self, username: str, password: str) -> Page:
        return self.post("/login/", {"username": username, "password": password})
