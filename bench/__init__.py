"""Measuring programs: they print figures; no test asserts a timing."""
