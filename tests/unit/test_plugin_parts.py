"""The plugin's pure and local parts: flags, values, git sources, rendering, files, and the GitHub call.

Git repositories here are real, local ones (file:// URLs) made by the same builder the demo uses.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubectl_profiles.cli.main import hoist_global_flags
from kubectl_profiles.cli.output import table
from kubectl_profiles.cli.values import load_values, parse_set
from kubectl_profiles.devenv.examples import build_example_repo
from kubectl_profiles.errors import InputError, SourceError, UsageError
from kubectl_profiles.model.labels import INSTALLATION_LABEL
from kubectl_profiles.model.refs import SourceRef
from kubectl_profiles.render import gitops_files, render_installation, to_yaml, write_directory, write_tree
from kubectl_profiles.sources import GitCache, resolve_tree, scan_repository
from tests.github_standin import PR_URL, github_standin


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_example_repo(tmp_path_factory.mktemp("repos"))


@pytest.fixture
def cache(tmp_path: Path) -> GitCache:
    return GitCache(root=tmp_path / "cache")


def test_global_flags_move_before_the_subcommand() -> None:
    assert hoist_global_flags(["get", "-A", "x", "-n", "web", "--context=c", "--", "-A"]) == [
        "-A",
        "-n",
        "web",
        "--context=c",
        "get",
        "x",
        "--",
        "-A",
    ]


def test_set_values_are_typed_like_helm() -> None:
    assert parse_set(["a.b=1", "a.c=true", 's="1"', "f=1.5", "z=007", "n=null", "t=text"]) == {
        "a": {"b": 1, "c": True},
        "s": "1",
        "f": 1.5,
        "z": "007",
        "n": None,
        "t": "text",
    }
    with pytest.raises(UsageError):
        parse_set(["novalue"])


def test_values_files_merge_in_order_and_fail_clearly(tmp_path: Path) -> None:
    a, b, bad = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "bad.yaml"
    a.write_text("server: {replicaCount: 1, image: x}\n")
    b.write_text("server: {replicaCount: 3}\n")
    bad.write_text("server:\n  - a\n  b: c\n")
    assert load_values([str(a), str(b)], ["server.image=y"]) == {"server": {"replicaCount": 3, "image": "y"}}
    with pytest.raises(InputError, match=r"values file .*bad.yaml: line 3"):
        load_values([str(bad)], [])


def test_table_is_aligned_without_trailing_spaces() -> None:
    assert table(["A", "LONGER"], [["x", ""], ["yyy", "z"]]) == "A     LONGER\nx\nyyy   z"


def test_checkout_by_tag_is_cached_and_needs_no_network_again(repo: str, cache: GitCache, tmp_path: Path) -> None:
    src = SourceRef(repo, tag="nginx/1.0.0", path="nginx")
    directory = cache.checkout(src)
    assert (directory / "profile.yaml").exists()
    # Move the origin away: a tag is immutable, so the cached checkout must serve without it.
    origin = Path(repo.removeprefix("file://"))
    moved = tmp_path / "moved.git"
    shutil.move(str(origin), moved)
    try:
        assert cache.checkout(src) == directory
        with pytest.raises(SourceError, match="cannot read"):
            cache.checkout(SourceRef(repo, branch="main", path="nginx"))  # branches are fetched again
    finally:
        shutil.move(str(moved), origin)


def test_unreadable_repository_is_one_line_without_credentials(cache: GitCache) -> None:
    with pytest.raises(SourceError) as exc:
        cache.checkout(SourceRef("https://user:secret@127.0.0.1:1/nope.git", tag="x/1.0.0"))
    message = str(exc.value)
    assert "secret" not in message and "\n" not in message and message.startswith("cannot read https://127.0.0.1")


def test_nested_profiles_resolve_two_levels(repo: str, cache: GitCache) -> None:
    tree = resolve_tree(SourceRef(repo, tag="web-stack/1.0.0", path="web-stack"), cache)
    assert tree.definition.name == "web-stack"
    assert tree.children["cache"].children["redis"].definition.name == "redis"


def test_nested_cycle_is_named(tmp_path: Path, cache: GitCache) -> None:
    work = tmp_path / "cyc"
    work.mkdir()
    url = (tmp_path / "cyc.git").as_uri()
    for name, other in (("a", "b"), ("b", "a")):
        (work / name).mkdir()
        (work / name / "profile.yaml").write_text(
            yaml.safe_dump(
                {
                    "apiVersion": "weave.works/v1alpha1",
                    "kind": "ProfileDefinition",
                    "metadata": {"name": name},
                    "spec": {
                        "artifacts": [
                            {"name": other, "profile": {"source": {"url": url, "tag": f"{other}/1.0.0", "path": other}}}
                        ]
                    },
                }
            )
        )
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=work, check=True)
    subprocess.run([*git, "tag", "a/1.0.0"], cwd=work, check=True)
    subprocess.run([*git, "tag", "b/1.0.0"], cwd=work, check=True)
    subprocess.run([*git, "clone", "-q", "--bare", str(work), str(tmp_path / "cyc.git")], check=True)
    with pytest.raises(SourceError, match=r"cycle: .*@a/1.0.0:a -> .*@b/1.0.0:b -> .*@a/1.0.0:a"):
        resolve_tree(SourceRef(url, tag="a/1.0.0", path="a"), cache)


def test_scan_reads_version_tags_only(repo: str, cache: GitCache) -> None:
    entries = scan_repository(repo, cache)
    assert [(e["name"], e["version"], e["tag"]) for e in entries] == [
        ("cache", "1.0.0", "cache/1.0.0"),
        ("nginx", "1.0.0", "nginx/1.0.0"),
        ("nginx", "1.1.0", "nginx/1.1.0"),
        ("nginx", "2.0.0-rc.1", "nginx/2.0.0-rc.1"),
        ("redis", "1.0.0", "redis/1.0.0"),
        ("web-stack", "1.0.0", "web-stack/1.0.0"),
    ]


def render(repo: str, cache: GitCache, tag: str = "nginx/1.1.0", values: Any = None) -> list[dict[str, Any]]:
    src = SourceRef(repo, tag=tag, path=tag.split("/")[0])
    tree = resolve_tree(src, cache)
    return render_installation(
        name="web",
        namespace="team",
        source=src,
        tree=tree,
        catalog={"catalog": "demo", "profile": "nginx", "version": "1.1.0"},
        values={"server": {"replicaCount": 5}} if values is None else values,
    )


def test_render_objects_names_labels_dependson_and_values(repo: str, cache: GitCache) -> None:
    objects = render(repo, cache)
    assert [(o["kind"], o["metadata"]["name"]) for o in objects] == [
        ("ProfileInstallation", "web"),
        ("GitRepository", "web"),
        ("Kustomization", "web-config"),
        ("HelmRelease", "web-server"),
        ("HelmRepository", "web-exporter"),
        ("HelmRelease", "web-exporter"),
    ]
    assert all(o["metadata"]["labels"][INSTALLATION_LABEL] == "web" for o in objects)
    server = objects[3]["spec"]
    assert server["dependsOn"] == [{"name": "web-exporter"}]
    assert server["values"] == {"replicaCount": 5}  # the user's value over the chart's defaultValues (2)
    assert server["chart"]["spec"] == {
        "chart": "./nginx/charts/nginx",
        "sourceRef": {"kind": "GitRepository", "name": "web", "namespace": "team"},
    }
    assert objects[5]["spec"]["chart"]["spec"]["sourceRef"]["kind"] == "HelmRepository"
    assert render(repo, cache, values={})[3]["spec"]["values"] == {"replicaCount": 2}
    assert to_yaml(objects) == to_yaml(render(repo, cache))  # deterministic


def test_render_flattens_nested_profiles(repo: str, cache: GitCache) -> None:
    objects = render(repo, cache, tag="web-stack/1.0.0", values={})
    assert [(o["kind"], o["metadata"]["name"]) for o in objects][1:] == [
        ("GitRepository", "web"),
        ("GitRepository", "web-cache"),
        ("GitRepository", "web-cache-redis"),
        ("Kustomization", "web-cache-redis-manifests"),
    ]
    assert objects[4]["spec"]["sourceRef"]["name"] == "web-cache-redis"


def test_write_tree_is_atomic(repo: str, cache: GitCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "gitops"
    first = write_tree(render(repo, cache), out)
    assert [p.name for p in first] == [
        "gitrepository-web.yaml",
        "helmrelease-web-exporter.yaml",
        "helmrelease-web-server.yaml",
        "helmrepository-web-exporter.yaml",
        "kustomization-web-config.yaml",
        "kustomization.yaml",
        "profileinstallation-web.yaml",
    ]
    before = {p.name: p.read_text() for p in (out / "team" / "web").iterdir()}
    calls = {"n": 0}
    real = Path.write_text

    def failing(self: Path, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(OSError):
        write_tree(render(repo, cache, values={"server": {"replicaCount": 9}}), out)
    monkeypatch.undo()
    assert {p.name: p.read_text() for p in (out / "team" / "web").iterdir()} == before
    assert [p.name for p in (out / "team").iterdir()] == ["web"]  # no staging directory left behind


def test_create_pull_request(monkeypatch: pytest.MonkeyPatch) -> None:
    from kubectl_profiles.gitops import create_pull_request

    with github_standin() as (api, seen):
        monkeypatch.setenv("GITHUB_API_URL", api)
        monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
        url = create_pull_request("git@github.com:org/gitops.git", "add-nginx", "main", "Install nginx", "body")
        assert url == PR_URL
        assert seen[-1] == {
            "path": "/repos/org/gitops/pulls",
            "auth": "Bearer t0ken",
            "title": "Install nginx",
            "head": "add-nginx",
            "base": "main",
            "body": "body",
        }
        monkeypatch.delenv("GITHUB_TOKEN")
        monkeypatch.delenv("GH_TOKEN", raising=False)
        with pytest.raises(UsageError, match="needs a GitHub token"):
            create_pull_request("https://github.com/org/gitops", "b", "main", "t", "b")


def test_three_way_merge_of_gitops_files(repo: str, cache: GitCache, tmp_path: Path) -> None:
    from kubectl_profiles.gitops.merge import merge_tree

    old = render(repo, cache, tag="nginx/1.0.0", values={})
    new = render(repo, cache, tag="nginx/1.1.0", values={})
    write_tree(old, tmp_path)
    folder = tmp_path / "team" / "web"
    exporter = folder / "helmrelease-web-exporter.yaml"
    exporter.write_text(exporter.read_text().replace("  labels:\n", "  labels:\n    team: web\n"))
    (folder / "extra.yaml").write_text("kind: ConfigMap\n")
    result = merge_tree(folder, old, new)
    assert result.conflicts == [] and result.removed == []
    write_directory(folder, result.files)
    assert "team: web" in exporter.read_text()  # the user's edit survives
    assert "replicaCount: 2" in (folder / "helmrelease-web-server.yaml").read_text()  # the new version arrives
    assert (folder / "extra.yaml").read_text() == "kind: ConfigMap\n"  # the user's own file stays

    server = folder / "helmrelease-web-server.yaml"
    server.write_text(server.read_text().replace("replicaCount: 2", "replicaCount: 7"))
    again = merge_tree(folder, new, render(repo, cache, tag="nginx/1.1.0", values={"server": {"replicaCount": 3}}))
    assert again.conflicts == ["helmrelease-web-server.yaml"]
    assert "<<<<<<< helmrelease-web-server.yaml (your edits)" in again.files["helmrelease-web-server.yaml"]


def _bytes_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_merge_without_edits_writes_the_bytes_a_fresh_install_writes(
    repo: str, cache: GitCache, tmp_path: Path
) -> None:
    """upgrade --output-dir and install --output-dir share one writer: files nobody edited are never conflicts."""
    from kubectl_profiles.gitops.merge import merge_tree

    old = render(repo, cache, tag="nginx/1.0.0", values={})
    new = render(repo, cache, tag="nginx/1.1.0", values={"server": {"replicaCount": 3}})
    write_tree(old, tmp_path / "upgraded")
    folder = tmp_path / "upgraded" / "team" / "web"
    result = merge_tree(folder, old, new)
    assert result.conflicts == [] and result.removed == []
    write_directory(folder, result.files)
    fresh = write_tree(new, tmp_path / "fresh")[0].parent
    assert _bytes_of(folder) == _bytes_of(fresh)
    assert _bytes_of(fresh) == {name: text.encode() for name, text in sorted(gitops_files(new).items())}
    assert list(gitops_files(new))[-1] == "kustomization.yaml"
    unchanged = merge_tree(fresh, new, new)  # nothing new, nothing edited: nothing moves
    write_directory(fresh, unchanged.files)
    assert _bytes_of(fresh) == _bytes_of(folder)


def test_write_directory_replaces_the_whole_directory(tmp_path: Path) -> None:
    target = tmp_path / "out" / "web"
    write_directory(target, {"a.yaml": "a: 1\n", "b.yaml": "b: 2\n"})
    assert _bytes_of(target) == {"a.yaml": b"a: 1\n", "b.yaml": b"b: 2\n"}
    write_directory(target, {"b.yaml": "b: 3\n"})
    assert _bytes_of(target) == {"b.yaml": b"b: 3\n"}  # a file not given is gone
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["web"]  # no staging or old directory left


def test_validate_resolve_remote_follows_nested_profiles(
    repo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kubectl_profiles.cli.main import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    doc = tmp_path / "loop.yaml"
    # A definition nesting web-stack, which nests cache, which nests redis; and redis nesting this one back.
    doc.write_text(
        yaml.safe_dump(
            {
                "apiVersion": "weave.works/v1alpha1",
                "kind": "ProfileDefinition",
                "metadata": {
                    "name": "top",
                    "annotations": {"profiles.weave.works/source": f"{repo}@cache/1.0.0#cache"},
                },
                "spec": {
                    "artifacts": [
                        {
                            "name": "stack",
                            "profile": {"source": {"url": repo, "tag": "web-stack/1.0.0", "path": "web-stack"}},
                        }
                    ]
                },
            }
        )
    )
    with pytest.raises(SystemExit) as offline:
        main(["validate", str(doc)])
    assert offline.value.code in (0, None)
    with pytest.raises(SystemExit) as online:
        main(["validate", "--resolve-remote", str(doc)])
    out = capsys.readouterr().out
    assert online.value.code == 1 and "definition.nested.cycle" in out


def test_https_credentials_reach_git_through_askpass_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kubectl_profiles.sources import GitCredentials, credential_env

    env = credential_env(GitCredentials(username="bot", password="s3cret"), tmp_path)
    run_env = {**env, "PATH": "/usr/bin:/bin"}
    ask = env["GIT_ASKPASS"]
    assert (
        subprocess.run(
            [ask, "Username for 'https://git.example'"], env=run_env, capture_output=True, text=True, check=True
        ).stdout
        == "bot\n"
    )
    assert (
        subprocess.run(
            [ask, "Password for 'https://bot@git.example'"], env=run_env, capture_output=True, text=True, check=True
        ).stdout
        == "s3cret\n"
    )
    assert "s3cret" not in Path(ask).read_text()


def test_git_cache_uses_catalog_credentials_without_leaking_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kubectl_profiles import sources
    from kubectl_profiles.sources import GitCredentials

    seen: dict[str, Any] = {}

    def fake_run(cmd: list[str], **kwargs: Any) -> Any:
        seen["argv"], seen["env"] = cmd, kwargs["env"]
        seen["key_exists"] = Path(kwargs["env"]["GIT_SSH_COMMAND"].split()[2]).exists()
        return 0, "", ""

    monkeypatch.setattr(sources, "run_git", fake_run)
    creds = {
        "ssh://git@git.example/org/private": GitCredentials(identity="KEY", known_hosts="git.example ssh-ed25519 AAAA")
    }
    cache = GitCache(root=tmp_path / "c", credentials=creds)
    cache.list_tags("ssh://git@git.example/org/private.git")
    assert "KEY" not in " ".join(seen["argv"])
    assert "StrictHostKeyChecking=yes" in seen["env"]["GIT_SSH_COMMAND"] and seen["key_exists"]
    key_file = Path(seen["env"]["GIT_SSH_COMMAND"].split()[2])
    assert not key_file.exists()  # removed after the call
    assert repr(creds["ssh://git@git.example/org/private"]) == "GitCredentials(<redacted>)"
