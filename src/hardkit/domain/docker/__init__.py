"""Dockerfiles as BuildKit reads them: instructions, shell words, image references, stages.

Pure: the text is parsed by ``adapters.dockerfile_parser`` (BuildKit's own parser); the
values here are what the HK3xx rules look at.
"""
