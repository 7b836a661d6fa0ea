"""vCard text <-> contacts: read (read.py), write (write.py), plan an import (plan.py).

Pure: text in, text or plans out; no files, no terminal. card.py holds what the reader and the writer
share, so that they never import each other. May import the core only.
"""
