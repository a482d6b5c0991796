"""Kutubxona: the library system of Uzbekistan's information-library centres (AKM)."""

__version__ = "0.1.0"
