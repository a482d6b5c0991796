"""Fonts for the PDFs we draw: the standard PDF fonts have no Cyrillic, so DejaVu Sans (free
licence, shipped in `core/fonts/`) is registered with reportlab once per process."""

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).with_name("fonts")
REGULAR, BOLD = "DejaVu", "DejaVu-Bold"


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, FONTS / "DejaVuSans-Bold.ttf"))
