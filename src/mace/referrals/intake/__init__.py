"""Secure mailbox intake: each message becomes a referral in the triage queue, or is
quarantined with its reason. See docs/intake.md."""
