"""Stage 6, the municipality self-scan: its rules (kinds, scale, scores, advice), its exports and the regional report."""
