"""Helpers shared by tests: real services started on loopback."""
