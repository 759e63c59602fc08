"""Every setting a person can change is in the README, under the name they would type."""
from dataclasses import fields

from kg.config import ROOT, Config


def test_every_kg_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"KG_{f.name.upper()}" for f in fields(Config) if f"`KG_{f.name.upper()}`" not in readme]
    assert missing == []
