"""The production shape: docker-compose.yml, the Dockerfile and .env.example agree with the code.

No Docker engine is needed: the files are read as data, what they name is imported, the settings
are loaded in fresh processes with the environments they describe, and the web healthcheck is run
against gunicorn serving the production settings.
"""

import gc
import importlib
import json
import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest
import yaml
from celery.app.utils import find_app
from celery.beat import Scheduler
from celery.utils.imports import symbol_by_name
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
SERVICES = COMPOSE["services"]
APP_SERVICES = ["web", "worker", "beat"]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")
SETTINGS_SOURCE = (ROOT / "tracker" / "settings.py").read_text(encoding="utf-8")

# Variables .env.example holds for docker compose and the container, not for the settings.
COMPOSE_ONLY_VARIABLES = ["POSTGRES_PASSWORD", "WEB_CONCURRENCY"]
DB_PASSWORD = "s3cret"
# What the web container runs, in the Dockerfile and in compose alike (after `exec`).
GUNICORN_COMMAND = [
    "gunicorn",
    "tracker.wsgi:application",
    "--bind",
    "0.0.0.0:8000",
    "--workers",
    "${WEB_CONCURRENCY:-3}",
    "--access-logfile",
    "-",
    "--config",
    "python:tracker.gunicorn",
]

# ${NAME}, ${NAME:-default}, ${NAME:?message}; $$ is a literal $ left for the container's shell.
INTERPOLATION = re.compile(r"\$\$|\$\{(?P<name>[A-Z_][A-Z0-9_]*)(?:[:]?[-?][^}]*)?\}")
SETTINGS_READ = re.compile(
    r'(?:os\.environ\.get|os\.getenv|env_str|env_int|env_bool|env_list)\(\s*"(?P<call>[A-Z][A-Z0-9_]*)"'
    r'|os\.environ\[\s*"(?P<index>[A-Z][A-Z0-9_]*)"\s*\]'
)
ENV_ASSIGNMENT = re.compile(r"^(?P<comment>#\s*)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")


def interpolate(text: str, values: dict[str, str]) -> str:
    """What docker compose makes of `text` with `values` in .env."""

    def replace(match: re.Match) -> str:
        return "$" if match.group(0) == "$$" else values[match.group("name")]

    return INTERPOLATION.sub(replace, text)


def compose_environment(service: str) -> dict[str, str]:
    """The explicit environment of a service, with POSTGRES_PASSWORD set in .env."""
    values = {"POSTGRES_PASSWORD": DB_PASSWORD}
    return {
        name: interpolate(str(value), values)
        for name, value in SERVICES[service]["environment"].items()
    }


def settings_variables() -> set[str]:
    return {m.group("call") or m.group("index") for m in SETTINGS_READ.finditer(SETTINGS_SOURCE)}


def env_example(*, commented: bool) -> dict[str, str]:
    """The VARIABLE=value lines of .env.example: the active ones, or the commented-out ones."""
    found = {}
    for line in ENV_EXAMPLE.splitlines():
        match = ENV_ASSIGNMENT.match(line)
        if match and bool(match.group("comment")) == commented:
            value = match.group("value")
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            found[match.group("name")] = value
    return found


def all_env_example_names() -> set[str]:
    return set(env_example(commented=False)) | set(env_example(commented=True))


def dockerfile_instructions(keyword: str) -> list[str]:
    """The arguments of every `keyword` instruction, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    return [
        line.split(None, 1)[1].strip()
        for line in joined.splitlines()
        if line.split(None, 1)[:1] == [keyword]
    ]


def shell_after_exec(script: str) -> list[str]:
    """The words of the command a `sh -c` script ends by exec-ing."""
    return shlex.split(script.rsplit("exec ", 1)[1])


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`code` in a fresh interpreter whose environment is exactly `env` (plus PATH)."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def production_environment(**overrides: str) -> dict[str, str]:
    """.env.example as filled in by an operator, plus what compose sets for the app services."""
    return {
        **env_example(commented=False),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "RECORD_SIGNING_KEY": secrets.token_urlsafe(50),
        **compose_environment("web"),
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        **overrides,
    }


# --- docker-compose.yml ---


def test_compose_services_are_the_five_of_production():
    assert sorted(SERVICES) == ["beat", "postgres", "redis", "web", "worker"]


def test_compose_app_services_share_one_image_built_from_the_repository():
    images = {(SERVICES[name]["build"], SERVICES[name]["image"]) for name in APP_SERVICES}

    assert images == {(".", "corresp:latest")}


def test_compose_app_services_use_the_postgres_service_database():
    postgres = SERVICES["postgres"]["environment"]

    databases = [
        dj_database_url.parse(compose_environment(name)["DATABASE_URL"]) for name in APP_SERVICES
    ]

    expected = {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "postgres",
        "PORT": 5432,
        "NAME": postgres["POSTGRES_DB"],
        "USER": postgres["POSTGRES_USER"],
        "PASSWORD": DB_PASSWORD,
    }
    assert [{key: db[key] for key in expected} for db in databases] == [expected] * 3


def test_compose_app_services_use_the_redis_service_broker():
    brokers = [urlsplit(compose_environment(name)["CELERY_BROKER_URL"]) for name in APP_SERVICES]

    assert [(b.scheme, b.hostname, b.port) for b in brokers] == [("redis", "redis", 6379)] * 3


def test_compose_app_services_run_with_debug_off():
    assert [compose_environment(name)["DEBUG"] for name in APP_SERVICES] == ["0", "0", "0"]


def test_compose_app_services_read_dot_env():
    assert [SERVICES[name]["env_file"] for name in APP_SERVICES] == [".env"] * 3


def test_compose_healthchecks_cover_every_service_but_beat():
    """Beat answers no ping and serves nothing; `restart: unless-stopped` covers it instead."""
    kinds = {
        name: "disabled"
        if service["healthcheck"].get("disable")
        else service["healthcheck"]["test"][0]
        for name, service in SERVICES.items()
    }

    assert kinds == {
        "postgres": "CMD-SHELL",
        "redis": "CMD",
        "web": "CMD",
        "worker": "CMD-SHELL",
        "beat": "disabled",
    }


def test_compose_worker_healthcheck_pings_its_own_node():
    command = interpolate(SERVICES["worker"]["healthcheck"]["test"][1], {})

    assert shlex.split(command)[:6] == [
        "celery",
        "-A",
        "tracker",
        "inspect",
        "ping",
        "--destination",
    ]
    assert shlex.split(command)[6] == "celery@$HOSTNAME"


def test_compose_app_services_start_after_their_dependencies_are_healthy():
    conditions = {
        name: {dep: spec["condition"] for dep, spec in SERVICES[name]["depends_on"].items()}
        for name in APP_SERVICES
    }

    healthy = "service_healthy"
    backing = {"postgres": healthy, "redis": healthy}
    assert conditions == {
        "web": backing,
        "worker": {**backing, "web": healthy},
        "beat": {**backing, "web": healthy},
    }


def test_compose_named_volumes_are_declared_and_all_used():
    used = {
        mount.split(":", 1)[0]
        for service in SERVICES.values()
        for mount in service.get("volumes", [])
        if not mount.startswith((".", "/", "~"))
    }

    assert sorted(used) == sorted(COMPOSE["volumes"])
    assert sorted(COMPOSE["volumes"]) == ["media", "postgres-data", "redis-data"]


def test_compose_media_volume_is_mounted_at_media_root():
    mounts = {name: SERVICES[name].get("volumes", []) for name in ["web", "worker"]}
    media_root = compose_environment("web")["MEDIA_ROOT"]

    assert mounts == {"web": [f"media:{media_root}"], "worker": [f"media:{media_root}"]}


def test_compose_web_migrates_then_execs_gunicorn_on_port_8000():
    shell, flag, script = SERVICES["web"]["command"]
    script = interpolate(script, {})

    assert (shell, flag) == ("sh", "-c")
    assert script.split(" && ")[0] == "python manage.py migrate --noinput"
    assert shell_after_exec(script) == GUNICORN_COMMAND
    assert SERVICES["web"]["ports"] == ["127.0.0.1:8000:8000"]


def test_compose_worker_and_beat_run_the_tracker_celery_app():
    commands = {name: SERVICES[name]["command"] for name in ["worker", "beat"]}

    assert commands == {
        "worker": ["celery", "-A", "tracker", "worker", "--loglevel=INFO"],
        "beat": [
            "celery",
            "-A",
            "tracker",
            "beat",
            "--loglevel=INFO",
            "--scheduler",
            "django_celery_beat.schedulers:DatabaseScheduler",
        ],
    }


def test_compose_backing_services_publish_no_ports():
    assert [SERVICES[name].get("ports") for name in ["postgres", "redis"]] == [None, None]


# --- what compose and the Dockerfile name actually exists ---


def test_gunicorn_target_is_the_django_wsgi_application():
    module_name, attribute = GUNICORN_COMMAND[1].split(":")

    application = getattr(importlib.import_module(module_name), attribute)

    assert isinstance(application, WSGIHandler)
    assert f"{module_name}.{attribute}" == settings.WSGI_APPLICATION


def test_gunicorn_config_freezes_what_a_worker_loaded_once_the_app_is_in(monkeypatch):
    from gunicorn.app.wsgiapp import WSGIApplication

    # gunicorn reads its settings from the command line, as in the container.
    monkeypatch.setattr(sys, "argv", ["gunicorn", *GUNICORN_COMMAND[1:2], *GUNICORN_COMMAND[-2:]])
    server = WSGIApplication()
    server.load_wsgiapp()

    try:
        server.cfg.post_worker_init(None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_celery_pool_processes_freeze_what_they_loaded():
    from celery.signals import worker_process_init

    try:
        worker_process_init.send(sender=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_celery_app_option_finds_the_tracker_celery_app():
    from tracker.celery import app

    assert find_app(SERVICES["worker"]["command"][2]) is app
    assert app.main == "corresp"


def test_beat_scheduler_in_compose_is_importable_and_the_settings_default():
    name = SERVICES["beat"]["command"][-1]

    assert issubclass(symbol_by_name(name), Scheduler)
    assert name == settings.CELERY_BEAT_SCHEDULER


# --- Dockerfile ---


def test_dockerfile_builds_on_python_312_slim_bookworm():
    assert dockerfile_instructions("FROM") == ["python:3.12-slim-bookworm"]


def test_dockerfile_installs_the_libraries_weasyprint_needs():
    installed = set(" ".join(dockerfile_instructions("RUN")).split())
    needed = {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fonts-dejavu-core"}

    assert sorted(needed - installed) == []


def test_dockerfile_installs_the_pinned_requirements():
    assert "pip install -r requirements.txt" in dockerfile_instructions("RUN")


def test_dockerfile_collects_static_files_with_debug_off_and_throwaway_keys():
    collect = [run for run in dockerfile_instructions("RUN") if "collectstatic" in run]

    assert len(collect) == 1
    debug, *keys, python, manage, collect_command, no_input = shlex.split(collect[0])
    lengths = {name: len(value) >= 50 for name, _, value in (k.partition("=") for k in keys)}
    assert debug == "DEBUG=0"
    assert lengths == {"SECRET_KEY": True, "RECORD_SIGNING_KEY": True}
    assert [python, manage, collect_command, no_input] == [
        "python",
        "manage.py",
        "collectstatic",
        "--noinput",
    ]


def test_dockerfile_runs_as_a_non_root_user():
    assert dockerfile_instructions("USER") == ["corresp"]


def test_dockerfile_serves_gunicorn_on_port_8000_with_web_concurrency_workers():
    shell, flag, script = json.loads(dockerfile_instructions("CMD")[0])

    assert dockerfile_instructions("EXPOSE") == ["8000"]
    assert (shell, flag) == ("sh", "-c")
    assert shell_after_exec(script) == GUNICORN_COMMAND


def test_dockerfile_media_root_is_where_compose_mounts_the_media_volume():
    env = dict(
        pair.split("=", 1) for line in dockerfile_instructions("ENV") for pair in line.split()
    )

    assert env["MEDIA_ROOT"] == compose_environment("web")["MEDIA_ROOT"]


# --- .env.example against tracker/settings.py ---


def test_env_example_lists_every_variable_the_settings_read():
    assert sorted(settings_variables() - all_env_example_names()) == []


def test_env_example_lists_only_settings_variables_and_compose_ones():
    assert sorted(all_env_example_names() - settings_variables()) == COMPOSE_ONLY_VARIABLES


def test_env_example_compose_only_variables_are_used_by_compose():
    unused = [name for name in COMPOSE_ONLY_VARIABLES if "{" + name not in COMPOSE_TEXT]

    assert unused == []


def test_compose_interpolates_only_variables_set_in_env_example():
    interpolated = {
        m.group("name") for m in INTERPOLATION.finditer(COMPOSE_TEXT) if m.group("name")
    }

    assert sorted(interpolated - set(env_example(commented=False))) == []


def test_env_example_comments_out_exactly_what_compose_or_the_image_sets():
    commented = set(env_example(commented=True))

    assert sorted(commented) == sorted({*compose_environment("web"), "STATIC_ROOT"})


def test_env_example_ships_no_secrets():
    example = env_example(commented=False)
    secret = ["SECRET_KEY", "RECORD_SIGNING_KEY", "POSTGRES_PASSWORD", "EMAIL_HOST_PASSWORD"]

    assert [example[name] for name in secret] == ["", "", "", ""]


def test_env_example_filled_in_gives_production_settings():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
        "'db': s.DATABASES['default']['HOST'], 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
        "'email': s.EMAIL_BACKEND, 'port': s.EMAIL_PORT, 'tls': s.EMAIL_USE_TLS, "
        "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'media': str(s.MEDIA_ROOT)}))"
    )

    result = run_python(code, production_environment())

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "hosts": ["corresp.example.com"],
        "db": "postgres",
        "eager": False,
        "email": "django.core.mail.backends.smtp.EmailBackend",
        "port": 587,
        "tls": True,
        "ssl_redirect": True,
        "media": "/data/media",
    }


def test_env_example_filled_in_passes_the_deployment_checks_without_warnings():
    code = (
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )

    result = run_python(code, production_environment())

    assert result.returncode == 0, result.stdout + result.stderr


# --- the settings' own defaults and refusals ---


def test_settings_with_debug_off_and_no_secret_key_refuse_to_start():
    code = "import django; django.setup()"

    result = run_python(code, {"DJANGO_SETTINGS_MODULE": "tracker.settings", "DEBUG": "0"})

    assert result.returncode == 1
    assert "SECRET_KEY is not set" in result.stderr.splitlines()[-1]


def test_settings_with_debug_off_and_no_record_signing_key_refuse_to_start():
    code = "import django; django.setup()"
    env = {"DJANGO_SETTINGS_MODULE": "tracker.settings", "DEBUG": "0", "SECRET_KEY": "k" * 50}

    result = run_python(code, env)

    assert result.returncode == 1
    assert "RECORD_SIGNING_KEY is not set" in result.stderr.splitlines()[-1]


def test_settings_with_nothing_set_use_sqlite_eager_celery_and_console_email():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
        "'name': str(s.DATABASES['default']['NAME']), 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
        "'broker': s.CELERY_BROKER_URL, 'email': s.EMAIL_BACKEND}))"
    )

    result = run_python(code, {"DJANGO_SETTINGS_MODULE": "tracker.settings"})

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": True,
        "engine": "django.db.backends.sqlite3",
        "name": str(ROOT / "db.sqlite3"),
        "eager": True,
        "broker": "",
        "email": "django.core.mail.backends.console.EmailBackend",
    }


# --- the web healthcheck against gunicorn serving the production settings ---


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {process.stderr.read()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"gunicorn did not listen on port {port} within {seconds}s")


def collected_static_manifest(static_root: Path) -> None:
    """What collectstatic leaves for the manifest storage, minus the slow hashing and compressing:
    every file under static/ mapped to itself."""
    static = ROOT / "static"
    paths = {
        path.relative_to(static).as_posix(): path.relative_to(static).as_posix()
        for path in static.rglob("*")
        if path.is_file()
    }
    static_root.mkdir()
    (static_root / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1"}))


@pytest.fixture
def production_server(tmp_path):
    """gunicorn serving corresp with the production environment; yields its port."""
    collected_static_manifest(tmp_path / "static")
    port = free_port()
    env = {
        **os.environ,
        **production_environment(
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            STATIC_ROOT=str(tmp_path / "static"),
            MEDIA_ROOT=str(tmp_path / "media"),
        ),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tracker.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def web_healthcheck(port: int, allowed_hosts: str) -> subprocess.CompletedProcess:
    kind, python, flag, code = SERVICES["web"]["healthcheck"]["test"]
    assert (kind, python, flag) == ("CMD", "python", "-c")
    code = interpolate(code, {}).replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    return run_python(code, {"ALLOWED_HOSTS": allowed_hosts})


def test_web_healthcheck_passes_against_production_settings(production_server):
    result = web_healthcheck(production_server, "corresp.example.com")

    assert result.returncode == 0, result.stderr


def test_web_healthcheck_fails_for_a_host_the_server_refuses(production_server):
    result = web_healthcheck(production_server, "elsewhere.example.com")

    assert result.returncode == 1
    assert "HTTP Error 400" in result.stderr
