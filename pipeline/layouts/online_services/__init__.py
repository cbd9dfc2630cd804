"""Family B, `online-services`: the Microsoft 365 admin center invoice (~2016 – today)."""

from pipeline.layouts.family import InvoiceFamily
from pipeline.layouts.online_services import reader, vocabulary

FAMILY = InvoiceFamily(reader.FAMILY, vocabulary.VOCABULARY, reader.read, reader.misread)

__all__ = ["FAMILY"]
