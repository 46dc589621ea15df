"""Configuration: settings, the two URL roots (federation host, union host), wsgi, the
database router and the launcher. It wires features together; nothing imports it back."""
