"""The demo city's contextual network (issue 12; ADR 34).

After two years of child-focused MACE have been held, ``NetworkMaker.build`` records what
the analyst would have recorded over those years, through the contexts services only:

- places of each kind (takeaways, trap-house addresses, a park, a shopping centre, the bus
  station, short-let flats, a party address, a Snapchat group) with an address, postcode,
  ward and coordinates in Leeds; persons of concern with aliases and street names, an age or
  date of birth, a description, suspected or known, and a status; peer groups (two around
  places, and one in each of the two or three secondary schools most discussed children go
  to, with the age range of its members); themes (county lines, taxi use, a Snapchat group);
- four networks (three county lines, one sexual exploitation), each: its persons of concern
  linked to the phones, vehicles and accounts they use and the places they run or use, and
  four to nine of the children discussed at child-focused MACE linked to them (dated at the
  child's first discussion, with the discussion's agenda item), the last one a fortnight
  ago; a few children joined to a second network (bridges); links graded 3x5x2, about one in
  seven under handling code C with its conditions and roles, two proposed, three retracted;
- co-occurrence alerts as ``link_add`` raises them: the older ones put on the contextual
  agenda (one dismissed), the recent ones still new;
- disruption: orders and notices with their legal terms (some in force, one or two expiring
  within ``MACE_DISRUPTION_EXPIRY_WARNING_DAYS``, some ended with an outcome), reviews,
  engagement, patrols and an arrest; theme tags on the records.

Contextual MACE (``meetings.contextual``) then puts these records on its agendas. Its own
random stream (``"{seed}/network"``) keeps the meetings the same as before for a seed.
"""

from __future__ import annotations

from mace.demo.network.maker import NetworkMaker

__all__ = ["NetworkMaker"]
