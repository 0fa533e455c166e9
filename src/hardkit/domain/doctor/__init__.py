"""``hardkit doctor``: how far a repository is from the hardening checklist (A.1-A.6).

Pure: adapters read the repository into the frozen facts of ``facts``; the items of
``scorecard`` judge those facts; nothing here touches a file.
"""
