"""Two-way CardDAV sync: the client (carddav.py), its XML (davxml.py), remotes (remotes.py), what
was last synced (state.py), the three-way decision (decide.py), the run (run.py) and its report
(report.py).

May import the core and the vCard room (cards are what a CardDAV server holds); never the edge.
"""
