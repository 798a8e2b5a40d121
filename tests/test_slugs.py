from __future__ import annotations

import pytest

from cuaderno.slugs import Slugger, github_slug


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("RDS - BACK UPS, MULTI - AZ & READ REPLICAS", "rds---back-ups-multi---az--read-replicas"),
        ("Route 53 - Records", "route-53---records"),
        ("SSL – Server Name Indication (SNI)", "ssl--server-name-indication-sni"),
        ("EBS Multi-Attach - io1/io2 family", "ebs-multi-attach---io1io2-family"),
        ("Who is requesting access?", "who-is-requesting-access"),
        ("Configuración de `boto3`", "configuración-de-boto3"),
        ("[Linked](http://x) title", "linked-title"),
        ("snake_case_name", "snake_case_name"),
    ],
)
def test_github_slug(heading: str, slug: str) -> None:
    assert github_slug(heading) == slug


def test_duplicates_get_numbered_like_github() -> None:
    slugger = Slugger()
    assert [slugger.slug("AWS CodeBuild") for _ in range(3)] == ["aws-codebuild", "aws-codebuild-1", "aws-codebuild-2"]
