"""The ASGI entry point used by ``learning serve``: settings come from the environment."""

from learning.app import create_app

app = create_app()
