"""Sample Microsoft invoices rendered with reportlab, each with its expected record.

`python -m samples.generate --out samples` rewrites the committed samples;
`samples.generate.generate_corpus` writes a varied corpus for the benchmark. The expected
records come from the generator's own invoice model, never from the project's parser.
"""
