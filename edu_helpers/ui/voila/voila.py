"""Voilà's config file for the class view (loaded through ``--Voila.config_file_paths``): see ui/present.py."""

from edu_helpers.ui.present import configure

configure(get_config())  # type: ignore[name-defined]  # noqa: F821  (traitlets defines it in config files)
