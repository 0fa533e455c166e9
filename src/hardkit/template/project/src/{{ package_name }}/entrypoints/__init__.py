"""Entrypoints: how the world reaches the service, and where real adapters are wired."""
