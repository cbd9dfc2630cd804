"""Fixtures shared by test modules: a fresh register on each backend (register_backends.py)."""

from register_backends import backend, postgres_server, postgres_url

__all__ = ["backend", "postgres_server", "postgres_url"]
