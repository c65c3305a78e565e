"""What samkit computes from plans: scores and tiers, coverage, pipeline, portfolio, changes, the QBR brief."""
