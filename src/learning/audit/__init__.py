"""Append-only audit events: every change, and every read of a sensitive record."""
