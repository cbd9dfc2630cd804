"""Fixtures shared by test modules: a fresh register on each backend (register_backends.py)."""

from register_backends import backend, postgres_server, postgres_url

__all__ = ["backend", "postgres_server", "postgres_url"]


def pytest_configure(config: object) -> None:
    config.addinivalue_line(  # type: ignore[attr-defined]
        "markers", "slow: minutes long; runs under CI or with INVOICE_PIPELINE_STRESS=1"
    )
