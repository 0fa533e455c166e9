"""Image references (``[registry[:port]/]path[:tag][@sha256:digest]``) and what they say
about the image: where it comes from, pinned, tagged, slim, distroless, non-root."""

from __future__ import annotations

import fnmatch
import re

from hardkit.domain.values import NamedTuple

_DIGEST = re.compile(r"sha256:[0-9a-f]{64}\Z")
_TAG_WORD = re.compile(r"[-._]")

# Docker Hub's official images ("library/NAME"): a bare name that is none of these cannot
# be pulled from anywhere, so it names a locally built image or a named build context.
OFFICIAL_IMAGES = frozenset(
    """
    adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall
    arangodb archlinux backdrop bash bonita buildpack-deps busybox caddy cassandra
    centos chronograf cirros clearlinux clefos clickhouse clojure composer consul
    convertigo couchbase couchdb crate dart debian docker drupal eclipse-mosquitto
    eclipse-temurin eggdrop elasticsearch elixir emqx erlang fedora flink fluentd
    friendica gazebo gcc geonetwork ghost golang gradle groovy haproxy haskell haxe
    hello-world hitch httpd hylang ibm-semeru-runtimes ibmjava influxdb irssi java
    jenkins jetty jobber joomla jruby julia kapacitor kibana kong krakend
    lightstreamer liquibase logstash mageia mariadb matomo maven mediawiki memcached
    mongo mongo-express monica mono mysql nats nats-streaming neo4j neurodebian
    nextcloud nginx node notary odoo open-liberty openjdk oraclelinux orientdb
    owncloud percona perl photon php php-zendserver phpmyadmin plone postfixadmin
    postgres pypy python r-base rabbitmq rakudo-star redis redmine registry
    rethinkdb rocket.chat rockylinux ruby rust sapmachine satosa sentry silverpeas
    solr sonarqube spark spiped storm swift swipl teamspeak telegraf tomcat tomee
    traefik ubuntu unit varnish vault websphere-liberty wordpress xwiki yourls znc
    zookeeper
    """.split()  # noqa: SIM905 - a list of words reads best as words
)


class ImageRef(NamedTuple):
    """A resolved image reference, split into its parts (``tag``/``digest`` None if absent)."""

    text: str
    name: str
    tag: str | None
    digest: str | None

    @property
    def is_scratch(self) -> bool:
        return self.name.lower() == "scratch" and self.tag is None and self.digest is None

    @property
    def registry(self) -> str | None:
        """The registry host (``ghcr.io``, ``localhost:5000``), None for Docker Hub's
        short form."""
        first, slash, _ = self.name.partition("/")
        if slash and ("." in first or ":" in first or first == "localhost"):
            return first.lower()
        return None

    @property
    def path(self) -> str:
        """The repository path without the registry (``library/python``, ``astral-sh/uv``)."""
        return self.name[len(self.registry) + 1 :] if self.registry else self.name

    def is_official(self, *names: str) -> bool:
        """One of Docker Hub's official images ``names``, pulled directly or through a
        mirror (``docker.io/library/python``, ``public.ecr.aws/docker/library/python``,
        ``mirror.gcr.io/library/python``)."""
        path = self.path.lower()
        return any(path == n or path.endswith("library/" + n) for n in names)

    @property
    def is_local(self) -> bool:
        """Built on this machine, not pulled: a ``localhost`` registry, or a bare name
        that is no official image (``runtime-image``, a named build context)."""
        registry = self.registry
        if registry is not None:
            return registry == "localhost" or registry.startswith("localhost:")
        name = self.name.lower()
        return "/" not in name and name not in OFFICIAL_IMAGES and name != "scratch"

    @property
    def pinned(self) -> bool:
        """Pinned by a full sha256 content digest."""
        return self.digest is not None and _DIGEST.match(self.digest) is not None

    @property
    def untagged_or_latest(self) -> bool:
        return self.tag is None or self.tag == "latest"

    @property
    def tag_words(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in _TAG_WORD.split(self.tag)) if self.tag else ()

    def tag_has(self, *prefixes: str) -> bool:
        """A word of the tag starts with one of ``prefixes`` (``alpine3`` is ``alpine``)."""
        return any(w.startswith(prefixes) for w in self.tag_words)

    @property
    def is_distroless(self) -> bool:
        name = self.name.lower()
        return "distroless" in name or name.startswith("cgr.dev/chainguard/")

    @property
    def publishes_no_version_tags(self) -> bool:
        """Distroless and Chainguard's free images have only ``latest``-like tags: a
        digest is the only way to pin them."""
        name = self.name.lower()
        return name.startswith(("gcr.io/distroless/", "cgr.dev/chainguard/"))

    @property
    def is_slim(self) -> bool:
        return "slim" in self.tag_words

    @property
    def without_digest(self) -> str:
        return f"{self.name}:{self.tag}" if self.tag is not None else self.name

    def matches_any(self, patterns: tuple[str, ...]) -> bool:
        """Whether a glob (``*`` spans ``/`` too) matches the reference without its digest,
        or the image name alone."""
        candidates = (self.without_digest, self.name)
        return any(fnmatch.fnmatchcase(c, p) for p in patterns for c in candidates)


def parse_image(text: str) -> ImageRef:
    name, at, digest = text.partition("@")
    tag: str | None = None
    colon = name.rfind(":")
    if colon > name.rfind("/"):
        name, tag = name[:colon], name[colon + 1 :]
    return ImageRef(text=text, name=name, tag=tag, digest=digest if at else None)
