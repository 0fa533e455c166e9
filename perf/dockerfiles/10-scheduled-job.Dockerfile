FROM python:3.13-slim@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419
ENV PYTHONFAULTHANDLER=1 PYTHONUNBUFFERED=1
WORKDIR /job
COPY pyproject.toml uv.lock ./
RUN pip install --no-cache-dir uv==0.5.4 && uv pip install --system --no-cache -r pyproject.toml
COPY reports/ reports/
RUN useradd --uid 1001 --no-create-home reporter
USER 1001:1001
ENTRYPOINT ["python", "-m", "reports.nightly"]
