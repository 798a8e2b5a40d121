"""Recognise code pasted without fences, and its language."""

from __future__ import annotations

import json
import re

LABEL_RE = re.compile(
    r"^[ \t]*(?P<label>[\w.\-/]*\.(?:tf|tfvars|hcl|ya?ml|json|sh|bash|py|toml|ini|cfg|conf|js|ts|sql|xml|env)"
    r"|Dockerfile|Makefile|Jenkinsfile)[ \t]*:?[ \t]*$"
)
# `[ \t]*`, not `\s*`: `^\s*` runs on across blank lines, from each of them (quadratic on a long run).
_HCL = re.compile(
    r'^[ \t]*(resource|variable|provider|module|data|output|terraform|locals)\b[ \t]*("|\{)', re.MULTILINE
)
_YAML_LINE = re.compile(r"^\s*(- |[\w.\-/\"']+:(\s|$))")
_SHELL = re.compile(
    r"^\s*(\$ |#!|(aws|pip|pip3|npm|terraform|docker|kubectl|git|curl|wget|export|cd|sudo|apt|apt-get|sam|cdk)\s)"
)
_PYTHON = re.compile(r"^\s*(import \w|from [\w.]+ import |def \w+\(|class \w+[(:])")

_BY_SUFFIX = {
    "tf": "hcl",
    "tfvars": "hcl",
    "hcl": "hcl",
    "yml": "yaml",
    "yaml": "yaml",
    "json": "json",
    "sh": "bash",
    "bash": "bash",
    "py": "python",
    "toml": "toml",
    "ini": "ini",
    "cfg": "ini",
    "conf": "text",
    "js": "javascript",
    "ts": "typescript",
    "sql": "sql",
    "xml": "xml",
    "env": "bash",
}


def language_of_label(label: str) -> str:
    """The language a file name suggests (`main.tf` -> `hcl`)."""
    name = label.strip().rstrip(":").strip()
    if name in ("Dockerfile", "Makefile"):
        return name.lower()
    if name == "Jenkinsfile":
        return "groovy"
    return _BY_SUFFIX.get(name.rsplit(".", 1)[-1].lower(), "text")


def detect_code_language(text: str) -> str | None:
    """Return the language of a pasted snippet, or None when it reads as prose.

    Recognises Terraform/HCL, JSON, YAML, shell and Python.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    if _HCL.search(text):
        return "hcl"
    stripped = text.strip()
    if stripped[:1] in "{[":
        try:
            json.loads(stripped)
            return "json"
        except ValueError:
            pass
    if sum(1 for line in lines if _PYTHON.match(line)) >= 1 and len(lines) >= 2:
        return "python"
    shell = sum(1 for line in lines if _SHELL.match(line))
    yaml_like = sum(1 for line in lines if _YAML_LINE.match(line))
    nested = any(line[:1] in " \t" or line.lstrip().startswith("- ") for line in lines)
    if yaml_like == len(lines) and len(lines) >= 2 and nested:
        return "yaml"
    if shell and shell * 2 >= len(lines):
        return "bash"
    return None
