FROM python:3.12-alpine3.20
RUN apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev openssl-dev cargo \
    && apk add --no-cache libffi openssl tini \
    && addgroup -S svc && adduser -S svc -G svc
WORKDIR /opt/svc
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt \
    && apk del .build-deps
COPY --chown=svc:svc src/ ./src/
USER svc
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["python", "-m", "src.main"]
