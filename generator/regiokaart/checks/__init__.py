"""Stage 4, rules across records and files: validation, privacy, freshness, the contra-indication rule, links."""
