"""A small OpenID Connect provider for the login tests, served on 127.0.0.1 from a thread: the
discovery document, the authorisation endpoint (which signs in whoever `person` says and sends
the browser back with a code), the token endpoint (checking the client's secret, the code, its
redirect address and the PKCE verifier, and issuing an RS256 id_token), the JWKS and the user
information. Tokens are signed with joserfc; what a test sets in `token` changes the id_token
the way a forger or a misconfigured provider would."""

import json
import secrets
import threading
import time
from base64 import urlsafe_b64encode
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import sha256
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "corresp"
CLIENT_SECRET = "provider-secret-for-tests"
KEY_ID = "signing-key-1"


def new_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "alg": "RS256", "use": "sig"})


@dataclass
class TokenChanges:
    """How the next id_tokens differ from a good one."""

    signing_key: RSAKey | None = None  # another key under the same key id: a forged signature
    audience: str = CLIENT_ID
    lifetime: int = 300  # seconds; negative for a token that has expired
    extra: dict = field(default_factory=dict)


@dataclass
class Provider:
    issuer: str = ""
    key: RSAKey = field(default_factory=new_key)
    person: dict = field(default_factory=dict)  # the claims of whoever signs in next
    token: TokenChanges = field(default_factory=TokenChanges)
    codes: dict = field(default_factory=dict)
    access: dict = field(default_factory=dict)
    discoverable: bool = True  # False: no discovery document, endpoints must be configured
    ended: list = field(default_factory=list)  # the id_token hints of sessions logged out

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict) -> str:
        """The address the browser is sent back to."""
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return f"{query['redirect_uri']}?{urlencode({'error': 'invalid_request'})}"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {**query, "person": dict(self.person)}
        back = {"code": code, "state": query["state"]}
        return f"{query['redirect_uri']}?{urlencode(back)}"

    def exchange(self, form: dict) -> tuple[int, dict]:
        """The token endpoint: (status, JSON answer)."""
        grant = self.codes.pop(form.get("code", ""), None)
        if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        verifier = form.get("code_verifier", "").encode()
        challenge = urlsafe_b64encode(sha256(verifier).digest()).rstrip(b"=").decode()
        if challenge != grant.get("code_challenge"):
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        access_token = secrets.token_urlsafe(16)
        self.access[access_token] = grant["person"]
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "id_token": self.id_token(grant["person"], grant.get("nonce")),
        }

    def id_token(self, person: dict, nonce: str | None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": person["sub"],
            "aud": self.token.audience,
            "iat": now,
            "exp": now + self.token.lifetime,
            "nonce": nonce,
            **self.token.extra,
        }
        key = self.token.signing_key or self.key
        return jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, key)

    def sign_in(self, client, start: str) -> str:
        """Follow the login page's button as a browser would, through this provider, and
        return the path (with its query) the browser is sent back to."""
        to_provider = client.get(start)
        assert to_provider.status_code == 302, to_provider
        answer = requests.get(to_provider.url, allow_redirects=False, timeout=10)
        back = urlsplit(answer.headers["Location"])
        return f"{back.path}?{back.query}"


def handler_for(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            query = {name: values[0] for name, values in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration" and provider.discoverable:
                self.reply(200, provider.discovery())
            elif url.path == "/jwks":
                self.reply(200, {"keys": [provider.key.as_dict(private=False)]})
            elif url.path == "/authorize":
                self.send_response(302)
                self.send_header("Location", provider.authorize(query))
                self.end_headers()
            elif url.path == "/logout":
                provider.ended.append(query.get("id_token_hint"))
                self.send_response(302)
                self.send_header("Location", query["post_logout_redirect_uri"])
                self.end_headers()
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                person = provider.access.get(token)
                self.reply(200, person) if person else self.reply(401, {"error": "invalid_token"})
            else:
                self.reply(404, {"error": "not_found"})

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            form = {name: values[0] for name, values in parse_qs(body).items()}
            if urlsplit(self.path).path == "/token":
                self.reply(*provider.exchange(form))
            else:
                self.reply(404, {"error": "not_found"})

        def reply(self, status: int, document: dict) -> None:
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def running_provider():
    """A provider listening on a free port of 127.0.0.1 while the block runs."""
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(provider))
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
