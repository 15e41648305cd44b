"""bizcase's Python API: load scenarios, calculate them, and ask what the CLI asks, with
results as frozen values. `import bizcase` gives its names (see `bizcase._LAZY`), each
module imported when one of its names is first used; the CLI imports only the modules its
command needs, so this package's own import is empty."""
