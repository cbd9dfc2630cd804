"""Family C, `customer-agreement`: the Microsoft Customer Agreement invoice (2019 – today)."""

from pipeline.layouts.customer_agreement import reader, vocabulary
from pipeline.layouts.family import InvoiceFamily

FAMILY = InvoiceFamily(reader.FAMILY, vocabulary.VOCABULARY, reader.read, reader.misread)

__all__ = ["FAMILY"]
