"""The core every capability stands on: settings, data, sign-in, permissions, web helpers.

The core knows no capability; capabilities import the core.
"""
