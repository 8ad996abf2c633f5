"""Writing a run's curves to a CSV file (the PNG comes from :meth:`TrainingPlot.export_png`)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from core.atomic import atomic_open

#: The CSV's columns, in order.
CSV_COLUMNS = ("epoch", "cost_window", "cost_epoch", "training_accuracy", "validation_accuracy", "test_accuracy",
               "learning_rate", "seconds", "event")


def run_curve_rows(run) -> list[dict]:
    """The curves of ``run`` (a :class:`~mnist_gui.session.Run`) as rows, in order of x.

    One row per cost point (``epoch`` fractional, ``cost_window`` the mean cost of that
    report window), one per completed epoch (``epoch`` whole; its cost over the epoch,
    three accuracies as fractions in [0, 1], eta at its end, seconds), and one per
    learning-rate change made during the run (``event`` "learning rate changed"). Empty
    cells are "".
    """
    rows = [{"epoch": x, "cost_window": cost} for x, cost in run.cost_points]
    for h in run.history:
        rows.append({"epoch": h["epoch"], "cost_epoch": h.get("cost"),
                     "training_accuracy": h.get("training_accuracy"),
                     "validation_accuracy": h.get("validation_accuracy"), "test_accuracy": h.get("test_accuracy"),
                     "learning_rate": h.get("learning_rate"), "seconds": h.get("seconds"), "event": "epoch end"})
    for c in run.learning_rate_changes:
        rows.append({"epoch": c["x"], "learning_rate": c["learning_rate"], "event": "learning rate changed"})
    if run.diverged_at is not None:
        rows.append({"epoch": run.diverged_at[0], "validation_accuracy": run.diverged_at[1], "event": "diverged"})
    rows.sort(key=lambda r: r["epoch"])  # stable: a window ending an epoch comes before the epoch's row
    return [{k: ("" if r.get(k) is None else r[k]) for k in CSV_COLUMNS} for r in rows]


def write_run_csv(run, path: str | os.PathLike) -> Path:
    """Write :func:`run_curve_rows` of ``run`` to ``path`` atomically, with a header line
    of :data:`CSV_COLUMNS` and a comment-free body that spreadsheets read as is.

    Returns the path written. Raises OSError if the file cannot be written (nothing is
    then overwritten).
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(run_curve_rows(run))
    path = Path(path)
    with atomic_open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return path
