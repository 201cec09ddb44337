"""Configuration: shipped defaults, overridden only where a user file sets a key."""

from __future__ import annotations

import pytest

from yaqut.config import ENV_VAR, defaults, defaults_text, load_config, setting
from yaqut.errors import UsageError


def test_the_shipped_defaults_are_commented_and_complete():
    text = defaults_text()
    assert text.count("#") > 10  # every key is explained in the file
    cfg = defaults()
    assert cfg["store"]["path"] == "yaqut.db"
    assert cfg["ingest"]["max_bytes"] == 5_000_000
    assert cfg["ingest"]["fallback_encodings"] == ["cp1252", "latin-1"]
    assert cfg["demo"]["published"] == "2023-05-24"


def test_a_user_file_overrides_only_the_keys_it_sets(tmp_path):
    user = tmp_path / "my.toml"
    user.write_text('[store]\npath = "syria.db"\n')
    cfg = load_config(user, environ={})
    assert cfg["store"]["path"] == "syria.db"
    assert cfg["store"]["batch_size"] == defaults()["store"]["batch_size"]
    assert cfg["ingest"] == defaults()["ingest"]


def test_no_user_file_gives_the_defaults():
    assert load_config(environ={}) == defaults()


def test_the_environment_names_a_user_file(tmp_path):
    user = tmp_path / "env.toml"
    user.write_text("[ingest]\nmax_bytes = 1000\n")
    assert load_config(environ={ENV_VAR: str(user)})["ingest"]["max_bytes"] == 1000
    other = tmp_path / "arg.toml"
    other.write_text("[ingest]\nmax_bytes = 2000\n")
    assert load_config(other, environ={ENV_VAR: str(user)})["ingest"]["max_bytes"] == 2000


def test_an_int_is_accepted_where_a_float_is_expected(tmp_path):
    user = tmp_path / "f.toml"
    user.write_text("[store]\nbusy_timeout = 5\n")
    value = load_config(user, environ={})["store"]["busy_timeout"]
    assert value == 5.0 and isinstance(value, float)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[stor]\npath = 'x'\n", "unknown setting 'stor'"),
        ("[store]\npaht = 'x'\n", "unknown setting 'store.paht'"),
        ("[store]\nbatch_size = 'many'\n", "'store.batch_size' must be int"),
        ("[store]\nbatch_size = true\n", "'store.batch_size' must be int"),
        ("store = 3\n", "'store' must be a [section]"),
        ("[store\n", "not valid TOML"),
    ],
)
def test_bad_user_files_are_refused_with_the_key_named(tmp_path, content, message):
    user = tmp_path / "bad.toml"
    user.write_text(content)
    with pytest.raises(UsageError, match=message.replace("[", r"\[")) as info:
        load_config(user, environ={})
    assert str(user) in str(info.value)


def test_a_missing_user_file_is_refused(tmp_path):
    with pytest.raises(UsageError, match="not found"):
        load_config(tmp_path / "nope.toml", environ={})


def test_setting_reads_a_dotted_name():
    cfg = defaults()
    assert setting(cfg, "store.path") == "yaqut.db"
    with pytest.raises(UsageError):
        setting(cfg, "store.nope")


def test_the_focus_country_comes_from_the_settings_not_from_code(tmp_path):
    from yaqut.coder import Coder, CoderConfig
    from yaqut.geo import Geocoder

    shipped = setting(defaults(), "coder.focus_country")
    assert CoderConfig().focus_country == shipped
    assert Coder().geocoder.focus == shipped
    user = tmp_path / "yaqut.toml"
    user.write_text('[coder]\nfocus_country = "LB"\n')
    config = CoderConfig.from_settings(load_config(user))
    coder = Coder(focus_country=config.focus_country)
    assert (config.focus_country, coder.focus_code, coder.geocoder.focus) == ("LB",) * 3
    with pytest.raises(TypeError):
        Geocoder()  # the geocoder assumes no country: its focus is always given
