"""cuaderno: tagged, bilingual knowledge bases from folders of study notes."""

from __future__ import annotations

__version__ = "0.1.0"
