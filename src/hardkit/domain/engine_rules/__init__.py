"""The rules the engine reports itself: HK001 (a file could not be parsed) and HK002
(a suppression of a rule the config makes unsuppressible)."""
