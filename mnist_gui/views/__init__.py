"""The views: one module each, built from the session (and the training controller)."""
