"""Identity resolution: probabilistic record linkage (Fellegi–Sunter) with blocking.

``engine`` is the public API: ``link_records`` for two lists, ``candidates_for`` for one
record against the children recorded, ``explain`` for the reasons behind a score.
"""
