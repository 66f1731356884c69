"""Billing service: invoicing API and operator CLI."""

__version__ = "3.2.0"
