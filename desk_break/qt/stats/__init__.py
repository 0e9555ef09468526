"""The statistics window: its own process (`desk-break statistics`), so the tray app
never loads a charting library. `process` runs it (one window at a time), `window`
lays it out, `charts` draws with pyqtgraph, `timeline` is the week view no charting
library draws, `look` takes its colours from the system palette."""
