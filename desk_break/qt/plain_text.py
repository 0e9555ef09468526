"""Text from the person's files shown as text, never as markup.

Qt guesses whether a tooltip is rich text (Qt::mightBeRichText): a move's cue
"<b>Hold</b>", or a settings key "<font color=red>x</font>" quoted in a problem,
would be rendered, not shown. A tooltip made here is rich text whose content is
escaped, so what the person sees is exactly what the file says, on the lines it has
(a cue is one line of at most MAX_CUE characters: it does not wrap, as plain text
tooltips do not).
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally ("" stays "": no tooltip)."""
    if not text:
        return ""
    return "<p style='white-space:pre'>" + html.escape(text, quote=False) + "</p>"
