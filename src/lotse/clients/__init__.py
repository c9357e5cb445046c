"""Clients (eLb): the scoped list and the client's file."""
