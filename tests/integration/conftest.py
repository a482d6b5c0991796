"""Fixtures of the domains' own suites, shared by the tests that cross domains."""

from tests.services.conftest import dana, prices

__all__ = ["dana", "prices"]
