"""Who may see the professional-only parts of a fiche (duiding, professional contacts)."""

from __future__ import annotations

from typing import Any

PROFESSIONAL_PERMISSION = "directory.view_professional_fields"


def can_see_professional_fields(user: Any) -> bool:
    """Staff, or a signed-in user holding directory.view_professional_fields. Anonymous users never."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff or user.has_perm(PROFESSIONAL_PERMISSION))
