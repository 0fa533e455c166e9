"""The command line. It parses arguments, calls the service and returns an exit code."""
