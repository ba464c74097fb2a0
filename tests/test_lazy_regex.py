"""Patterns compiled on first use answer exactly as compiled ones, and cost nothing before."""
import re

from briefdash import lazy_regex


def test_a_lazy_pattern_compiles_once_on_first_use_and_answers_as_the_compiled_one(monkeypatch):
    compiled: list[str] = []
    real = re.compile

    def counting(pattern, flags=0):
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(lazy_regex.re, "compile", counting)
    source = r"(?P<word>[A-Za-z]+)(\d*)"
    lazy = lazy_regex.lazy_compile(source, re.I)
    assert compiled == []
    eager = real(source, re.I)
    text = "Korsa12 strait, 5G and WHO2"
    found, expected = lazy.search(text), eager.search(text)
    assert found is not None and expected is not None and found.groups() == expected.groups()
    assert lazy.findall(text) == eager.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub(r"<\g<word>>", text) == eager.sub(r"<\g<word>>", text)
    assert lazy.split(text) == eager.split(text)
    whole = lazy.fullmatch("ab1")
    assert bool(lazy.match(text)) and whole is not None and whole.span() == (0, 3)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == \
        (eager.pattern, eager.flags, eager.groups, eager.groupindex)
    assert compiled == [source]
