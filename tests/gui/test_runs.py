"""The session's runs: naming, showing, removing, using a run's network, a model file's
history as a run, the runs table and the CSV export."""

import csv

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core.mlp import MLP
from core.sgd import TrainConfig
from mnist_gui.export import CSV_COLUMNS, write_run_csv
from mnist_gui.runs_table import RunsTable
from mnist_gui.session import Session


def _history(n: int, base: float = 0.8) -> list[dict]:
    return [{"epoch": e, "cost": 0.1 / e, "training_accuracy": base + 0.01 * e, "validation_accuracy": base + 0.009 * e,
             "test_accuracy": base + 0.008 * e, "seconds": 2.0, "learning_rate": 3.0} for e in range(1, n + 1)]


def _finished_run(session: Session, config: TrainConfig, epochs: int = 3):
    run = session.add_run(config, n_train=50_000)
    run.cost_points = [(e - 1 + k / 10, 0.2 / (e + k / 10)) for e in range(1, epochs + 1) for k in range(1, 11)]
    model = MLP(config.layer_sizes, rng=np.random.default_rng(0))
    model.metadata["history"] = _history(epochs)
    session.end_run(run, "Training finished", model)
    return run


def test_runs_keep_their_history_and_the_last_becomes_current(qtbot):
    session = Session()
    first = _finished_run(session, TrainConfig(layer_sizes=(784, 30, 10), seed=1), epochs=3)
    second = _finished_run(session, TrainConfig(layer_sizes=(784, 15, 10), seed=2), epochs=2)
    assert session.runs == [first, second] and (first.number, second.number) == (1, 2)
    assert len(first.history) == 3 and len(second.history) == 2 and len(first.cost_points) == 30
    assert session.model is second.model and session.unsaved
    assert first.best_validation == (3, pytest.approx(0.827)) and first.samples_per_second == pytest.approx(25_000)
    assert "784-30-10" in first.describe() and "seed 1" in first.describe()
    with qtbot.waitSignal(session.model_changed):
        session.use_run(first)
    assert session.model is first.model and session.model_name == first.name


def test_rename_hide_remove_and_unsaved_runs(qtbot, tmp_path):
    session = Session()
    run = _finished_run(session, TrainConfig(seed=1))
    with qtbot.waitSignal(session.run_changed):
        session.rename_run(run, "  baseline ")
    assert run.name == "baseline" and session.model_name == "baseline"
    session.rename_run(run, "   ")  # blank: refused, the name stays
    assert run.name == "baseline"
    with qtbot.waitSignal(session.run_changed):
        session.set_run_visible(run, False)
    assert not run.visible
    assert session.unsaved_runs() == [run]
    session.save_model(tmp_path / "baseline")
    assert run.saved_to.endswith("baseline.npz") and session.unsaved_runs() == []
    running = session.add_run(TrainConfig(seed=2))
    with pytest.raises(ValueError, match="still training"):
        session.remove_run(running)
    with pytest.raises(ValueError, match="no network"):
        session.use_run(running)
    with qtbot.waitSignal(session.runs_changed):
        session.remove_run(run)
    assert session.runs == [running] and session.model is run.model  # the network in use stays


def test_opening_a_model_adds_its_history_as_a_run(tmp_path, qtbot):
    session = Session()
    model = MLP((784, 20, 10), rng=np.random.default_rng(0))
    config = TrainConfig(layer_sizes=(784, 20, 10), n_epochs=4, seed=7)
    model.metadata.update(history=_history(4), config=config.to_dict(), n_train=50_000,
                          learning_rate_changes=[{"epoch": 2, "batch": 2500, "learning_rate": 1.0}])
    model.save(tmp_path / "four.npz")
    with qtbot.waitSignal(session.runs_changed):
        session.open_model(tmp_path / "four.npz")
    (run,) = session.runs
    assert run.from_file and run.config == config and len(run.history) == 4 and run.model is session.model
    assert run.learning_rate_changes == [{"epoch": 2, "batch": 2500, "learning_rate": 1.0, "x": 1.5}]
    assert session.unsaved_runs() == []
    # A model without a history adds no run.
    bare = MLP((784, 10), rng=np.random.default_rng(0))
    bare.save(tmp_path / "bare.npz")
    session.open_model(tmp_path / "bare.npz")
    assert session.runs == [run]


def test_the_first_run_trained_is_run_1_after_an_opened_model(tmp_path, qtbot):
    """A newcomer's first run was "run 2": the bundled network's history had taken number 1."""
    session = Session()
    model = MLP((784, 20, 10), rng=np.random.default_rng(0))
    model.metadata.update(history=_history(2), config=TrainConfig(layer_sizes=(784, 20, 10)).to_dict(),
                          n_train=50_000)
    model.save(tmp_path / "opened.npz")
    session.open_model(tmp_path / "opened.npz")
    first = session.add_run(TrainConfig(seed=1))
    second = session.add_run(TrainConfig(seed=2))
    assert first.name == "run 1: 784-15-10" and second.name == "run 2: 784-15-10"
    numbers = [run.number for run in session.runs]
    assert len(set(numbers)) == 3  # still three distinct runs (ids and colours)


def test_runs_table_model_and_actions(qtbot, qtmodeltester):
    session = Session()
    first = _finished_run(session, TrainConfig(layer_sizes=(784, 30, 10), seed=1))
    table = RunsTable(session)
    qtbot.addWidget(table)
    qtmodeltester.check(table.model)
    second = _finished_run(session, TrainConfig(seed=2), epochs=2)
    qtmodeltester.check(table.model)
    model = table.model
    assert model.rowCount() == 2 and table.selected_run() is second  # the newest is selected
    name = model.index(0, model.COLUMNS.index("name"))
    assert model.data(name) == first.name
    assert model.setData(name, "wide one") and first.name == "wide one"
    show = model.index(0, 0)
    assert model.data(show, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.setData(show, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not first.visible
    best = model.index(0, model.COLUMNS.index("best validation"))
    assert model.data(best) == "82.70% (epoch 3)"
    assert not table.use_button.isEnabled()  # the second run's network is already in use
    table.select_run(first)
    assert table.use_button.isEnabled()
    with qtbot.waitSignal(table.use_requested) as blocker:
        table.use_button.click()
    assert blocker.args == [first]


def test_csv_export_has_every_curve(tmp_path):
    session = Session()
    run = _finished_run(session, TrainConfig(seed=1), epochs=2)
    run.learning_rate_changes.append({"x": 1.25, "learning_rate": 0.5})
    path = write_run_csv(run, tmp_path / "run.csv")
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == CSV_COLUMNS
    windows = [r for r in rows if r["cost_window"]]
    epochs = [r for r in rows if r["event"] == "epoch end"]
    assert len(windows) == 20 and len(epochs) == 2 and float(epochs[1]["validation_accuracy"]) == pytest.approx(0.818)
    assert [float(r["epoch"]) for r in rows] == sorted(float(r["epoch"]) for r in rows)
    assert any(r["event"] == "learning rate changed" and float(r["learning_rate"]) == 0.5 for r in rows)
