"""contacts-cli: a press contact directory for the terminal."""

__version__ = "0.1.0"
