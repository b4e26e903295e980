"""The smoke, fault and load scripts run what docker-compose.yml and the Dockerfile run."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from scripts import production

ROOT = Path(__file__).resolve().parent.parent


def test_web_command_is_composes_bound_to_the_loopback():
    shell, flag, script = production.web_command(8123)

    assert (shell, flag) == ("sh", "-c")
    assert script.startswith(
        "python manage.py migrate --noinput && python manage.py setup_schedule"
    )
    assert "--bind 127.0.0.1:8123" in script
    assert '--workers "${WEB_CONCURRENCY:-3}"' in script


def test_celery_commands_are_composes():
    assert production.worker_command() == ["celery", "-A", "tracker", "worker", "--loglevel=INFO"]
    assert production.beat_command()[:4] == ["celery", "-A", "tracker", "beat"]


def test_collectstatic_command_is_the_dockerfiles():
    assert production.collectstatic_command() == [
        "python",
        "manage.py",
        "collectstatic",
        "--noinput",
    ]


def test_gunicorn_command_sets_workers_and_threads():
    command = production.gunicorn_command(8123, workers=3, threads=2)

    assert command[:4] == ["gunicorn", "tracker.wsgi:application", "--bind", "127.0.0.1:8123"]
    assert command[command.index("--workers") + 1] == "3"
    assert command[-2:] == ["--threads", "2"]


def cookie_settings(**env: str) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))"
    )
    base = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "tracker.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **base,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "RECORD_SIGNING_KEY": secrets.token_urlsafe(50),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cookies_are_https_only_with_debug_off():
    assert cookie_settings() == [True, True]


def test_secure_cookies_off_lets_a_local_check_log_in_over_http():
    assert cookie_settings(SECURE_COOKIES="0") == [False, False]


def test_floor_pages_are_served_only_by_the_load_urlconf(client, settings):
    assert client.get("/load/floor/anonymous/").status_code == 404

    settings.ROOT_URLCONF = "scripts.load_urls"
    answer = client.get("/load/floor/anonymous/")

    assert (answer.status_code, answer.content) == (200, b"ok")


def test_floor_page_is_served_to_a_logged_in_member_only(client, member, settings):
    settings.ROOT_URLCONF = "scripts.load_urls"
    assert client.get("/load/floor/").status_code == 302

    client.force_login(member)
    answer = client.get("/load/floor/")

    assert (answer.status_code, answer.content) == (200, b"ok")


def test_load_settings_are_corresps_but_for_the_urlconf():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.ROOT_URLCONF, s.MIDDLEWARE, s.DATABASES['default']['CONN_MAX_AGE']]))"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "RECORD_SIGNING_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://corresp@localhost:5432/corresp",
    }
    seen = {}
    for module in ("tracker.settings", "scripts.load_settings"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": module},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        seen[module] = json.loads(result.stdout)

    assert seen["scripts.load_settings"][0] == "scripts.load_urls"
    assert seen["scripts.load_settings"][1:] == seen["tracker.settings"][1:]
