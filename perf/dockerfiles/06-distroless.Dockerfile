FROM python:3.11-slim AS build
RUN python -m venv /venv && /venv/bin/pip install --upgrade pip setuptools
WORKDIR /src
COPY requirements.txt .
RUN /venv/bin/pip install --disable-pip-version-check -r requirements.txt
COPY app/ ./app/

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=build /venv /venv
COPY --from=build /src/app /app
WORKDIR /app
ENV PYTHONFAULTHANDLER=1
ENTRYPOINT ["/venv/bin/python3", "-m", "app"]
