"""``hardkit doctor``: how far a repository is from the seed's Appendix A.

Pure: adapters read the repository into the frozen facts of ``facts``; the items of
``scorecard`` judge those facts; nothing here touches a file.
"""
