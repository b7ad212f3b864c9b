from .backend import EmbeddedBackend

__all__ = ["EmbeddedBackend"]
