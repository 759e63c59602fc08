"""Dates as a reader reads them, at the precision the source gives, in the reader's language."""
from __future__ import annotations

import calendar

MONTHS = {"en": tuple(calendar.month_name)[1:],
          "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                 "octubre", "noviembre", "diciembre")}


def human_date(iso: str | None, language: str = "en") -> str:
    """'2024-05-09' -> '9 May 2024' ('9 de mayo de 2024'), '2024-05' -> 'May 2024', '2024' -> '2024'."""
    if not iso:
        return ""
    parts = iso.split("-")
    months = MONTHS.get(language, MONTHS["en"])
    of = " de " if language == "es" else " "
    try:
        if len(parts) == 3:
            return f"{int(parts[2])}{of}{months[int(parts[1]) - 1]}{of}{parts[0]}"
        if len(parts) == 2:
            return f"{months[int(parts[1]) - 1]}{of}{parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso
