"""`make bench`: the cost of the pipeline beside the cost of reading the PDFs (see README.md)."""
