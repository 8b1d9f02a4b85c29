"""Rasad: multilingual conflict-event extraction with cross-source comparison."""
__version__ = "0.1.0"
