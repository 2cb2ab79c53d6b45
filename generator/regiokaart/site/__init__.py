"""Stage 7, the portal: pages, engines, finishing, search, the swap of the built site."""
