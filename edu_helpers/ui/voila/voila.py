"""Voilà's config file for the class view (loaded through ``--Voila.config_file_paths``): see ui/present.py."""

from edu_helpers.ui.present import configure

if "get_config" in globals():  # traitlets defines it in config files; not when this is imported as a module
    configure(get_config())  # type: ignore[name-defined]  # noqa: F821
