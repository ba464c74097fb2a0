"""Each engine's schema history, one module per engine."""
