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

A translation pass without Qt Linguist::

    python tools/update_translations.py --todo todo.json   # the unfinished texts, translation ""
    # ... fill in each "translation" ...
    python tools/update_translations.py --fill todo.json   # put them in the .ts, then steps 1-3

``--fill`` refuses a translation whose placeholders ({0}, %p, %n) differ from its source's,
and writes French typography for French: a no-break space before ":", a narrow one before
";", "?", "!" and "%" and inside guillemets, and typographic apostrophes (type plain spaces
and ', it converts them).

The tools come with PySide6 (in the same folder as this Python, or on PATH).
"""

from __future__ import annotations

import argparse
import json
import re
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


def french_typography(text: str) -> str:
    """``text`` with French spacing and apostrophes: "a : b ; c ?" gets a no-break space
    before ":" and narrow no-break spaces before ";", "?", "!", "%" (not "%1"-style
    placeholders) and inside « »; an apostrophe between letters becomes ’."""
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    text = re.sub(r" :", "\u00a0:", text)
    text = re.sub(r" ([;?!])", "\u202f\\1", text)
    text = re.sub(r" %(?![A-Za-z0-9])", "\u202f%", text)
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{\d+\}|%p|%n|%\d", text))


def write_todo(ts: Path, path: Path) -> int:
    """Write the unfinished entries of ``ts`` to ``path`` as a JSON list of objects with
    ``context``, ``source``, ``comment`` and an empty ``translation``; returns how many."""
    todo = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" or not (translation.text or ""):
                todo.append({"context": name, "source": message.findtext("source") or "",
                             "comment": message.findtext("comment") or "", "translation": ""})
    path.write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(todo)


def fill(ts: Path, path: Path, lang: str) -> int:
    """Put the non-empty translations of ``path`` (as written by :func:`write_todo`) into
    ``ts``, marked finished; returns how many. Raises ValueError, changing nothing, if a
    translation's placeholders differ from its source's."""
    given = {(e["context"], e["source"], e.get("comment", "")): e["translation"]
             for e in json.loads(path.read_text(encoding="utf-8")) if e.get("translation")}
    wrong = [key for key, text in given.items() if _placeholders(key[1]) != _placeholders(text)]
    if wrong:
        raise ValueError("placeholders differ from the source in: " + "; ".join(repr(k[1]) for k in wrong))
    tree = ET.parse(ts)
    done = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            if key in given and message.find("translation") is not None:
                translation = message.find("translation")
                translation.text = french_typography(given[key]) if lang == "fr" else given[key]
                translation.attrib.pop("type", None)
                done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)  # (lupdate then rewrites it in its own layout)
    return done


def main(argv: list[str] | None = None) -> int:
    """Run lupdate and lrelease for every language and report the unfinished texts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; write nothing")
    parser.add_argument("--todo", metavar="JSON", type=Path, help="also write the unfinished texts to this file")
    parser.add_argument("--fill", metavar="JSON", type=Path, help="first put the translations of this file in the .ts")
    parser.add_argument("--lang", default=LANGUAGES[0], choices=LANGUAGES, help="the language of --todo / --fill")
    args = parser.parse_args(argv)
    if args.fill is not None:
        try:
            n = fill(I18N / f"mnist_gui_{args.lang}.ts", args.fill, args.lang)
            print(f"{args.lang}: {n} translations filled in")
        except ValueError as exc:
            print(f"nothing filled in: {exc}", file=sys.stderr)
            return 2
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
            if args.todo is not None and lang == args.lang:
                print(f"{write_todo(ts, args.todo)} unfinished texts written to {args.todo}")
    return 1 if unfinished_total else 0


if __name__ == "__main__":
    sys.exit(main())
