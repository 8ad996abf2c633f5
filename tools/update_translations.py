"""Bring the translations up to date with the sources: ``python tools/update_translations.py``.

1. ``pyside6-lupdate`` reads every ``tr()`` / ``QCoreApplication.translate()`` text in
   ``mnist_gui/*.py`` and ``mnist_gui/views/*.py`` into ``resources/i18n/mnist_gui_<lang>.ts``,
   keeping the translations already there and dropping texts no longer in the code
   (``-no-obsolete``). A new or changed text comes in *unfinished*: translate it (in Qt
   Linguist, ``pyside6-linguist resources/i18n/mnist_gui_fr.ts``, or by hand in the XML,
   removing ``type="unfinished"``).
2. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app loads.
3. It prints, per language, how many texts there are and how many are unfinished, and lists
   the unfinished ones; the exit code is 1 if any is unfinished (so the last pass can be
   checked), else 0. ``--check`` only reports, writing nothing (the .ts is updated in a
   temporary copy).

The tools come with PySide6 (in the same folder as this Python, or on PATH).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("fr",)


def sources(root: Path = ROOT) -> list[Path]:
    """The Python files whose texts are translated, sorted."""
    return sorted((root / "mnist_gui").glob("*.py")) + sorted((root / "mnist_gui" / "views").glob("*.py"))


def tool(name: str) -> str:
    """The path of a PySide6 tool (``pyside6-lupdate``, ``pyside6-lrelease``): beside this
    Python first (a venv's bin/), else on PATH. Raises FileNotFoundError if neither has it."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found next to {sys.executable} nor on PATH; install PySide6.")
    return found


def lupdate(ts: Path, root: Path = ROOT) -> None:
    """Update (or create) the ``.ts`` file ``ts`` from the sources, keeping finished
    translations and dropping obsolete entries."""
    files = [str(p.relative_to(root)) for p in sources(root)]
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *files, "-ts", str(ts)],
                   cwd=root, check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True, text=True)


def messages(ts: Path) -> list[tuple[str, str, str, bool]]:
    """Every entry of ``ts``: (context, source, translation, finished). An entry with
    plural forms counts as finished when every form is filled and none is unfinished."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            forms = translation.findall("numerusform") if translation is not None else []
            if forms:
                text = "|".join(f.text or "" for f in forms)
            else:
                text = (translation.text or "") if translation is not None else ""
            finished = kind not in ("unfinished", "obsolete", "vanished") and bool(text) and all(
                (f.text or "") for f in forms)
            out.append((name, message.findtext("source") or "", text, finished))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run lupdate and lrelease for every language and report the unfinished texts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; write nothing")
    args = parser.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    unfinished_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGUAGES:
            ts = I18N / f"mnist_gui_{lang}.ts"
            qm = I18N / f"mnist_gui_{lang}.qm"
            if args.check:
                copy = Path(tmp) / ts.name
                if ts.exists():
                    shutil.copy(ts, copy)
                ts, qm = copy, Path(tmp) / qm.name
            lupdate(ts)
            lrelease(ts, qm)
            entries = messages(ts)
            unfinished = [(c, s) for c, s, _, done in entries if not done]
            unfinished_total += len(unfinished)
            print(f"{lang}: {len(entries)} texts, {len(unfinished)} unfinished"
                  + ("" if args.check else f" ({ts.relative_to(ROOT)}, {qm.relative_to(ROOT)})"))
            for context, source in unfinished:
                print(f"  [{context}] {source!r}")
    return 1 if unfinished_total else 0


if __name__ == "__main__":
    sys.exit(main())
