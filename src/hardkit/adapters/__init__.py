"""The world outside the domain: files, git, parsers, cache, subprocesses, reporters."""
