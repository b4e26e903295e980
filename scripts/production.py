"""corresp's production processes, run on this machine: the commands of docker-compose.yml.

The smoke, fault and load scripts start the web app, the Celery worker and beat with the very
commands the compose file gives (read from it, so they cannot drift apart), against the local
PostgreSQL and Redis, with DEBUG off. Each process runs in its own process group, logs to a
file, and is stopped (the whole group) whatever happens.
"""

import contextlib
import email
import email.message
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
# The file backend separates the messages it appends to one file with this line.
MAIL_SEPARATOR = "\n" + "-" * 79 + "\n"


def compose_text(text: str) -> str:
    """What the container's shell receives: compose turns `$$` into `$`."""
    return text.replace("$$", "$")


def web_command(port: int) -> list[str]:
    """The web service's command (migrate, setup_schedule, exec gunicorn), bound to 127.0.0.1."""
    shell, flag, script = SERVICES["web"]["command"]
    script = compose_text(script)
    assert "0.0.0.0:8000" in script, "the web command no longer binds 0.0.0.0:8000"
    return [shell, flag, script.replace("0.0.0.0:8000", f"127.0.0.1:{port}")]


def worker_command() -> list[str]:
    return list(SERVICES["worker"]["command"])


def beat_command() -> list[str]:
    return list(SERVICES["beat"]["command"])


def collectstatic_command() -> list[str]:
    """The Dockerfile's collectstatic step, without its throwaway settings."""
    joined = DOCKERFILE.replace("\\\n", " ")
    for line in joined.splitlines():
        words = line.split(None, 1)
        if words[:1] == ["RUN"] and "collectstatic" in line:
            return [word for word in shlex.split(words[1]) if "=" not in word]
    raise RuntimeError("the Dockerfile has no collectstatic step")


def gunicorn_command(port: int, workers: int, threads: int = 1) -> list[str]:
    """gunicorn as the web service runs it, with a chosen number of workers and threads."""
    script = web_command(port)[2]
    words = shlex.split(script.rsplit("exec ", 1)[1])
    at = words.index("--workers")
    words[at + 1] = str(workers)
    return [*words, "--threads", str(threads)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(work: Path, *, broker_url: str, **extra: str) -> dict[str, str]:
    """The environment of web, worker and beat: compose's, with this machine's services.

    Plain HTTP on 127.0.0.1: no HTTPS redirect, and cookies allowed over HTTP (SECURE_COOKIES=0),
    which only a local check may do."""
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a throwaway PostgreSQL database")
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "RECORD_SIGNING_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "2",
    }
    env.update(extra)
    return env


class Processes:
    """Started processes, each in its own group; `stop_all` ends every group it started."""

    def __init__(self, work: Path, env: dict[str, str]):
        self.work = work
        self.env = env
        self.running: dict[str, subprocess.Popen] = {}

    def log(self, name: str) -> Path:
        return self.work / f"{name}.log"

    def start(self, name: str, command: list[str], **env: str) -> subprocess.Popen:
        with self.log(name).open("a") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**self.env, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.running[name] = process
        return process

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Signal the process's whole group (a prefork worker's children too) and reap it."""
        process = self.running.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_all(self) -> None:
        for name in list(self.running):
            self.kill(name, signal.SIGTERM)

    def tail(self, name: str, lines: int = 30) -> str:
        path = self.log(name)
        text = path.read_text(errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def manage(self, *args: str, timeout: float = 300) -> str:
        """Run `python manage.py ARGS` with the production environment; returns its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def run(self, command: list[str], timeout: float = 300) -> str:
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise RuntimeError(f"{command[:3]} failed:\n{result.stdout}{result.stderr}")
        return result.stdout


def wait_for(check: Callable[[], object], seconds: float, every: float = 0.25) -> object:
    """`check()`'s first truthy answer within `seconds`, else its last answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = check()
        if answer or time.monotonic() >= deadline:
            return answer
        time.sleep(every)


def wait_for_port(port: int, process: subprocess.Popen, seconds: float) -> bool:
    def listening() -> bool:
        if process.poll() is not None:
            return False
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    return bool(wait_for(listening, seconds))


def sent_mail(directory: Path) -> list[email.message.Message]:
    """Every message the file backend wrote in `directory`."""
    messages = []
    for path in sorted(directory.glob("*.log")) if directory.exists() else []:
        for chunk in path.read_text(errors="replace").split(MAIL_SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.lstrip("\n")))
    return messages


def shell(processes: Processes, code: str) -> str:
    """Run Python in `manage.py shell` with the production environment; returns its output."""
    return processes.manage("shell", "--no-imports", "-c", code)


class Checks:
    """A run of ok/FAIL checks, counted rather than raised, so one run reports them all."""

    def __init__(self) -> None:
        self.failures = 0

    def check(self, name: str, passed: bool, detail: str = "") -> bool:
        print(
            f"{'ok  ' if passed else 'FAIL'}  {name}" + (f": {detail}" if detail else ""),
            flush=True,
        )
        self.failures += not passed
        return passed

    def summary(self, title: str, processes: Processes, logs: list[str]) -> int:
        """Print the logs' last lines if anything failed, then one verdict line; the exit code."""
        if self.failures:
            for name in logs:
                print(f"--- last lines of {name}.log ---\n{processes.tail(name)}")
        print(f"{title}: {'FAILED' if self.failures else 'passed'} ({self.failures} failure(s))")
        return 1 if self.failures else 0


def run_in_work_folder(title: str, run: Callable[[Path], int]) -> int:
    """Run `run` in a throwaway folder, stopping cleanly on SIGTERM; print how long it took."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"corresp-{title}-") as work:
        rc = run(Path(work))
    print(f"{title}: {time.monotonic() - started:.0f}s")
    return rc
