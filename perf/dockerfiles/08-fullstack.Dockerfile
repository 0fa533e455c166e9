FROM node:20-bookworm-slim AS frontend
WORKDIR /ui
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.12-slim-bookworm AS backend
ENV PIP_NO_CACHE_DIR=off PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
COPY backend/requirements.txt .
RUN pip install -r requirements.txt gunicorn==22.0.0
COPY backend/ .
COPY --from=frontend /ui/dist ./static/
RUN python -m compileall -q . && useradd -r -u 999 web
USER web
EXPOSE 8000
CMD gunicorn --workers 2 --threads 4 --bind :8000 backend.app:app
