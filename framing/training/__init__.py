"""Training code for the learned components shipped in ``framing/data/`` (one module each)."""
