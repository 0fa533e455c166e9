"""The service layer: the use cases, which the entrypoints call."""
