"""Browser tests (a package, so that its conftest and helpers do not clash with those in tests/)."""
