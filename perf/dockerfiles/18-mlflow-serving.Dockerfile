FROM python:3.11-slim-bookworm AS deps
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --prefix=/install mlflow==2.14.1 scikit-learn==1.5.0 pandas==2.2.2 gunicorn

FROM python:3.11-slim-bookworm
COPY --from=deps /install /usr/local
RUN useradd --create-home mlflow
ENV MLFLOW_TRACKING_URI=http://tracking:5000 PYTHONMALLOC=malloc
WORKDIR /home/mlflow
COPY --chown=mlflow model/ ./model/
USER mlflow
EXPOSE 8080
CMD ["mlflow", "models", "serve", "-m", "./model", "-h", "0.0.0.0", "-p", "8080", "--env-manager", "local"]
