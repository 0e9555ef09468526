"""Text from the person's files shown as text, never as markup.

Qt guesses whether a tooltip is rich text (Qt::mightBeRichText): a move's cue
"<b>Hold</b>", or a settings key "<font color=red>x</font>" quoted in a problem,
would be rendered, not shown. A tooltip made here is rich text whose content is
escaped, so what the person sees is exactly what the file says, line breaks kept.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally ("" stays "": no tooltip)."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
