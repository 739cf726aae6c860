# One image for the web, worker and beat services (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"

# WeasyPrint needs Pango and a font; PostgreSQL's client is handy for health checks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN python -m config.i18n \
    && DEBUG=false SECRET_KEY=build-only EMAIL_URL=smtp://build-only \
       python manage.py collectstatic --no-input -v 0

RUN useradd --system --uid 1000 --home /app jobboard \
    && mkdir -p /data/private /app/var \
    && chown -R jobboard /data /app/var
USER jobboard

EXPOSE 8000
# Bind address and access log (paths without query strings): config/gunicorn.py.
CMD ["gunicorn", "config.wsgi:application", "-c", "config/gunicorn.py", "--workers", "3"]
