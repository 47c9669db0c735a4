"""sitrep's runtime: the CLI, the scheduler, the command layer and one adapter per platform."""
