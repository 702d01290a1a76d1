"""The result cache: what checking a draft gave, kept on disk, so that an unchanged draft is not
read, parsed or checked again, and no language model is loaded for it.

Where: `.postlint_cache/` in the strategy file's folder (the current folder without one), or the
folder given with `--cache-dir`. What: one small JSON file per draft (its findings, and its facts
when the checks across drafts or the report need them), one per content folder for the
findings of the checks across drafts, and one "rules snapshot" (postlint's own YAML files as
parsed, and the strategy files found valid, by a hash of their text), so that a run over
unchanged drafts parses no YAML at all.

Keys. A draft's entry is found by a hash of
- postlint itself: its version and the name, size and modification time of every file of its
  code and of `rules/` (an upgrade or an edited lexicon starts afresh);
- the effective settings: the strategy file's path and content as loaded, and the command line's
  `--select` and `--ignore`, the language of the messages (`--lang`, the strategy file's or the
  locale's) and whether the facts are wanted;
- the draft: its absolute path (images are relative to it) and a hash of its bytes.
An entry also lists the image files the draft points to, with their size and modification time:
when one changed, the entry is not used. The checks across drafts are keyed by the settings, the
drafts passed by their content hash and the other drafts of the folder by their state (size,
modification time, inode, as git's index keeps them).

Robust by design: an entry that can't be read, isn't JSON or hasn't the expected shape is a miss
(the draft is checked and the entry written again), never a crash; an entry is written to a
temporary file in the same folder, then renamed over the old one, so that two runs at once never
leave half an entry; a cache folder that can't be written is simply not used. The folder holds a
`CACHEDIR.TAG` (backup tools skip it) and a `.gitignore` (git leaves it out).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path

try:  # hashlib loads OpenSSL (2 ms of every start), yet its blake2b is _blake2's
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from postlint.facts import DraftFacts
from postlint.findings import Finding

FOLDER_NAME = ".postlint_cache"
FORMAT = "1"  # the layout of the entries; a new layout is a new subfolder
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n# postlint's result cache (`postlint clean` removes it)\n"
)
_HASH_SIZE = 16


def folder_for(root: Path, cache_dir: Path | None = None) -> Path:
    """The cache folder of the drafts a strategy file in `root` rules (`root`: the current folder
    when there is none); `cache_dir` when one is given."""
    return Path(cache_dir) if cache_dir else Path(root) / FOLDER_NAME


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=_HASH_SIZE).hexdigest()


def _code_fingerprint() -> str:
    """postlint's version and the state of its code and rules files (size, modification time)."""
    from postlint import __version__
    from postlint.resources import rules_dir

    parts = [__version__]
    for top in (Path(__file__).parent, rules_dir()):
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".txt", ".json")):
                    try:
                        info = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    parts.append(f"{os.path.relpath(folder, top)}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return digest("\n".join(parts).encode())


_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    global _FINGERPRINT
    if _FINGERPRINT is None:
        _FINGERPRINT = _code_fingerprint()
    return _FINGERPRINT


def settings_key(settings, options, lang: str) -> str:
    """The hash of what, besides a draft's own bytes, decides what checking it gives (`lang`: the
    language of the messages, which may come from the locale)."""
    described = {
        "postlint": code_fingerprint(),
        "strategy": os.path.abspath(settings.path) if settings.path is not None else None,
        "root": os.path.abspath(settings.root),
        "raw": settings.raw,
        "select": options.select,
        "ignore": options.ignore,
        "lang": lang,
        "facts": options.facts,
    }
    return digest(json.dumps(described, sort_keys=True, default=str, ensure_ascii=False).encode())


def file_state(path: str) -> list[int] | None:
    """What tells a file changed without reading it: size, modification time, inode; None if absent."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


class Probe:
    """A draft file as the cache sees it before checking it: its state and the hash of its bytes."""

    __slots__ = ("file", "state", "digest")

    def __init__(self, file: str, state: list[int], content_digest: str):
        self.file = file
        self.state = state
        self.digest = content_digest

    def unchanged(self) -> bool:
        """The file is as it was when probed (so what was checked is what was hashed)."""
        return file_state(self.file) == self.state


def probe(file: str, max_bytes: int) -> Probe | None:
    """Hash a draft's bytes; None for what is no regular file, is too large to be read as a draft,
    or can't be read (checking it says why, and nothing is kept)."""
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        with open(file, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except (OSError, ValueError):
        return None
    return Probe(file, [info.st_size, info.st_mtime_ns, info.st_ino], digest(data))


def image_files(draft) -> list[str]:
    """The local image files a draft points to (what the image checks read besides the draft)."""
    from urllib.parse import unquote

    folder = os.path.dirname(os.path.abspath(draft.file))
    found = []
    for picture in draft.images:
        src = unquote(picture.src) if picture.origin == "markdown" else picture.src
        src = src.strip()
        if src and "://" not in src[:12] and "\0" not in src:
            found.append(os.path.normpath(os.path.join(folder, src)))
    return sorted(set(found))


# --- entries: findings and facts, to and from JSON ------------------------------------------------


def _finding_row(finding: Finding) -> list:
    return [
        finding.code,
        finding.name,
        finding.severity,
        finding.line,
        finding.column,
        finding.message,
        finding.end_line,
        finding.end_column,
        finding.suggestion,
    ]


def _finding(row: list, path: str) -> Finding:
    code, name, severity, line, column, message, end_line, end_column, suggestion = row
    return Finding(code, name, severity, path, line, column, message, end_line, end_column, suggestion)


_FACT_FIELDS = (
    "readable",
    "platforms",
    "platform_line",
    "personas",
    "objective",
    "objective_line",
    "date",
    "date_line",
    "lang",
    "money",
    "volunteers",
    "body_line",
    "words",
)


def _facts_dict(facts: DraftFacts) -> dict:
    out = {name: getattr(facts, name) for name in _FACT_FIELDS}
    if facts.signature is not None:
        out["signature"] = base64.b64encode(facts.signature).decode("ascii")
    hides = facts.suppressions
    if hides is not None:
        ranges = [
            [start, None if end == float("inf") else end, list(names)] for start, end, names in hides.ranges
        ]
        out["suppressions"] = {"file": list(hides.file), "ranges": ranges}
    return out


def _facts(data: dict, path: str, file: str, root: str) -> DraftFacts:
    facts = DraftFacts(path=path, file=file, root=root)
    for name in _FACT_FIELDS:
        value = data[name]
        setattr(facts, name, tuple(value) if name in ("platforms", "personas") else value)
    if "signature" in data:
        facts.signature = base64.b64decode(data["signature"])
    if "suppressions" in data:
        from postlint.suppression import Suppressions

        hides = data["suppressions"]
        facts.suppressions = Suppressions(
            file=list(hides["file"]),
            ranges=[
                (start, float("inf") if end is None else end, tuple(names))
                for start, end, names in hides["ranges"]
            ],
        )
    return facts


class Entry:
    """One draft's cached result, as read back: findings (None when only facts were kept) and facts."""

    __slots__ = ("findings", "facts")

    def __init__(self, findings: list[Finding] | None, facts: DraftFacts | None):
        self.findings = findings
        self.facts = facts


# --- the cache ------------------------------------------------------------------------------------


class ResultCache:
    """The entries of one cache folder for one set of settings."""

    def __init__(self, folder: Path, settings_key: str):
        self.folder = Path(folder)
        self.settings_key = settings_key
        self.entries = self.folder / f"v{FORMAT}"
        self._usable: bool | None = None

    def key(self, file: str, content_digest: str) -> str:
        return digest(f"{self.settings_key}\n{file}\n{content_digest}".encode())

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    def _read(self, key: str) -> dict | None:
        try:
            with open(self._path(key), "rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and data.get("key") == key else None

    def load(self, key: str, path: str, file: str, root: str) -> Entry | None:
        """The entry under `key`, its findings and facts placed on `path`; None when absent,
        unreadable, of another shape or when an image it depends on changed."""
        data = self._read(key)
        if data is None:
            return None
        try:
            for dependency, state in data["files"]:
                if file_state(dependency) != state:
                    return None
            rows = data["findings"]
            findings = None if rows is None else [_finding(row, path) for row in rows]
            facts = None if data["facts"] is None else _facts(data["facts"], path, file, root)
        except (KeyError, TypeError, ValueError, AttributeError):  # written by something else
            return None
        return Entry(findings, facts)

    def store(
        self,
        key: str,
        findings: list[Finding] | None,
        facts: DraftFacts | None,
        files: list[str] = (),
    ) -> None:
        """Keep a draft's result (`files`: the other files it depends on: its images)."""
        payload = {
            "key": key,
            "findings": None if findings is None else [_finding_row(f) for f in findings],
            "facts": None if facts is None else _facts_dict(facts),
            "files": [[name, file_state(name)] for name in files],
        }
        self._write(key, payload)

    def load_findings(self, key: str, shown: dict[str, str]) -> list[Finding] | None:
        """Findings kept under `key` (checks across drafts), each placed on the path `shown` gives
        its file; None when absent or unusable."""
        data = self._read(key)
        if data is None:
            return None
        try:
            return [_finding(row[1:], shown.get(row[0], row[0])) for row in data["findings"]]
        except (KeyError, TypeError, ValueError):
            return None

    def store_findings(self, key: str, findings: list[Finding], files: dict[str, str]) -> None:
        """Keep findings of the checks across drafts; `files` maps the paths shown to absolute
        files, so that they can be shown again from another folder."""
        rows = [[files.get(f.path, f.path), *_finding_row(f)] for f in findings]
        self._write(key, {"key": key, "findings": rows})

    def load_pack(self, key: str, root: str) -> dict[str, tuple[list[int], DraftFacts | None]]:
        """The facts pack under `key`: for each absolute file, its state when kept and its facts
        (None: not a readable draft); empty when absent or unusable."""
        data = self._read(key)
        if data is None:
            return {}
        try:
            return {
                file: (state, None if facts is None else _facts(facts, file, file, root))
                for file, state, facts in data["drafts"]
            }
        except (KeyError, TypeError, ValueError, AttributeError):
            return {}

    def store_pack(self, key: str, drafts: dict[str, tuple[list[int], DraftFacts | None]]) -> None:
        rows = [
            [file, state, None if facts is None else _facts_dict(facts)]
            for file, (state, facts) in drafts.items()
        ]
        self._write(key, {"key": key, "drafts": rows})

    def _write(self, key: str, payload: dict) -> None:
        if self._usable is None:
            self._usable = _prepare(self.folder)
        if self._usable:
            _write_json(self._path(key), payload)


def _prepare(folder: Path) -> bool:
    """Make a cache folder (with its tag and .gitignore) and its entries' folder; False when it
    can't be."""
    try:
        (folder / f"v{FORMAT}").mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# made by postlint\n*\n")):
            marker = folder / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
    except OSError:
        return False
    return True


def _write_json(target: Path, payload: object) -> None:
    """Write `payload` to `target` in one step: a temporary file in the same folder, renamed over
    the target. A full disk or a read-only folder is no error: the run goes on without keeping it."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        target.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        return


# --- the rules snapshot ---------------------------------------------------------------------------
#
# postlint's own YAML files (rule metadata, messages, platforms, lexicons) take ~50 ms to parse at
# every start, more than the rest of a run whose drafts are all cached; so does reading and
# validating the strategy file. A run with the cache on keeps what it parsed in one JSON file of the
# cache folder, named by the code fingerprint (so an edited rule file or an upgrade is parsed
# again): postlint's files by name, and the strategy files it found valid by a hash of their text.
# The next run takes them from there. Only data that JSON gives back exactly is kept; anything else
# keeps being parsed.

_SNAPSHOT: dict = {}  # the cache folder in use and what its snapshot holds
_MOST_STRATEGIES = 16  # strategy files remembered in a snapshot (the latest ones)


def _snapshot_file(folder: Path) -> Path:
    return folder / f"v{FORMAT}" / "rules" / f"{code_fingerprint()}.json"


def use_rules_snapshot(folder: Path) -> None:
    """Take postlint's parsed YAML and the strategy files known valid from the snapshot in cache
    folder `folder`, and make it the folder `keep_rules_snapshot` writes to."""
    from postlint import config, resources

    folder = Path(folder)
    if _SNAPSHOT.get("folder") == folder:
        return
    try:
        with open(_snapshot_file(folder), "rb") as handle:
            data = json.loads(handle.read())
        if data["key"] != code_fingerprint() or not isinstance(data["files"], dict):
            raise ValueError("another snapshot")
        files, strategies = data["files"], dict(data["strategies"])
    except (OSError, ValueError, KeyError, TypeError):
        files, strategies = {}, {}
    resources.preload(files)
    config.KNOWN_VALID.update(strategies)
    _SNAPSHOT.update(folder=folder, files=files, strategies=strategies)


def keep_rules_snapshot() -> None:
    """Write the snapshot of the folder in use again when this process holds parsed files or valid
    strategy files that it lacks (a run with the cache on, once its output is written)."""
    from postlint import config, resources

    if not _SNAPSHOT:
        return
    # what this process holds that the folder's snapshot lacks (what came from a snapshot is JSON's
    # already; what was parsed here is kept only when JSON gives it back as it is)
    had_files, had_strategies = _SNAPSHOT["files"], _SNAPSHOT["strategies"]
    new_files = {name: data for name, data in resources.preloaded().items() if name not in had_files}
    new_files.update(
        (name, data)
        for name, data in resources.parsed_here().items()
        if name not in had_files and _round_trips(data)
    )
    new_strategies = {key: memo for key, memo in config.KNOWN_VALID.items() if key not in had_strategies}
    new_strategies.update(
        (key, memo)
        for key, memo in config.FOUND_VALID.items()
        if key not in had_strategies and _round_trips(memo)
    )
    if not new_files and not new_strategies:
        return
    files = {**had_files, **new_files}
    strategies = dict(list({**had_strategies, **new_strategies}.items())[-_MOST_STRATEGIES:])
    if not _prepare(_SNAPSHOT["folder"]):
        return
    target = _snapshot_file(_SNAPSHOT["folder"])
    _write_json(target, {"key": code_fingerprint(), "files": files, "strategies": strategies})
    _SNAPSHOT.update(files=files, strategies=strategies)
    with contextlib.suppress(OSError):  # snapshots of earlier code are of no use any more
        for old in target.parent.glob("*.json"):
            if old.name != target.name:
                old.unlink()


def _round_trips(data: object) -> bool:
    """Whether JSON gives `data` back as it is (not so for keys that are no strings, for
    instance)."""
    try:
        return json.loads(json.dumps(data, ensure_ascii=False)) == data
    except (TypeError, ValueError):
        return False


def is_cache_folder(folder: Path) -> bool:
    """A folder postlint made for its cache (it holds postlint's CACHEDIR.TAG)."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode) and "postlint" in (folder / "CACHEDIR.TAG").read_text(
            encoding="utf-8", errors="replace"
        )
    except OSError:
        return False


def folders_to_clean(paths: list[str], cache_dir: Path | None) -> list[Path]:
    """postlint's cache folders for `paths`: `cache_dir`, the one beside the strategy file that
    applies to each path (or in the folder itself without one), and any under the folders given.
    Only folders that postlint made (tagged) are listed."""
    from postlint.config import find_config

    found: list[Path] = [Path(cache_dir)] if cache_dir else []
    for raw in paths:
        path = Path(raw).absolute()
        folder = path if path.is_dir() else path.parent
        strategy = find_config(folder)
        found.append(folder_for(strategy.parent if strategy else folder))
        if path.is_dir():
            for top, subfolders, _files in os.walk(path):
                if FOLDER_NAME in subfolders:
                    found.append(Path(top) / FOLDER_NAME)
                subfolders[:] = [d for d in subfolders if not d.startswith(".")]
    unique = dict.fromkeys(folder.absolute() for folder in found)
    return [folder for folder in unique if is_cache_folder(folder)]
