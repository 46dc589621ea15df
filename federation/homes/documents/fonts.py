"""The CJK font of the PDFs: WenQuanYi Micro Hei (a TrueType font installed from PyPI with the
``paperang-p2-fonts-cjk`` package), embedded so Chinese renders the same on every reader;
without that package, reportlab's built-in CID font STSong-Light (not embedded)."""

from __future__ import annotations

from functools import cache

CID_FALLBACK = "STSong-Light"
EMBEDDED = "WenQuanYiMicroHei"


@cache
def cjk_font() -> str:
    """Register and return the name of the CJK font to use."""
    from reportlab.pdfbase import pdfmetrics

    try:
        from importlib.resources import files

        from reportlab.pdfbase.ttfonts import TTFont

        path = files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"
        pdfmetrics.registerFont(TTFont(EMBEDDED, str(path), subfontIndex=0))
        return EMBEDDED
    except Exception:  # noqa: BLE001 - package missing or unreadable: the CID font always works
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        return CID_FALLBACK
