"""Pages for people: one HTML page per entity, document and claim, for `dkg serve` and `dkg site`."""
