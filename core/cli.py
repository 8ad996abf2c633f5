"""``mnist-train``: train a network from the command line, no GUI.

Examples::

    mnist-train                                    # the notebook: 784-15-10, 30 epochs, m=10, eta 3.0
    mnist-train --layers 784 30 10 --seed 0        # Nielsen ch. 1
    mnist-train --layers 784 100 10 --cost cross-entropy --init scaled --l2 5 --eta 0.5 --save model.npz
    mnist-train --epochs 1 --json                  # one JSON object per epoch on stdout

Every error is one line on stderr and exit code 2. When an output cannot be written after
training (a full disk), the CSV and the model are written independently, the failing path
and the reason are named, and a model that cannot be written to --save is written beside it
(``NAME.recovered.npz``), else in the working directory, else in the system's temporary
folder, and the place said; exit code 2. Ctrl-C stops the run after the current
mini-batch and keeps (and saves, with --save) the network of the last completed epoch,
exit code 130; a second Ctrl-C interrupts at once. A run that diverges (the cost became
infinite, or the validation accuracy fell to chance: see core.sgd.train) keeps and saves
the network of the last good epoch, says so on stderr, and exits with code 1.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import math
import shutil
import signal
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

import core
from core.atomic import atomic_open
from core.datasets import load_mnist
from core.metrics import format_percent
from core.sgd import PRESETS, TrainConfig, TrainingControl, train

__all__ = ["build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line: ``mnist-train: error: ...``."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _wrapped(text: str, width: int, indent: str = "", hanging: str = "") -> str:
    """``text`` filled to ``width`` columns, the first line after ``indent``, the others after ``hanging``."""
    return textwrap.fill(text, width=max(width, len(hanging) + 20), initial_indent=indent, subsequent_indent=hanging,
                         break_on_hyphens=False)


def _presets_epilog(width: int) -> str:
    """The presets section of --help, each description wrapped to ``width`` columns under its name."""
    column = max(len(name) for name in PRESETS) + 4  # "  name  " then the description
    lines = [_wrapped("presets (--preset NAME; options given as well override the preset's):", width)]
    for name, preset in PRESETS.items():
        lines.append(_wrapped(preset.description, width, f"  {name:<{column - 2}}", " " * column))
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``mnist-train``; defaults are the notebook's (TrainConfig's).

    The description and the presets are wrapped to the terminal's width (``COLUMNS`` if set,
    as argparse wraps the options), when the parser is built.
    """
    d = TrainConfig()
    width = max(40, shutil.get_terminal_size().columns - 2)  # argparse's own width
    p = _Parser(prog="mnist-train", formatter_class=argparse.RawDescriptionHelpFormatter, description=_wrapped(
        "Train a sigmoid network on MNIST (or any data set in MNIST's IDX layout) by mini-batch SGD, as in "
        "Nielsen's Neural Networks and Deep Learning. Prints one line per epoch.", width),
        epilog=_presets_epilog(width))
    p.add_argument("--preset", choices=list(PRESETS), default=None, metavar="NAME",
                   help="start from a named configuration (the presets listed below)")
    p.add_argument("--layers", type=int, nargs="+", default=list(d.layer_sizes), metavar="N",
                   help="neurons per layer, input first, output last, e.g. --layers 784 30 10 for one hidden "
                        "layer of 30 (default: " + " ".join(map(str, d.layer_sizes)) + ")")
    p.add_argument("--epochs", type=int, default=d.n_epochs, metavar="N",
                   help="how many times to go through all the training images (default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=d.batch_size, metavar="M",
                   help="images per mini-batch: the weights change once per M images (default: %(default)s)")
    p.add_argument("--eta", type=float, default=d.learning_rate,
                   help="learning rate: how far each gradient step goes (default: %(default)s)")
    p.add_argument("--cost", choices=["quadratic", "cross-entropy"], default=d.cost,
                   help="cost function: quadratic (ch. 1), or cross-entropy, which learns fast even when an output "
                        "neuron is badly wrong (ch. 3) (default: %(default)s)")
    p.add_argument("--init", choices=["normal", "scaled"], default=d.init,
                   help="initial weights: normal is N(0, 1) (ch. 1), scaled is N(0, 1/n_in), which starts fewer neurons "
                        "saturated (ch. 3) (default: %(default)s)")
    p.add_argument("--l2", type=float, default=d.l2, metavar="LAMBDA",
                   help="L2 regularization lambda, against overfitting (ch. 3); 0: none; scaled by the training-set size (default: %(default)s)")
    p.add_argument("--train-size", type=int, default=None, metavar="N",
                   help="train on the first N training images only (default: all 50,000)")
    p.add_argument("--binarize", type=float, nargs="?", const=0.5, default=None, metavar="THRESHOLD",
                   help="turn pixels into 0/1 at THRESHOLD in [0, 1) (default threshold 0.5)")
    p.add_argument("--dtype", choices=["float32", "float64"], default=d.dtype,
                   help="floating type of the weights and all arithmetic (default: %(default)s)")
    p.add_argument("--patience", type=int, default=None, metavar="K",
                   help="halve eta after K epochs without a better validation accuracy (ch. 3); 0: never "
                        "(default: never)")
    p.add_argument("--max-halvings", type=int, default=d.max_halvings, metavar="M",
                   help="with --patience, stop when eta would be halved the M-th time, i.e. would drop to "
                        "eta/2^M (the book: 7); 0 is plain early stopping (default: %(default)s)")
    p.add_argument("--shift", type=float, default=d.distort_shift, metavar="PIXELS",
                   help="train each epoch on fresh copies shifted by up to PIXELS along each axis (default: %(default)s)")
    p.add_argument("--rotation", type=float, default=d.distort_rotation, metavar="DEGREES",
                   help="... rotated by up to DEGREES (default: %(default)s)")
    p.add_argument("--scale", type=float, default=d.distort_scale, metavar="FRACTION",
                   help="... scaled along each axis by a factor in [1 - FRACTION, 1 + FRACTION] (default: %(default)s)")
    p.add_argument("--shear", type=float, default=d.distort_shear, metavar="SLOPE",
                   help="... sheared horizontally by up to SLOPE (default: %(default)s)")
    p.add_argument("--elastic-alpha", type=float, default=d.elastic_alpha, metavar="PIXELS",
                   help="... with an elastic distortion of scale PIXELS (Simard 2003: 34; default: %(default)s, none)")
    p.add_argument("--elastic-sigma", type=float, default=d.elastic_sigma, metavar="PIXELS",
                   help="smoothing of the elastic field, a Gaussian of PIXELS (Simard 2003: 4; default: %(default)s)")
    p.add_argument("--keep-best", action=argparse.BooleanOptionalAction, default=d.keep_best,
                   help="end with the weights of the epoch of best validation accuracy, not the last "
                        "(default: off; on for the presets with a schedule)")
    p.add_argument("--seed", type=int, default=None, help="seed for weights and shuffles (default: random)")
    p.add_argument("--data", type=Path, default=None, metavar="DIR",
                   help="folder with the four IDX files (default: the bundled MNIST)")
    p.add_argument("--save", type=Path, default=None, metavar="PATH", help="save the trained model (.npz)")
    p.add_argument("--csv", type=Path, default=None, metavar="PATH", help="write the per-epoch history as CSV")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object per epoch on stdout instead of readable lines")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--version", action="version", version=f"%(prog)s {core.__version__}")
    return p


#: Command-line option (argparse dest) -> TrainConfig field, for both directions.
_FIELDS = {"layers": "layer_sizes", "epochs": "n_epochs", "batch_size": "batch_size", "eta": "learning_rate",
           "cost": "cost", "init": "init", "l2": "l2", "dtype": "dtype", "binarize": "binarize",
           "train_size": "train_size", "patience": "patience", "max_halvings": "max_halvings", "seed": "seed",
           "shift": "distort_shift", "rotation": "distort_rotation", "scale": "distort_scale",
           "shear": "distort_shear", "elastic_alpha": "elastic_alpha", "elastic_sigma": "elastic_sigma",
           "keep_best": "keep_best"}


def _preset_defaults(config: TrainConfig) -> dict:
    """A preset's settings as argparse defaults (option dest -> value); never its seed."""
    values = {dest: getattr(config, field) for dest, field in _FIELDS.items() if dest != "seed"}
    values["layers"] = list(config.layer_sizes)
    return values


def _config(args: argparse.Namespace) -> TrainConfig:
    values = {field: getattr(args, dest) for dest, field in _FIELDS.items()}
    values["layer_sizes"] = tuple(args.layers)
    values["patience"] = args.patience or None  # 0: no schedule
    return TrainConfig(**values).with_seed()


def _unwritable(path: Path) -> str | None:
    """Why ``path`` cannot be written, or None: checked before training, not after."""
    if path.is_dir():
        return "is a folder; give a file name."
    if not path.parent.is_dir():
        return f"the folder {path.parent} does not exist."
    try:
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as exc:
        return f"cannot create a file in {path.parent} ({exc.strerror or exc})."
    return None


def _reason(exc: OSError) -> str:
    """Why a write failed, in words (``No space left on device``), without the path: the
    caller names the path it was writing (an error raised inside a zip or numpy write often
    carries no file name)."""
    return exc.strerror or str(exc) or type(exc).__name__


def _recovery_paths(path: Path) -> list[Path]:
    """Where to save a network that could not be written to ``path``, in order: beside it
    (``<name>.recovered.npz``), then in the working directory, then in the system's temporary
    folder. Each name is one that does not exist yet (``.recovered-2.npz``, ...): an earlier
    rescue is never overwritten."""
    name = f"{path.stem}.recovered{path.suffix or '.npz'}"
    places = []
    for folder in (path.parent, Path.cwd(), Path(tempfile.gettempdir())):
        with contextlib.suppress(OSError):
            folder = folder.resolve()
        if folder not in places:
            places.append(folder)
    found = []
    for folder in places:
        candidate, n = folder / name, 1
        while candidate.exists():
            n += 1
            candidate = folder / f"{path.stem}.recovered-{n}{path.suffix or '.npz'}"
        found.append(candidate)
    return found


def _save_somewhere(model, path: Path) -> tuple[Path | None, list[tuple[Path, str]]]:
    """Save ``model`` to ``path``, or failing that to the first of :func:`_recovery_paths`
    that takes it.

    Returns
    -------
    saved : Path or None
        Where the network was written (``path`` itself when all went well); None if nowhere.
    failures : list of (Path, str)
        Each path tried that failed and why, in order (empty when ``path`` was written).
    """
    failures = []
    for candidate in [path, *_recovery_paths(path)]:
        try:
            model.save(candidate)
        except OSError as exc:
            failures.append((candidate, _reason(exc)))
            continue
        return candidate, failures
    return None, failures


def _pct(x: float | None) -> str:
    """A fraction as a percentage padded to a fixed width, for aligned epoch lines."""
    return f"{format_percent(x):>7}"


def _csv_row(row: dict) -> dict:
    """A history row with each list (the saturation per hidden layer) spread over numbered
    columns: ``saturation_1``, ``saturation_2``, ..."""
    flat = {}
    for key, value in row.items():
        if isinstance(value, list):
            flat.update({f"{key}_{i}": v for i, v in enumerate(value, 1)})
        else:
            flat[key] = value
    return flat


def _write_csv(path: Path, history: list[dict]) -> None:
    """Write the (non-empty) history atomically, one column per history key (a list, one
    per entry)."""
    rows = [_csv_row(h) for h in history]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with atomic_open(path, "w", newline="", encoding="utf-8") as f:
        f.write(buf.getvalue())


@contextlib.contextmanager
def _ctrl_c_stops(control: TrainingControl) -> Iterator[None]:
    """While in the block, the first Ctrl-C (SIGINT) calls ``control.stop()`` and a second
    one raises KeyboardInterrupt, as Python's default handler does.

    The handler is installed only in the main thread (``signal.signal`` works nowhere
    else) and only if SIGINT is not ignored; the previous handler is put back on leaving.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    if not in_main_thread or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield
        return

    def on_sigint(signum, frame):
        if control.stopped:
            raise KeyboardInterrupt
        control.stop()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:  # None: a handler not set from Python, which cannot be put back; the default then
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


def main(argv: list[str] | None = None) -> int:
    """Run ``mnist-train``; returns the exit code (0 done, 2 error, 130 interrupted)."""
    parser = build_parser()
    known, _ = parser.parse_known_args(argv)
    if known.preset:
        parser.set_defaults(**_preset_defaults(PRESETS[known.preset].config))
    args = parser.parse_args(argv)
    prog = parser.prog

    def fail(message: str) -> int:
        print(f"{prog}: error: {message}", file=sys.stderr)
        return 2

    try:
        config = _config(args)
    except ValueError as exc:
        return fail(str(exc))
    for path, what in ((args.save, "--save"), (args.csv, "--csv")):
        problem = None if path is None else _unwritable(path)
        if problem:
            return fail(f"{what} {path}: {problem}")
    try:
        data = load_mnist(args.data)
    except (OSError, ValueError) as exc:
        return fail(str(exc))
    if config.layer_sizes[0] != data.train.X.shape[1]:
        return fail(f"--layers must start with {data.train.X.shape[1]} (pixels per image), "
                    f"got {config.layer_sizes[0]}.")
    if config.layer_sizes[-1] != 10:
        return fail(f"--layers must end with 10 (one output per class), got {config.layer_sizes[-1]}.")
    try:
        config.check_training_size(config.train_size or len(data.train), available=len(data.train))
    except ValueError as exc:
        return fail(str(exc))

    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    model.metadata.update(data_sha256=data.sha256, package_version=core.__version__)
    if args.preset:
        model.metadata["preset"] = args.preset
    human = not args.quiet and not args.json
    live = not args.quiet and sys.stderr.isatty()
    if human:
        print(f"Training {'-'.join(map(str, config.layer_sizes))} on {config.train_size or len(data.train):,} images"
              f" ({data.directory}): {config.n_epochs} epoch{'s' if config.n_epochs != 1 else ''}, "
              f"mini-batch {config.batch_size}, eta "
              f"{config.learning_rate:g}, {config.cost} cost, {config.init} init, L2 {config.l2:g}, "
              f"{config.dtype}, seed {config.seed}"
              + ("" if config.distortion().is_identity else f"; distorted copies each epoch ({config.distortion()})")
              + ("; the best validation epoch kept" if config.keep_best else ""), flush=True)
    interrupted = False
    diverged = False
    report = None
    epoch_params = None  # the weights at the end of the last completed epoch
    csv_error = None
    control = TrainingControl()  # stopped by the first Ctrl-C: the run ends after its current mini-batch
    try:
        with _ctrl_c_stops(control):
            for report in train(model, data, config, rng, report_every=max(1, 1000 // config.batch_size),
                                control=control):
                if report.event == "stopped":
                    break  # the last report; the run is over
                if report.event == "diverged":
                    diverged = True
                    if live:
                        print("\r" + " " * 60 + "\r", end="", file=sys.stderr, flush=True)
                    print(f"{prog}: {_divergence(model.metadata['diverged'], report)} Try a smaller --eta.",
                          file=sys.stderr)
                    continue
                if not report.end_of_epoch:
                    if live:
                        print(f"\r  epoch {report.epoch}/{report.n_epochs}: "
                              f"{100 * report.batch / report.n_batches:5.1f}%  cost {report.cost:.4f}",
                              end="", file=sys.stderr, flush=True)
                    continue
                if live:
                    print("\r" + " " * 60 + "\r", end="", file=sys.stderr, flush=True)
                row = model.metadata["history"][-1]
                epoch_params = model.get_params()  # kept, so that an interrupted run saves what its history says
                if args.json:
                    print(json.dumps(row), flush=True)
                elif human:
                    note = {"halved": f"  (eta halved to {report.learning_rate / 2:g})",
                            "early stop": "  (early stop: no improvement)",
                            "diverged": "  (diverged; last good weights kept)"}.get(report.event, "")
                    print(f"epoch {report.epoch:3d}/{report.n_epochs}  cost {report.cost:.4f}  "
                          f"train {_pct(report.training_accuracy)}  validation {_pct(report.validation_accuracy)}  "
                          f"test {_pct(report.test_accuracy)}  {report.seconds:5.2f} s{note}", flush=True)
                if args.csv:
                    try:
                        _write_csv(args.csv, model.metadata["history"])
                    except OSError as exc:
                        csv_error = f"cannot write --csv {args.csv}: {_reason(exc)}"
                        print(f"{prog}: warning: {csv_error}; training goes on", file=sys.stderr)
    except KeyboardInterrupt:  # a second Ctrl-C: at once, wherever the run was
        interrupted = True
    if interrupted or control.stopped:
        interrupted = True
        if live:
            print(file=sys.stderr)
        # The epoch in progress: after the closing report of one, the run was in the next.
        where = f" in epoch {min(report.epoch + report.end_of_epoch, report.n_epochs)}" if report else ""
        if epoch_params is None:
            print(f"{prog}: interrupted{where}, before the first epoch ended: nothing is saved.", file=sys.stderr)
            args.save = None
        else:
            model.set_params(epoch_params)  # the network its history describes, not a half-done epoch
            done = len(model.metadata["history"])
            print(f"{prog}: interrupted{where}; keeping the network as it was after epoch {done}.",
                  file=sys.stderr)

    history = model.metadata.get("history", [])
    if human and history:
        best = max(history, key=lambda h: -1 if h["validation_accuracy"] is None else h["validation_accuracy"])
        best_test = max(history, key=lambda h: h["test_accuracy"] or 0)
        print(f"best validation {_pct(best['validation_accuracy']).strip()} at epoch {best['epoch']} "
              f"(test {_pct(best['test_accuracy']).strip()}); best test {_pct(best_test['test_accuracy']).strip()} "
              f"at epoch {best_test['epoch']}; {sum(h['seconds'] for h in history):.1f} s in all")
        kept = model.metadata.get("kept_epoch")
        if kept is not None and not interrupted:
            print(f"kept the weights of epoch {kept['epoch']} (validation {_pct(kept['validation_accuracy']).strip()}, "
                  f"test {_pct(kept['test_accuracy']).strip()})")
    # The CSV and the model are written independently: one failing never stops the other, and a
    # model that cannot be written where asked is written somewhere else rather than lost.
    write_failed = False
    if args.csv and history:
        try:
            _write_csv(args.csv, history)
            csv_error = None  # the whole history is written now, whatever an epoch's write met
        except OSError as exc:
            csv_error = f"cannot write --csv {args.csv}: {_reason(exc)}; the history is not saved."
    if csv_error:
        fail(csv_error)
        write_failed = True
    if args.save:
        saved, failures = _save_somewhere(model, args.save)
        if failures:
            write_failed = True
            fail(f"cannot write --save {args.save}: {failures[0][1]}")
        if saved is None:
            tried = "; ".join(f"{path}: {reason}" for path, reason in failures[1:])
            fail(f"the trained network could not be saved anywhere else either ({tried}); it is lost.")
        elif saved != args.save:
            print(f"{prog}: the trained network was saved to {saved} instead; move it where you want it.",
                  file=sys.stderr)
        elif not args.quiet:
            print(f"saved {args.save}", file=sys.stderr if args.json else sys.stdout)
    if write_failed:
        return 2
    if interrupted:
        return 130
    if diverged or (history and not all(math.isfinite(h["cost"]) for h in history)):
        return 1
    return 0


def _divergence(diverged: dict, report) -> str:
    """The sentence that says how and where a run diverged and which weights it keeps
    (``diverged`` is ``model.metadata["diverged"]``, ``report`` the ``"diverged"`` one)."""
    epoch = diverged["epoch"]
    kept = "the initial weights" if epoch == 1 else f"the weights of epoch {epoch - 1}"
    if diverged["reason"] == "accuracy fell to chance":
        return (f"the run diverged in epoch {epoch}: its validation accuracy fell to "
                f"{format_percent(report.validation_accuracy)}, about chance; kept {kept}.")
    return f"the cost became infinite in epoch {epoch}; kept {kept}."


if __name__ == "__main__":
    sys.exit(main())
