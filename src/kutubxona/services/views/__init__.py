"""The pages of remote delivery and paid services."""
