"""Orchestration: discover, check (in parallel when large), fix, report."""
