"""Signed tokens and the middleware that checks them, the same in every process of both builds."""
