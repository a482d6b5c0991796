"""Catalogue pages: reading (`pages`) and the cataloguing form (`editor`)."""
