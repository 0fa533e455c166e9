FROM python:3.12-slim
ARG APP_USER=worker
ENV PYTHONUNBUFFERED=1 PYTHONHASHSEED=random
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends libpq5 libjpeg62-turbo zlib1g; \
    rm -rf /var/lib/apt/lists/*; \
    useradd --create-home --shell /bin/bash "$APP_USER"
WORKDIR /srv/tasks
COPY requirements/base.txt requirements/worker.txt ./requirements/
RUN pip install --no-cache-dir -r requirements/worker.txt
COPY --chown=${APP_USER}:${APP_USER} . .
USER ${APP_USER}
CMD ["celery", "-A", "tasks", "worker", "--loglevel=INFO", "--concurrency=4", "-O", "fair"]
