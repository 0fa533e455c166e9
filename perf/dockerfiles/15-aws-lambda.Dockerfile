FROM public.ecr.aws/lambda/python:3.12
COPY requirements.txt ${LAMBDA_TASK_ROOT}
RUN pip install -r requirements.txt --target "${LAMBDA_TASK_ROOT}"
COPY handlers/ ${LAMBDA_TASK_ROOT}/handlers/
ENV PYTHONFAULTHANDLER=1
CMD [ "handlers.ingest.handler" ]
