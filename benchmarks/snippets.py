"""Code snippets as people paste them into notes: Terraform, CI YAML, shell, Python, JSON policies.

None of them holds a line starting with `#` (outline notes would read it as a
Markdown heading) nor a `- ` item at column 0 (an outline item).
"""

from __future__ import annotations

import random
from collections.abc import Callable

TEAMS = ("platform", "data", "payments", "search", "mobile", "backoffice")
ACTIONS = ("s3:GetObject", "s3:PutObject", "sqs:SendMessage", "kms:Decrypt", "logs:PutLogEvents", "dynamodb:Query")


def _name(rng: random.Random) -> str:
    kind = rng.choice(("logs", "assets", "reports", "events", "backups"))
    return f"{rng.choice(TEAMS)}-{kind}-{rng.randint(1, 999):03d}"


def terraform(rng: random.Random) -> tuple[str, str, list[str]]:
    name = _name(rng)
    kind = rng.choice(("aws_s3_bucket", "aws_sqs_queue", "aws_kms_key", "aws_lambda_function"))
    lines = [
        f'resource "{kind}" "{name.replace("-", "_")}" {{',
        f'  {"bucket" if kind == "aws_s3_bucket" else "name"} = "{name}"',
        "  tags = {",
        f'    Team        = "{rng.choice(TEAMS)}"',
        f'    Environment = "{rng.choice(("dev", "staging", "prod"))}"',
        "  }",
        "}",
    ]
    return "hcl", rng.choice(("main.tf", "storage.tf", "archivo.tf", "queues.tf")), lines


def ci_yaml(rng: random.Random) -> tuple[str, str, list[str]]:
    stage = rng.choice(("deploy", "release", "publish"))
    lines = [
        "stages:",
        "  - build",
        f"  - {stage}",
        f"{stage}_job:",
        f"  stage: {stage}",
        "  script:",
        "    - terraform init -input=false",
        f"    - terraform apply -auto-approve -var team={rng.choice(TEAMS)}",
    ]
    return "yaml", ".gitlab-ci.yml", lines


def shell(rng: random.Random) -> tuple[str, str, list[str]]:
    name = _name(rng)
    lines = [
        f"$ aws s3 ls s3://{name} --recursive --human-readable",
        f"$ aws s3api put-bucket-versioning --bucket {name} --versioning-configuration Status=Enabled",
        f"$ aws logs tail /aws/lambda/{name} --since {rng.randint(5, 60)}m --follow",
    ]
    if rng.random() < 0.4:
        lines.append(f'$ if [[ -f "$HOME/.aws/{name}" ]]; then echo found; fi')
    return "bash", "deploy.sh", lines


def python(rng: random.Random) -> tuple[str, str, list[str]]:
    service = rng.choice(("s3", "sqs", "dynamodb", "lambda"))
    lines = [
        "import boto3",
        "",
        f"def count_{service}_items(prefix):",
        f'    client = boto3.client("{service}")',
        "    paginator = client.get_paginator('list_objects_v2')",
        f"    pages = paginator.paginate(Prefix=prefix, PaginationConfig={{'PageSize': {rng.randint(10, 1000)}}})",
        "    return sum(len(page.get('Contents', ())) for page in pages)",
    ]
    return "python", "inventory.py", lines


def policy(rng: random.Random) -> tuple[str, str, list[str]]:
    name = _name(rng)
    lines = [
        "{",
        '  "Version": "2012-10-17",',
        '  "Statement": {',
        '    "Effect": "Allow",',
        f'    "Action": "{rng.choice(ACTIONS)}",',
        f'    "Resource": "arn:aws:s3:::{name}/*"',
        "  }",
        "}",
    ]
    return "json", "policy.json", lines


Snippet = Callable[[random.Random], tuple[str, str, list[str]]]
SNIPPETS: tuple[Snippet, ...] = (terraform, ci_yaml, shell, python, policy)


def snippet(rng: random.Random) -> tuple[str, str, list[str]]:
    """A random snippet: (language, a file name to label it with, its lines)."""
    return rng.choice(SNIPPETS)(rng)
