FROM python:3.11
LABEL org.opencontainers.image.source="https://example.org/analytics"
RUN apt-get update -qq && apt-get install -y -qq \
        gfortran \
        libopenblas-dev \
        liblapack-dev \
        libhdf5-dev \
        pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
COPY requirements.txt /tmp/requirements.txt
RUN pip install --upgrade pip setuptools wheel && \
    pip install -r /tmp/requirements.txt && \
    python -m ipykernel install --user --name analytics
COPY notebooks/ notebooks/
COPY src/ src/
RUN pip install -e src/
ENV PYTHONPATH=/workspace/src
EXPOSE 8888
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--no-browser", "--allow-root"]
