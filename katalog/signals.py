"""Publishing drives indexing and embeddings (connected in KatalogConfig.ready)."""
