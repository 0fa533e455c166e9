FROM ghcr.io/astral-sh/uv:python3.13-bookworm-slim AS builder
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=0
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --locked --no-install-project --no-dev
COPY . /app
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev

FROM python:3.13-slim-bookworm
RUN useradd --create-home --uid 10001 api
COPY --from=builder --chown=api:api /app /app
ENV PATH="/app/.venv/bin:$PATH" PYTHONFAULTHANDLER=1
USER 10001
WORKDIR /app
EXPOSE 8080
CMD ["uvicorn", "orders.entrypoints.api:app", "--host", "0.0.0.0", "--port", "8080", "--proxy-headers"]
