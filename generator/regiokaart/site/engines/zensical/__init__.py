"""Zensical as a second engine: it reads the same staged mkdocs.yml as MkDocs (regiokaart.site.engines)."""
