"""Helpers the test suites and the bench share: starting real server processes and databases."""
