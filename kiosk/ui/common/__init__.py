"""What every window shares: the worker, the change-feed bridge, idle detection,
translations, styles and a few widgets."""
