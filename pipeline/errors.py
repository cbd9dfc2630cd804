"""The few errors the pipeline raises; each names the file and, where known, the reason."""

from __future__ import annotations


class PipelineError(Exception):
    """A problem a user can act on; the CLI prints it as one line, never a traceback."""

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.file = file
        super().__init__(f"{file}: {message}" if file else message)


class ConfigError(PipelineError):
    """The configuration file is missing, unreadable or has a wrong value."""


class PdfError(PipelineError):
    """A PDF could not be read; `code` is the finding code the spec gives it."""

    code = "UNREADABLE_PDF"

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.reason = message
        super().__init__(message, file=file)


class UnreadablePdf(PdfError):
    code = "UNREADABLE_PDF"


class EncryptedPdf(PdfError):
    code = "ENCRYPTED_PDF"


class RegisterBusy(PipelineError):
    """Another export holds the register."""
