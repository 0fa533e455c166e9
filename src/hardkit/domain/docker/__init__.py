"""Dockerfiles as BuildKit reads them: instructions, shell words, image references, stages.

Pure: the text is parsed with BuildKit's grammar (``parser``), written in Python; the
values here are what the HK3xx rules look at.
"""
