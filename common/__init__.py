"""Code that is the same in both builds: domain rules, the API contract, auth and errors.

Each build only wires these pieces to its own storage; nothing here knows which build runs it.
"""
