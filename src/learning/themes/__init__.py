"""Themes: finding what people keep saying in free text, after personal data is removed."""
