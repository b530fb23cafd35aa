"""policy-compare: compare schools' policies clause by clause and publish a model policy."""

__version__ = "0.2.0"
