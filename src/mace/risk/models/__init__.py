"""The child's record beyond identity: risk tool, VRMPs, missing episodes, statutory work."""

from mace.risk.models.assessment import Assessment, Grade, Level
from mace.risk.models.catalogue import Catalogue
from mace.risk.models.missing import MissingEpisode
from mace.risk.models.statutory import StatutoryProcess
from mace.risk.models.vrmp import Vrmp, VrmpAction, VrmpReview, VrmpVersion

__all__ = [
    "Assessment",
    "Catalogue",
    "Grade",
    "Level",
    "MissingEpisode",
    "StatutoryProcess",
    "Vrmp",
    "VrmpAction",
    "VrmpReview",
    "VrmpVersion",
]
