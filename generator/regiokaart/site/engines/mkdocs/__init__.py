"""The only code that knows which engine renders the Markdown (MkDocs 1.x today)."""
