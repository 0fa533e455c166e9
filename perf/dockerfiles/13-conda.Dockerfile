FROM continuumio/miniconda3:24.5.0-0
WORKDIR /opt/model
COPY environment.yml .
RUN conda env create -f environment.yml && conda clean -afy
SHELL ["conda", "run", "-n", "model", "/bin/bash", "-c"]
COPY model/ ./model/
COPY serve.py .
RUN python -c "import model; model.warm_up()"
EXPOSE 5001
ENTRYPOINT ["conda", "run", "--no-capture-output", "-n", "model", "python", "serve.py"]
