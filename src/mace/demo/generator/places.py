"""Where a child learns and lives: school, and addresses over time."""

from __future__ import annotations

import datetime as dt

from mace.demo import data
from mace.demo.generator.common import LOOKED_AFTER, AddressKind, LegalStatus, Phase, Send
from mace.demo.rows import Row
from mace.demo.sampling import Weighted, new_uuid, year_group_for


class PlaceRows:
    """A child's school and addresses (a part of ChildMaker)."""

    # School --------------------------------------------------------------------------

    def _school_picker(self, ward_code: str, phase: str) -> Weighted | None:
        key = (ward_code, phase)
        if key not in self._school_pickers:
            options = self.schools_by_phase.get(phase, [])
            self._school_pickers[key] = (
                Weighted((pk, 6 if code == ward_code else 1) for pk, code in options)
                if options
                else None
            )
        return self._school_pickers[key]

    def _phase(self, *, year: int, send: str, vulnerable: bool, uasc: bool) -> str | None:
        r = self.rng.random()
        special = send == Send.EHCP and self.rng.random() < 0.35
        if year <= 6:
            if special:
                return Phase.SPECIAL
            return Phase.PRIMARY if r < 0.985 else (Phase.ALTERNATIVE if r < 0.992 else None)
        if year <= 11:
            if special:
                return Phase.SPECIAL
            alternative = 0.10 if vulnerable else 0.035
            if r < alternative:
                return Phase.ALTERNATIVE
            if r < alternative + 0.03:
                return None  # missing education or electively home educated
            return Phase.ALL_THROUGH if r < alternative + 0.09 else Phase.SECONDARY
        if year <= 13:
            if uasc:
                return Phase.COLLEGE if r < 0.8 else None  # ESOL courses
            if special:
                return Phase.SPECIAL
            neet = 0.30 if vulnerable else 0.15
            if r < neet:
                return None  # not in education, employment or training
            if r < neet + 0.03:
                return Phase.ALTERNATIVE
            if r < neet + 0.20:
                return Phase.SECONDARY  # sixth form
            return Phase.COLLEGE
        return Phase.COLLEGE if r < 0.45 else None

    def _school(self, *, dob, send, vulnerable, uasc, ward_code) -> tuple[int | None, int | None]:
        year = year_group_for(dob)
        phase = self._phase(year=year, send=send, vulnerable=vulnerable, uasc=uasc)
        picker = self._school_picker(ward_code, phase) if phase else None
        if picker is None:
            return None, None
        return picker.pick(self.rng), (year if year <= 13 else None)

    # Addresses -----------------------------------------------------------------------

    def _address_kinds(self, *, legal: str, uasc: bool) -> list[str]:
        rng = self.rng
        if uasc:
            return [AddressKind.PLACEMENT] * rng.choice((1, 1, 2))
        if legal in LOOKED_AFTER:
            # At most three: a family home or two, then one placement or two.
            homes, placements = rng.choice(((1, 1), (1, 1), (1, 2), (2, 1)))
            return [AddressKind.HOME] * homes + [AddressKind.PLACEMENT] * placements
        if legal == LegalStatus.CARE_LEAVER:
            return [
                AddressKind.HOME,
                AddressKind.PLACEMENT,
                rng.choice((AddressKind.OTHER, AddressKind.HOME)),
            ]
        r = rng.random()
        count = 1 if r < 0.58 else (2 if r < 0.87 else 3)
        kinds = [AddressKind.HOME] * count
        if count > 1 and rng.random() < 0.08:
            kinds[0] = AddressKind.OTHER  # staying with a relative or friend
        return kinds

    def _address_starts(
        self, *, dob: dt.date, count: int, recent: bool, uasc: bool
    ) -> list[dt.date]:
        """Move-in dates, oldest first; fewer than ``count`` if there is no room for more."""
        rng = self.rng
        ref = data.REFERENCE_DATE
        last_possible = ref - dt.timedelta(days=7)
        if uasc:
            first = ref - dt.timedelta(days=rng.randint(60, 900))
        else:
            known_for = min((ref - dob).days - 30, 10 * 365)
            first = ref - dt.timedelta(days=rng.randint(30, max(known_for, 30)))
            first = max(first, dob)
        lo = max(first, ref - dt.timedelta(days=4 * 365)) if recent else first
        # Moves fall on a four-week grid with a little jitter: at least a fortnight apart.
        slots = (last_possible - lo).days // 28
        if slots <= count:
            return [first]
        moves = sorted(rng.sample(range(1, slots), count - 1))
        return [first] + [lo + dt.timedelta(days=28 * m + rng.randrange(14)) for m in moves]

    def _address(self, *, child_id, kind, ward_code, date_from, date_to) -> Row:
        rng = self.rng
        street = rng.choice(self.streets[ward_code])
        number = rng.randint(1, 140)
        line_2 = ""
        if kind == AddressKind.PLACEMENT and rng.random() < 0.35:
            line_1 = f"{rng.choice(data.BLOCK_STEMS)} {rng.choice(data.HOME_SUFFIXES)}"
            line_2 = f"{number} {street.name}"  # a children's home
        elif kind == AddressKind.OTHER or rng.random() < 0.1:
            block = f"{rng.choice(data.BLOCK_STEMS)} {rng.choice(data.BLOCK_SUFFIXES)}"
            line_1 = f"Flat {rng.randint(1, 48)}, {block}"
            line_2 = street.name
        else:
            line_1 = f"{number} {street.name}"
            if rng.random() < 0.5:
                line_2 = street.locality
        return {
            "id": new_uuid(rng),
            "child_id": child_id,
            "kind": kind,
            "line_1": line_1,
            "line_2": line_2,
            "town": street.town,
            "postcode": street.postcode,
            "ward_id": self.ward_ids[ward_code],
            "date_from": date_from,
            "date_to": date_to,
        }

    def _addresses(self, *, child_id, dob, legal, uasc, home_ward) -> tuple[list[Row], str]:
        """The child's addresses, oldest first, and the ward code of the current one."""
        rng = self.rng
        kinds = self._address_kinds(legal=legal, uasc=uasc)
        recent = uasc or legal in LOOKED_AFTER or legal == LegalStatus.CARE_LEAVER
        starts = self._address_starts(dob=dob, count=len(kinds), recent=recent, uasc=uasc)
        kinds = kinds[-len(starts) :]
        addresses = []
        for index, (kind, start) in enumerate(zip(kinds, starts, strict=True)):
            if kind == AddressKind.HOME and (index == len(kinds) - 1 or rng.random() < 0.7):
                ward_code = home_ward.code
            else:
                ward_code = self.wards.pick(rng).code
            end = starts[index + 1] if index + 1 < len(starts) else None
            addresses.append(
                self._address(
                    child_id=child_id,
                    kind=kind,
                    ward_code=ward_code,
                    date_from=start,
                    date_to=end,
                )
            )
        return addresses, ward_code
