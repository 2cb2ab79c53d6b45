"""Stage 8, the live server: request handling and rebuilding on a change."""
