"""The shareable presets, shipped as package data and written into users' repositories."""
