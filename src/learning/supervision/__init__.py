"""Reflective supervision: agreements, sessions (4x4x4, Signs of Safety case discussion),
actions followed up, sign-off with versions, and a weighted workload check."""
