"""The kept programs of long `re` and `regex` expressions (postlint.pattern_store): a pattern made
from a kept program behaves as the one compiled the usual way; a damaged file or program is
compiled the usual way and written again; nothing is kept with POSTLINT_DATA_CACHE=off or by a
forked worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from postlint import pattern_store

# every expression compiled in the probe is kept (KEEP_ABOVE = 0); each line of its output is
# what its patterns do on sample texts, then what the store did
PROBE = r"""
import json, re, sys
import regex
from postlint import pattern_store
pattern_store.KEEP_ABOVE = pattern_store.MIN_LENGTH = 0
pattern_store.install()
expressions = [
    (re, r"(?P<word>\w+)-(?P<rest>\w+)", 0),
    (re, r"^\s*#\s*(\S+)$", re.MULTILINE),
    (re, r"[àâäéèêëîïôöùûüç]+", re.IGNORECASE),
    (re, r"(?<![\w@])@(\w+)(?:@[\w-]+(?:\.[\w-]+)+)?", 0),
    (re, "\n  (?: https?:// | www\\. )  # a scheme\n  [^\\s<>]+\n", re.VERBOSE | re.IGNORECASE),
    (re, r"[\U0001F300-\U0001FAFF\u2600-\u27BF]|(\d+)(?=\s*\$)", 0),
    (re, r"(a|b)*?c{2,5}(?!d)\1?", re.ASCII),
    (regex, r"(?<![\p{L}\p{N}_-])(?:(?P<verb>écrivez|partagez|écris)|\p{Lu}\p{Ll}+)(?=\W)", regex.IGNORECASE),
    (regex, r"\X(?<=\p{Extended_Pictographic})|(\d+)\s*\$", 0),
    (regex, r"\b(?:bien-être|été)\b", regex.IGNORECASE | regex.V1),
]
texts = ["Bien-être au #Quartier\n# Été", "Écrivez à @lina@mastodon.social ou @Pascha.",
         "https://exemple.org et WWW.site.ca/page 🌳☀ 25 $", "ababccc abcccd ÉTÉ été"]
seen = []
for module, expression, flags in expressions:
    pattern = module.compile(expression, flags)
    seen.append([pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex),
                 [[m.span(), m.groups()] for text in texts for m in pattern.finditer(text)]])
store = pattern_store._state
names = {re: "re", regex: f"regex {regex.__version__}"}
wanted = {(names[module], expression, int(flags)) for module, expression, flags in expressions}
print(json.dumps(seen))
print(json.dumps([len(wanted & set(store.kept)), len(wanted & set(store.new))]))
pattern_store.keep()
"""


def _python(code: str, data_folder: str) -> str:
    """What `code` prints, run by Python with POSTLINT_DATA_CACHE=`data_folder`."""
    env = {**os.environ, "POSTLINT_DATA_CACHE": data_folder}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return result.stdout


def _probe(tmp_path: Path) -> tuple[list, list[int]]:
    seen, counts = _python(PROBE, str(tmp_path / "data")).strip().splitlines()[-2:]
    return json.loads(seen), json.loads(counts)


def _kept_file(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "data").glob("patterns-*.marshal")
    return found


def test_a_pattern_from_a_kept_program_does_what_the_compiled_one_does(tmp_path):
    compiled, first = _probe(tmp_path)
    assert first == [0, 10]  # nothing kept yet: the ten compiled, and kept for the next run
    from_file, second = _probe(tmp_path)
    assert second == [10, 0]  # all ten from the file
    assert from_file == compiled
    assert any(matches for *_, matches in compiled)


def _changed(data: bytes) -> bytes:
    """The file with every program's flags changed, under its old checksum."""
    import marshal
    import re

    header, _, body = data.partition(b"\n")
    table = {key: (p[0], p[1] ^ int(re.IGNORECASE), *p[2:]) for key, p in marshal.loads(body).items()}
    return header + b"\n" + marshal.dumps(table)


@pytest.mark.parametrize("damage", ["cut", "edited", "changed", "garbage", "empty"])
def test_a_damaged_file_is_compiled_again_and_rewritten(tmp_path, damage):
    compiled, _ = _probe(tmp_path)
    kept = _kept_file(tmp_path)
    data = kept.read_bytes()
    damaged = {
        "cut": data[: len(data) // 2],
        "edited": data[:-40] + bytes(40),
        "changed": _changed(data),
        "garbage": b"postlint-patterns 1 00000000\n" + os.urandom(200),
        "empty": b"",
    }[damage]
    kept.write_bytes(damaged)
    again, counts = _probe(tmp_path)
    assert counts == [0, 10]
    assert again == compiled
    assert _probe(tmp_path) == (compiled, [10, 0])  # written whole again


def test_a_program_refused_by_sre_is_compiled_the_usual_way(tmp_path):
    import marshal
    import zlib

    compiled, _ = _probe(tmp_path)
    kept = _kept_file(tmp_path)
    header, _, body = kept.read_bytes().partition(b"\n")
    table = marshal.loads(body)
    unknown = array("I", [999_999] * 4).tobytes()  # no such opcode
    for key, program in table.items():
        table[key] = (program[0], program[1], unknown, *program[3:])
    body = marshal.dumps(table)
    kept.write_bytes(b"postlint-patterns 1 %08x\n" % zlib.crc32(body) + body)
    again, counts = _probe(tmp_path)
    assert again == compiled
    assert counts == [0, 10]


def test_nothing_is_kept_when_the_data_folder_is_off():
    probe = "from postlint import pattern_store; pattern_store.install(); print(pattern_store._state)"
    assert _python(probe, "off").strip() == "None"


FORKED = r"""
import os, re
from postlint import pattern_store
pattern_store.KEEP_ABOVE = pattern_store.MIN_LENGTH = 0
pattern_store.install()
pid = os.fork()
if pid == 0:
    re.compile(r"(?P<in_the_worker>x+)y")
    pattern_store.keep()
    os._exit(0)
os.waitpid(pid, 0)
print(len(list(pattern_store._file().parent.glob("patterns-*"))))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_forked_worker_keeps_nothing(tmp_path):
    assert _python(FORKED, str(tmp_path / "data")).strip() == "0"


HANDED_BACK = r"""
import json, os, pickle, re
from postlint import pattern_store
pattern_store.KEEP_ABOVE = pattern_store.MIN_LENGTH = 0
pattern_store.install()
re.compile(r"(?P<in_the_parent>x+)y")
reader, writer = os.pipe()
if os.fork() == 0:
    re.compile(r"(?P<in_the_worker>z+)y")  # compiled here
    re.compile(r"(?P<in_the_parent>x+)y")  # the parent's pattern (re's own memo): nothing new
    first = pattern_store.taken()
    with os.fdopen(writer, "wb") as out:
        pickle.dump([first, pattern_store.taken()], out)  # the second: nothing since the first
    os._exit(0)
os.close(writer)
with os.fdopen(reader, "rb") as handed:
    first, second = pickle.load(handed)
pattern_store.absorb(first)
kept_before = pattern_store.taken()  # None: the installing process hands nothing back
pattern_store.keep()
kept = sorted(pattern for _engine, pattern, _flags in pattern_store._read(pattern_store._file()))
print(json.dumps([sorted(p for _e, p, _f in first[0]), second, kept_before, kept]))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_forked_worker_hands_back_what_it_compiled_and_the_parent_keeps_it(tmp_path):
    handed, again, parent_hands, kept = json.loads(_python(HANDED_BACK, str(tmp_path / "data")))
    assert handed == [r"(?P<in_the_worker>z+)y"]
    assert again is None and parent_hands is None
    assert kept == [r"(?P<in_the_parent>x+)y", r"(?P<in_the_worker>z+)y"]


def test_a_check_keeps_the_programs_and_reports_the_same_next_time(tmp_path):
    from tests.conftest import FIXTURES

    env = {**os.environ, "POSTLINT_DATA_CACHE": str(tmp_path / "data"), "POSTLINT_NO_CACHE": "1"}
    command = [sys.executable, "-m", "postlint", "check", "--format", "json", "--jobs", "1", str(FIXTURES)]
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    kept = _kept_file(tmp_path)
    assert kept.stat().st_size > 10_000  # spaCy's and twitter-text's long expressions
    second = subprocess.run(command, capture_output=True, text=True, env=env)
    assert second.stdout == first.stdout
    assert second.returncode == first.returncode
    assert json.loads(first.stdout)["findings"]


SHORT_AND_LONG = r"""
import json, re, sys
from postlint import pattern_store
pattern_store.KEEP_ABOVE = 0.0
pattern_store.install()
assert "regex" not in sys.modules  # hooked when something imports it, not imported for it
import regex
re.compile(r"(?P<short>\d+)-\w+")
re.compile("|".join(f"mot{n}" for n in range(100)))  # 589 characters
regex.compile(r"\p{Lu}\p{Ll}+")
regex.compile("|".join(f"word{n}" for n in range(90)))  # 619 characters
kept = sorted((engine.split()[0], len(pattern)) for engine, pattern, _flags in pattern_store._state.new)
print(json.dumps(kept))
"""


def test_only_long_expressions_are_kept_and_regex_is_hooked_once_imported(tmp_path):
    # a short expression compiles fast enough: looking it up would cost a read of the file
    kept = json.loads(_python(SHORT_AND_LONG, str(tmp_path / "data")))
    assert ["re", 589] in kept and ["regex", 619] in kept  # (and what importing regex compiled)
    assert min(length for _engine, length in kept) >= pattern_store.MIN_LENGTH


OTHER_DEFAULT = r"""
import json, regex
from postlint import pattern_store
pattern_store.KEEP_ABOVE = 0.0
pattern_store.install()
long = "|".join(f"word{n}" for n in range(90))
regex.compile(long)
regex.DEFAULT_VERSION = regex.VERSION1
regex.compile(long + "|[[a-z]--[aeiou]]")  # a set difference: version 1 only
kept = [len(pattern) for engine, pattern, _flags in pattern_store._state.new if engine != "re"]
print(json.dumps(sorted(kept)))
"""


def test_regex_programs_are_kept_for_its_default_version_only(tmp_path):
    # a program compiled under version 0 would be wrong for the same expression under version 1
    assert json.loads(_python(OTHER_DEFAULT, str(tmp_path / "data"))) == [619]


SAME_EVERY_RUN = r"""
import sys
from postlint import cli, pattern_store
pattern_store.KEEP_ABOVE = 0.0  # keep every long expression, however fast it compiled
sys.argv = ["postlint", "check", "--no-cache", "--jobs", "1", sys.argv[1]]
cli.run()
"""


def test_every_long_expression_is_the_same_in_every_run(tmp_path):
    """An expression built from a set in the set's order changes with the interpreter's hash seed:
    compiled anew in every run (the kept program never found) and the file written again."""
    import tokenize

    from tests.conftest import FIXTURES

    kept = []
    for seed in ("1", "2"):
        data = tmp_path / seed
        env = {**os.environ, "POSTLINT_DATA_CACHE": str(data), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", SAME_EVERY_RUN, str(FIXTURES)], capture_output=True, env=env)
        (found,) = data.glob("patterns-*.marshal")
        # but the standard library's tokenizer (its string prefixes come from a set), which
        # `inspect` compiles while a library that jsonschema uses is imported
        kept.append({key for key in pattern_store._read(found) if tokenize.Number not in key[1]})
    assert len(kept[0]) > 20
    assert kept[0] == kept[1], sorted(kept[0] ^ kept[1])[:3]
