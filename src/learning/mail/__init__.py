"""Outgoing email: an outbox table written in the same transaction as the thing that needs
the email, and a sender that delivers it over SMTP, retrying until it is sent."""
