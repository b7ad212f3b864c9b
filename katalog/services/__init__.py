"""Writes to the catalogue. Split by concern: taxonomy loading, site structure, offerings, demo."""
