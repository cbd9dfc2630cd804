"""Microsoft 365 / Office 365 invoice PDFs to checked, ledger-ready bookkeeping files."""

__version__ = "0.1.0"
