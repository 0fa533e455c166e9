"""Adapters: the domain's ports implemented against the world (here, a JSON file)."""
