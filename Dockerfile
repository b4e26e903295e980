# corresp, production image: gunicorn serves the app; the same image runs the Celery worker and
# beat (see docker-compose.yml). Build: docker build -t corresp .
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MEDIA_ROOT=/data/media \
    WEB_CONCURRENCY=3

# WeasyPrint (PDF export) needs Pango and HarfBuzz, and fonts to draw letters with.
# Liberation fonts are metric-compatible with Times New Roman and Arial.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fontconfig \
        fonts-dejavu-core \
        fonts-liberation \
        shared-mime-info \
    && rm -rf /var/lib/apt/lists/*

# The app runs as an unprivileged user; it may write only to MEDIA_ROOT (uploaded filings).
RUN groupadd --system --gid 1000 corresp \
    && useradd --system --uid 1000 --gid corresp --home-dir /app --shell /usr/sbin/nologin corresp \
    && mkdir -p /app "$MEDIA_ROOT" \
    && chown corresp:corresp "$MEDIA_ROOT"

WORKDIR /app

# Dependencies first, so changing the code does not reinstall them.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Static files are collected into the image (served by WhiteNoise); the keys are throwaways that
# only let the settings load for this one command.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-real-secret-key-0123456789abcdef \
    RECORD_SIGNING_KEY=collectstatic-only-not-a-real-record-key-0123456789abcdef \
    python manage.py collectstatic --noinput

USER corresp

EXPOSE 8000

CMD ["sh", "-c", "exec gunicorn tracker.wsgi:application --bind 0.0.0.0:8000 --workers \"${WEB_CONCURRENCY:-3}\" --access-logfile - --config python:tracker.gunicorn"]
