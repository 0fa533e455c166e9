"""The domain: the business's rules and the ports they need, with no I/O.

hardkit checks this (HK2xx): nothing here imports the outer layers or an I/O library,
and nothing opens a file, reads the environment or prints.
"""
