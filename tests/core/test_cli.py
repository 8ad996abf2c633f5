"""mnist-train, the headless trainer: a real one-epoch run, its outputs, and its errors."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.cli import main
from core.mlp import MLP


def test_one_epoch_on_real_data_reaches_90_percent_and_saves(tmp_path, capsys):
    # Chapter 1's network; seed 0 (its N(0, 1) start makes the first epoch seed-dependent:
    # some seeds saturate and need a second epoch).
    model_path, csv_path = tmp_path / "m.npz", tmp_path / "h.csv"
    code = main(["--layers", "784", "30", "10", "--epochs", "1", "--seed", "0", "--json",
                 "--save", str(model_path), "--csv", str(csv_path)])
    assert code == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 1
    row = lines[0]
    assert {"epoch", "cost", "validation_accuracy", "test_accuracy", "seconds"} <= set(row)
    assert row["epoch"] == 1 and row["test_accuracy"] >= 0.90
    model = MLP.load(model_path)
    assert model.layer_sizes == (784, 30, 10)
    meta = model.metadata
    assert meta["config"]["seed"] == 0 and meta["config"]["learning_rate"] == 3.0
    assert len(meta["data_sha256"]) == 64 and meta["package_version"]
    assert meta["history"][0]["test_accuracy"] == row["test_accuracy"]
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert float(rows[0]["test_accuracy"]) == row["test_accuracy"]
    assert float(rows[0]["saturation_1"]) == row["saturation"][0]  # one column per hidden layer


def test_a_run_that_falls_to_chance_says_so_and_exits_with_1(tmp_path, capsys):
    """The issue's eta = 1000 (cut to 5,000 images): the network collapses to class 0 in
    epoch 1; mnist-train says how, keeps (and saves) the initial weights, exit code 1."""
    path = tmp_path / "m.npz"
    assert main(["--eta", "1000", "--epochs", "3", "--train-size", "5000", "--seed", "0", "--save", str(path)]) == 1
    out, err = capsys.readouterr()
    assert [line for line in out.splitlines() if line.startswith("epoch")] == []
    assert err.splitlines() == [("mnist-train: the run diverged in epoch 1: its validation accuracy fell to 9.91%, "
                                 "about chance; kept the initial weights. Try a smaller --eta.")]
    model = MLP.load(path)
    assert model.metadata["diverged"] == {"epoch": 1, "reason": "accuracy fell to chance"}
    assert model.metadata["history"] == []


def test_readable_lines_by_default(capsys):
    assert main(["--epochs", "2", "--train-size", "500", "--seed", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Training 784-15-10 on 500 images")
    assert out[1].startswith("epoch   1/2") and "validation" in out[1] and "test" in out[1]
    assert out[3].startswith("best validation")


def test_same_seed_same_result(capsys):
    args = ["--epochs", "1", "--train-size", "1000", "--seed", "7", "--json"]
    main(args)
    first = json.loads(capsys.readouterr().out)
    main(args)
    second = json.loads(capsys.readouterr().out)
    first.pop("seconds"), second.pop("seconds")
    assert first == second


@pytest.mark.parametrize("argv, fragment", [
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["--epochs", "many"], "invalid int value"),
    (["--eta", "-1"], "learning rate"),
    (["--eta", "nan"], "learning rate"),
    (["--batch-size", "0"], "mini-batch size"),
    (["--layers", "784"], "at least two"),
    (["--layers", "10", "10"], "must start with 784"),
    (["--layers", "784", "30", "7"], "must end with 10"),
    (["--train-size", "60000"], "exceeds"),
    (["--cost", "hinge"], "invalid choice"),
    (["--eta", "100", "--l2", "1000"], "weight decay"),
    (["--data", "/nonexistent-folder"], "no such folder"),
    (["--save", "/nonexistent-folder/m.npz"], "does not exist"),
])
def test_a_wrong_argument_gives_one_clear_line_and_exit_code_2(argv, fragment, capsys):
    with pytest.raises(SystemExit) as exit_info:
        code = main(argv)
        raise SystemExit(code)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mnist-train: error: ") and fragment in lines[0]


def test_the_console_entry_runs_as_a_module(tmp_path):
    result = subprocess.run([sys.executable, "-m", "core.cli", "--epochs", "0"], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "epochs" in result.stderr


def test_binarize_is_recorded_and_used(tmp_path, capsys):
    path = tmp_path / "b.npz"
    assert main(["--epochs", "1", "--train-size", "300", "--binarize", "--seed", "0", "--quiet",
                 "--save", str(path)]) == 0
    assert capsys.readouterr().out == ""
    model = MLP.load(path)
    assert model.binarize == 0.5
    x = np.full((1, 784), 0.4, np.float32)
    assert not model.prepare(x).any()  # 0.4 is below the threshold: no ink


def test_a_preset_sets_the_configuration_and_options_override_it(tmp_path, capsys):
    path = tmp_path / "p.npz"
    assert main(["--preset", "nielsen-ch3", "--epochs", "1", "--train-size", "200", "--seed", "0",
                 "--quiet", "--save", str(path)]) == 0
    meta = MLP.load(path).metadata
    config = meta["config"]
    assert meta["preset"] == "nielsen-ch3"
    assert config["layer_sizes"] == [784, 100, 10] and config["cost"] == "cross-entropy"
    assert config["init"] == "scaled" and config["l2"] == 5.0 and config["learning_rate"] == 0.5
    assert config["n_epochs"] == 1 and config["train_size"] == 200  # given on the command line


def test_help_lists_the_presets(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "nielsen-ch1" in out and "nielsen-ch3" in out and "notebook" in out


@pytest.mark.parametrize("columns", [80, 60])
def test_help_fits_the_terminal_and_reads_plainly(columns, capsys, monkeypatch):
    """At COLUMNS=80 (or 60) no line of --help is longer; the presets' descriptions start in one
    column (distorted-800 included); defaults read as typed; one spelling of regularization."""
    monkeypatch.setenv("COLUMNS", str(columns))
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= columns, out
    lines = out.splitlines()
    starts = set()
    for name in ("notebook", "nielsen-ch1", "nielsen-ch3", "wide-800", "distorted-800"):
        line = next(line for line in lines if line.startswith(f"  {name} "))
        starts.add(len(line) - len(line[len(name) + 2:].lstrip()))
    assert len(starts) == 1, starts  # every description in the same column
    assert "(default: 784 15 10)" in out and "[784" not in out
    assert "regularization" in out and "regularisation" not in out
    assert "--epochs N" in out and "epochs (default" not in out  # the option says what an epoch is


def test_ctrl_c_saves_the_network_its_history_describes(tmp_path, mnist):
    import signal

    path = tmp_path / "interrupted.npz"
    proc = subprocess.Popen([sys.executable, "-m", "core.cli", "--epochs", "10000", "--train-size", "3000",
                             "--seed", "0", "--json", "--save", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = json.loads(proc.stdout.readline())  # one epoch is done
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert first["epoch"] == 1
    assert proc.returncode == 130
    assert "interrupted" in err and "keeping the network as it was after epoch" in err
    model = MLP.load(path)
    history = model.metadata["history"]
    assert len(history) >= 1
    assert model.score(mnist.test.X, mnist.test.y) == history[-1]["test_accuracy"]


@pytest.fixture
def steps(monkeypatch):
    """Count the SGD steps of a run of main(), and run ``at[k]()`` right after step k."""
    import core.sgd

    record = {"n": 0, "at": {}}
    real = core.sgd.sgd_step

    def step(*args):
        total = real(*args)
        record["n"] += 1
        record["at"].get(record["n"], lambda: None)()
        return total

    monkeypatch.setattr(core.sgd, "sgd_step", step)
    return record


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_ends_the_run_after_the_current_mini_batch(tmp_path, capsys, steps, presses):
    """SIGINT during mini-batch 25 of epoch 2 (50 per epoch): the first press stops the run
    before the next mini-batch, a second one interrupts at once (KeyboardInterrupt); either
    way the network of epoch 1 is saved, the exit code is 130, and the previous SIGINT
    handler is back afterwards."""
    import signal

    path = tmp_path / "stopped.npz"
    before = signal.getsignal(signal.SIGINT)
    steps["at"][75] = lambda: [signal.raise_signal(signal.SIGINT) for _ in range(presses)]
    code = main(["--epochs", "3", "--train-size", "500", "--seed", "0", "--json", "--save", str(path)])
    out, err = capsys.readouterr()

    assert code == 130 and steps["n"] == 75
    assert signal.getsignal(signal.SIGINT) is before
    assert len(out.splitlines()) == 1 and json.loads(out)["epoch"] == 1
    assert "mnist-train: interrupted in epoch 2; keeping the network as it was after epoch 1." in err
    model = MLP.load(path)
    assert len(model.metadata["history"]) == 1
    reference = tmp_path / "one-epoch.npz"
    steps["at"].clear()
    assert main(["--epochs", "1", "--train-size", "500", "--seed", "0", "--quiet", "--save", str(reference)]) == 0
    for a, b in zip(model.get_params(), MLP.load(reference).get_params()):
        np.testing.assert_array_equal(a, b)


def test_ctrl_c_before_the_first_epoch_ends_saves_nothing(tmp_path, capsys, steps):
    import signal

    path = tmp_path / "never.npz"
    steps["at"][3] = lambda: signal.raise_signal(signal.SIGINT)
    assert main(["--epochs", "2", "--train-size", "500", "--seed", "0", "--quiet", "--save", str(path)]) == 130
    assert steps["n"] == 3 and not path.exists()
    assert "interrupted in epoch 1, before the first epoch ended: nothing is saved." in capsys.readouterr().err


def test_outside_the_main_thread_main_leaves_signals_alone(monkeypatch, capsys):
    import signal
    import threading

    calls = []
    monkeypatch.setattr(signal, "signal", lambda *args: calls.append(args))
    codes = []
    thread = threading.Thread(target=lambda: codes.append(main(["--epochs", "1", "--train-size", "100", "--quiet"])))
    thread.start()
    thread.join(120)
    assert codes == [0] and calls == []


# -- a write that fails after training (issue 11): the network is kept somewhere, and said where --------

QUICK = ["--layers", "784", "10", "--epochs", "1", "--train-size", "1000", "--seed", "0", "--quiet"]


def full_disk(monkeypatch, fails):
    """Make ``MLP.save`` raise ENOSPC (as a disk that fills does, from inside the zip write,
    with no file name) for every path for which ``fails(path)`` is true; returns the paths tried."""
    import errno

    tried = []
    real_save = MLP.save

    def save(self, path):
        tried.append(Path(path))
        if fails(Path(path)):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_save(self, path)

    monkeypatch.setattr(MLP, "save", save)
    return tried


def test_a_full_disk_after_training_saves_the_network_beside_the_failed_path(tmp_path, capsys, monkeypatch):
    target = tmp_path / "m.npz"
    tried = full_disk(monkeypatch, lambda path: path == target)
    assert main([*QUICK, "--save", str(target)]) == 2
    err = capsys.readouterr().err
    recovered = tmp_path / "m.recovered.npz"
    assert f"cannot write --save {target}: No space left on device" in err
    assert f"saved to {recovered} instead" in err and tried == [target, recovered]
    assert not target.exists()
    model = MLP.load(recovered)
    assert model.layer_sizes == (784, 10) and len(model.metadata["history"]) == 1


def test_an_earlier_rescue_is_never_overwritten(tmp_path, capsys, monkeypatch):
    target = tmp_path / "m.npz"
    (tmp_path / "m.recovered.npz").write_bytes(b"an earlier rescue")
    full_disk(monkeypatch, lambda path: path == target)
    assert main([*QUICK, "--save", str(target)]) == 2
    assert (tmp_path / "m.recovered.npz").read_bytes() == b"an earlier rescue"
    assert MLP.load(tmp_path / "m.recovered-2.npz").layer_sizes == (784, 10)
    assert f"saved to {tmp_path / 'm.recovered-2.npz'}" in capsys.readouterr().err


def test_when_its_folder_is_full_the_network_goes_to_the_working_directory(tmp_path, capsys, monkeypatch):
    out, work = tmp_path / "out", tmp_path / "work"
    out.mkdir()
    work.mkdir()
    monkeypatch.chdir(work)
    full_disk(monkeypatch, lambda path: path.parent == out)
    assert main([*QUICK, "--save", str(out / "m.npz")]) == 2
    err = capsys.readouterr().err
    assert f"cannot write --save {out / 'm.npz'}: No space left on device" in err
    assert f"saved to {work / 'm.recovered.npz'} instead" in err
    assert MLP.load(work / "m.recovered.npz").layer_sizes == (784, 10)


def test_then_the_system_temporary_folder_and_else_it_says_the_network_is_lost(tmp_path, capsys, monkeypatch):
    import tempfile

    out, work, temp = tmp_path / "out", tmp_path / "work", tmp_path / "temp"
    for folder in (out, work, temp):
        folder.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(temp))
    full_disk(monkeypatch, lambda path: path.parent != temp)
    assert main([*QUICK, "--save", str(out / "m.npz")]) == 2
    assert f"saved to {temp / 'm.recovered.npz'} instead" in capsys.readouterr().err
    assert MLP.load(temp / "m.recovered.npz").layer_sizes == (784, 10)

    tried = full_disk(monkeypatch, lambda path: True)
    assert main([*QUICK, "--save", str(out / "m.npz")]) == 2
    err = capsys.readouterr().err
    assert len(tried) == 4 and "could not be saved anywhere else either" in err and "it is lost" in err
    assert str(work / "m.recovered.npz") in err and "No space left on device" in err


def test_a_failing_csv_write_still_saves_the_model(tmp_path, capsys, monkeypatch):
    import errno

    import core.cli

    model_path, csv_path = tmp_path / "m.npz", tmp_path / "h.csv"

    def no_space(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(core.cli, "atomic_open", no_space)
    assert main([*QUICK[:-1], "--save", str(model_path), "--csv", str(csv_path)]) == 2
    captured = capsys.readouterr()
    assert f"cannot write --csv {csv_path}: No space left on device" in captured.err
    assert f"saved {model_path}" in captured.out
    assert MLP.load(model_path).layer_sizes == (784, 10) and not csv_path.exists()


def test_a_csv_write_that_fails_once_and_then_succeeds_is_complete(tmp_path, capsys, monkeypatch):
    import errno

    import core.cli

    csv_path = tmp_path / "h.csv"
    real_open, calls = core.cli.atomic_open, []

    def once(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(core.cli, "atomic_open", once)
    assert main([*QUICK, "--epochs", "2", "--csv", str(csv_path)]) == 0
    assert "warning: cannot write --csv" in capsys.readouterr().err
    with open(csv_path, newline="") as f:
        assert [row["epoch"] for row in csv.DictReader(f)] == ["1", "2"]
