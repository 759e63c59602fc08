"""Configuration: KG_* variables override defaults, and a bad one is named, not a traceback."""
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest
from conftest import KG

from kg.config import ROOT, Config, ConfigError


def test_environment_overrides_defaults():
    config = Config.from_env({"KG_QUERY_TIMEOUT": "5", "KG_MAX_RESULTS": "10", "KG_STORE_DIR": "/tmp/x",
                              "KG_SERVICE_ALLOWLIST": "http://a/sparql, http://b/sparql"})
    assert config.query_timeout == 5.0 and config.max_results == 10
    assert config.store_dir == Path("/tmp/x")
    assert config.service_allowlist == ("http://a/sparql", "http://b/sparql")


@pytest.mark.parametrize("name, value", [("KG_QUERY_TIMEOUT", "abc"), ("KG_MAX_RESULTS", "1.5"), ("KG_QUERY_TIMEOUT", "-3"), ("KG_QUERY_TIMEOUT", "nan"), ("KG_QUERY_TIMEOUT", "inf")])
def test_a_bad_value_names_its_variable(name, value):
    with pytest.raises(ConfigError, match=name):
        Config.from_env({name: value})


def test_the_command_reports_a_bad_variable_and_exits_2(tmp_path):
    result = subprocess.run([KG, "build", "--store", str(tmp_path / "store")], capture_output=True, text=True,
                            env={"KG_MAX_REQUEST_BYTES": "lots", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2
    assert "KG_MAX_REQUEST_BYTES='lots' is not a number" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"KG_{f.name.upper()}" for f in fields(Config) if f"`KG_{f.name.upper()}`" not in readme]
    assert not missing, f"settings missing from README.md: {', '.join(missing)}"
