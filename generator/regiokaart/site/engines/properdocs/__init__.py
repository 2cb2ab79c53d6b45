"""ProperDocs as an engine: the maintained fork of MkDocs 1.6 (regiokaart.site.engines)."""
