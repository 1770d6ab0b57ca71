"""Reports only read; no models of their own."""
