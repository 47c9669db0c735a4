"""sitrep's platform-neutral core: config, store, ingest, extract, digest building and rendering."""
