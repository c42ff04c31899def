"""Organisation: councils, service areas, teams, people, roles and supervisory lines."""
