"""The version of eventwire (one place; ``eventwire.__version__`` re-exports it)."""

__version__ = "0.1.0"
