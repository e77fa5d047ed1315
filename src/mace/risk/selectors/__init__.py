"""Reads for the child's record. Visibility comes from mace.people.selectors: every function
here takes a child already fetched through child_get_for_user, or a user whose visible
children it starts from."""
