ARG BASE=python:3.12-slim
FROM ${BASE} AS protos
RUN pip install --no-cache-dir grpcio-tools==1.64.1
WORKDIR /protos
COPY protos/ .
RUN mkdir -p /out && python -m grpc_tools.protoc -I. --python_out=/out --grpc_python_out=/out *.proto

FROM ${BASE}
ENV PYTHONFAULTHANDLER=1
RUN useradd --system --uid 800 rpc && mkdir -p /srv && chown rpc /srv
WORKDIR /srv
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY --from=protos /out ./generated
COPY service/ ./service
USER rpc
EXPOSE 50051
HEALTHCHECK CMD ["grpc_health_probe", "-addr=:50051"]
CMD ["python", "-O", "-m", "service.server"]
