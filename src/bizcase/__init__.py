"""bizcase: business cases for UK local-government finance, from YAML to figures."""

__version__ = "0.3.0"
