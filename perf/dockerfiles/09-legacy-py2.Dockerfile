FROM ubuntu:22.04
MAINTAINER ops@example.org
ENV DEBIAN_FRONTEND noninteractive
RUN apt-get update
RUN apt-get install -y python3 python3-pip python3-dev nginx supervisor git curl
RUN pip3 install --upgrade pip
ADD . /code
WORKDIR /code
RUN pip3 install -r requirements.txt
RUN cp deploy/nginx.conf /etc/nginx/sites-available/default
RUN cp deploy/supervisor.conf /etc/supervisor/conf.d/app.conf
EXPOSE 80
CMD ["/usr/bin/supervisord", "-n"]
