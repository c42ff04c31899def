"""Sign-in (OpenID Connect), server-side sessions, and the demo 'sign in as' page."""
