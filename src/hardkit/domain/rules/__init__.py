"""One module per rule; ``hardkit.domain.registry`` lists them."""
