"""Pure core: findings, rule metadata, configuration and rule logic. No I/O."""
