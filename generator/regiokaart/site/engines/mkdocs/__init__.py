"""MkDocs 1.6 as an engine, and the MkDocs hooks that ProperDocs runs too."""
