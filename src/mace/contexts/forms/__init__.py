"""The forms of contextual MACE: records and links (records), disruption, trends."""
