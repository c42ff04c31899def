"""learning: helps a council's children's social care service learn from its own practice."""
