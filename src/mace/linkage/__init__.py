"""Record linkage: probabilistic matching of people (Fellegi–Sunter) with blocking.

No Django and no other MACE app (only ``mace.core.csvsafe``): records in, scores and reasons
out. ``engine`` is the public API: ``link_records`` for two lists, ``first_pass`` and
``rank`` for one record against many, ``explain`` for the reasons behind a score. The
people app searches the children recorded with it (``mace.people.identity``).
"""
