"""Feedback from children, families, carers and partners, by link and QR code, with
immediate safeguarding triage."""
