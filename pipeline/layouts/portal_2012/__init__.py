"""Family A, `portal-2012`: the Office 365 portal invoice (2011 – ~2016)."""

from pipeline.layouts.family import InvoiceFamily
from pipeline.layouts.portal_2012 import reader, vocabulary

FAMILY = InvoiceFamily(reader.FAMILY, vocabulary.VOCABULARY, reader.read, reader.misread)

__all__ = ["FAMILY"]
