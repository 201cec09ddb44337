from yaqut.eval.split import half, keep


def test_split_is_fixed_and_balanced():
    ids = [f"SYR{i}" for i in range(2000)]
    first = [half("acled", i) for i in ids]
    assert first == [half("acled", i) for i in ids]  # deterministic
    share = first.count("test") / len(first)
    assert 0.45 < share < 0.55


def test_split_depends_on_the_file_key():
    ids = [str(i) for i in range(400)]
    assert [half("acled", i) for i in ids] != [half("case", i) for i in ids]


def test_keep_all_and_halves():
    assert keep("news", "guardian-1", None) and keep("news", "guardian-1", "all")
    assert keep("news", "guardian-1", "tune") != keep("news", "guardian-1", "test")
