FROM python:3.10-slim-bullseye
ENV LANG=C.UTF-8 LC_ALL=C.UTF-8 PIP_NO_CACHE_DIR=1
RUN pip install pipenv==2024.0.1
WORKDIR /usr/src/app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --deploy --ignore-pipfile
COPY . .
RUN groupadd -g 1000 app && useradd -u 1000 -g app -s /sbin/nologin app \
    && chown -R app:app /usr/src/app
USER app
CMD ["python", "./bot.py"]
