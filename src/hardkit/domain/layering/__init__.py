"""HK2xx: the A.1 layering of ``domain/``, ``adapters/``, ``service/``, ``entrypoints/``,
with the import resolution and the import graph only these rules use."""
