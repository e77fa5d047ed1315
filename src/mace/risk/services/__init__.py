"""Writes for the child's record: risk tool, assessments, VRMPs, missing episodes, statutory
processes. Every service takes the acting user, checks permission first, runs in a
transaction and records who did it (history via django-simple-history; created/modified by).
"""
