"""Infographics as inline SVG computed from models; no I/O. Each comes with a text alternative."""
