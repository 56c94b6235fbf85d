"""The Dask integration: bags, dataframes and ``--scheduler`` against a LocalCluster started here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed")
import dask  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from cleaner import clean_article  # noqa: E402
from cleaner.batch import clean_folder  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.dask import clean_bag, clean_dataframe, clean_to_folder, read_jsonl  # noqa: E402

TEXTS = [
    "Shares\u00a0rose  sharply.\n\nTraders were surprised.",
    "The museum\u200b reopens in May.",
    "Nothing to fix here.",
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as c:
        yield c


def make_tree(root: Path) -> Path:
    src = root / "in"
    (src / "deep").mkdir(parents=True)
    for i, text in enumerate(TEXTS * 8):
        (src / ("deep" if i % 2 else ".") / f"t{i:02}.txt").write_text(f"{text}\n\nNote {i}.", encoding="utf-8")
    (src / "page.html").write_text(
        "<html><head><title>Ferry timetable changes</title></head><body><nav>Home | Travel</nav><article>"
        "<h1>Ferry timetable changes</h1><p>From June the first ferry leaves at six, an hour earlier than now.</p>"
        "<p>The operator said the change follows requests from commuters.</p></article></body></html>",
        encoding="utf-8",
    )
    records = [json.dumps({"id": i, "text": TEXTS[i % 3]}) for i in range(40)]
    (src / "deep" / "r.jsonl.gz").write_bytes(gzip.compress(("\n".join(records) + "\nbroken\n").encode()))
    return src


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in {"report.json"}}


@pytest.mark.slow
def test_scheduler_path_gives_the_local_outputs(cluster: LocalCluster, tmp_path: Path) -> None:
    src = make_tree(tmp_path)
    local = clean_folder(src, tmp_path / "local", jobs=1)
    remote = clean_folder(src, tmp_path / "remote", scheduler=cluster.scheduler_address)
    assert tree(tmp_path / "local") == tree(tmp_path / "remote")
    assert local.documents == remote.documents and remote.failed == 1
    assert remote.run["scheduler"] == cluster.scheduler_address
    code = main(["clean", str(src), "-o", str(tmp_path / "cli"), "-q", "--scheduler", cluster.scheduler_address])
    assert code == 1, "the broken record makes the exit code non-zero"
    assert tree(tmp_path / "cli") == tree(tmp_path / "local")


@pytest.mark.slow
def test_clean_bag_partition_by_partition(client: Client) -> None:
    items = [*TEXTS, {"text": "A\u00a0record.", "url": "https://example.org/x", "id": 5}, {"id": 6}]
    bag = db.from_sequence(items, npartitions=3)
    records = clean_bag(bag).compute()
    assert [r["text"] for r in records[:4]] == [clean_article(t).text for t in TEXTS] + ["A record."]
    assert records[3]["url"] == "https://example.org/x" and records[3]["id"] == 5
    assert records[4]["dropped"] and "no string field" in records[4]["drop_reason"]
    assert not any(r["dropped"] for r in records[:4])
    with_edits = clean_bag(db.from_sequence(TEXTS[:1]), edits=True).compute()
    assert any(e["filter"] == "normalize_whitespace" for e in with_edits[0]["edits"])


@pytest.mark.slow
def test_clean_dataframe(client: Client) -> None:
    frame = pd.DataFrame({"id": range(6), "text": TEXTS * 2, "url": [f"https://example.org/{i}" for i in range(6)]})
    cleaned = clean_dataframe(dd.from_pandas(frame, npartitions=2)).compute()
    assert list(cleaned["text"]) == [clean_article(t).text for t in TEXTS * 2]
    assert list(cleaned["id"]) == list(range(6))
    assert {"title", "language", "url", "dropped", "drop_reason"} <= set(cleaned.columns)
    assert not cleaned["dropped"].any()


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Hi.", encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "0.5s"}):
        assert main(["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


def write_dumps(root: Path) -> Path:
    """Three JSONL files: one clean, one with a broken line and a non-object, one truncated .gz."""
    src = root / "dumps"
    src.mkdir()
    lines = [json.dumps({"id": i, "text": TEXTS[i % 3] + f"\n\nPart {i}."}) for i in range(30)]
    (src / "a.jsonl").write_text("\n".join(lines[:10]) + "\n", encoding="utf-8")
    (src / "b.jsonl").write_text("\n".join([*lines[10:15], "{broken", "[1, 2]", *lines[15:20]]) + "\n", encoding="utf-8")
    data = gzip.compress(("\n".join(lines[20:]) + "\n").encode())
    (src / "c.jsonl.gz").write_bytes(data[: len(data) - 20])
    return src


@pytest.mark.slow
def test_read_jsonl_isolates_bad_lines(client: Client, tmp_path: Path) -> None:
    records = read_jsonl(str(write_dumps(tmp_path))).compute()
    errors = [r for r in records if "cleaner_error" in r]
    assert len(records) - len(errors) >= 25 and [e.get("line") for e in errors[:2]] == [6, 7]
    assert "cannot read after line" in errors[-1]["cleaner_error"], "the truncated gzip keeps its first records"
    cleaned = clean_bag(read_jsonl(str(tmp_path / "dumps" / "b.jsonl"))).compute()
    assert [r["dropped"] for r in cleaned].count(True) == 2 and "not a JSON line" in cleaned[5]["drop_reason"]


@pytest.mark.slow
def test_a_dask_run_resumes_by_partition_with_one_merged_report(client: Client, tmp_path: Path) -> None:
    src = write_dumps(tmp_path)
    out = tmp_path / "out"
    summary = clean_to_folder(read_jsonl(str(src)), out, id_field="id")
    parts = sorted(p.name for p in out.glob("part-*.jsonl.gz"))
    assert parts == ["part-00000.jsonl.gz", "part-00001.jsonl.gz", "part-00002.jsonl.gz"]
    local = clean_folder(src, tmp_path / "local", jobs=1)
    assert summary.documents["cleaned"] == local.documents["cleaned"] and summary.documents["failed"] == 3  # 2 lines + the damaged end
    assert {k: v["documents"] for k, v in summary.steps.items()} == {k: v["documents"] for k, v in local.steps.items()}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["files"] == {"processed": 3, "skipped": 0, "failed": 0} and report["steps"] == summary.steps
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 3 and errors[0]["path"] == "part-00001.jsonl.gz" and errors[0]["record"] == 6
    kept = gzip.decompress((out / "part-00000.jsonl.gz").read_bytes())
    (out / "part-00001.jsonl.gz").unlink()
    again = clean_to_folder(read_jsonl(str(src)), out, id_field="id")
    assert again.files == {"processed": 1, "skipped": 2, "failed": 0}, "only the missing partition is cleaned again"
    assert gzip.decompress((out / "part-00000.jsonl.gz").read_bytes()) == kept and (out / "part-00001.jsonl.gz").exists()


@pytest.mark.slow
def test_a_warc_crawl_on_the_cluster_gives_the_local_output(cluster: LocalCluster, tmp_path: Path) -> None:
    pytest.importorskip("warcio", reason="the warc extra is not installed")
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for n in range(2):
        with open(crawl / f"part-{n}.warc.gz", "wb") as f:
            w = WARCWriter(f, gzip=True)
            for i, text in enumerate(TEXTS):
                body = f"<html><head><title>Story {n}.{i}</title></head><body><article><p>{text}</p></article></body></html>"
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                w.write_record(w.create_warc_record(f"https://example.org/{n}/{i}", "response", payload=io.BytesIO(body.encode()), http_headers=headers))
    local = clean_folder(crawl, tmp_path / "local", jobs=1)
    remote = clean_folder(crawl, tmp_path / "remote", scheduler=cluster.scheduler_address)
    assert tree(tmp_path / "local") == tree(tmp_path / "remote") and remote.documents == local.documents
    assert remote.files["processed"] == 2 and remote.documents["read"] == 6
    # the workers read the files themselves: clean_to_folder over paths, resumable by file
    (crawl / "notes.txt").write_text("One document per file.", encoding="utf-8")
    with Client(cluster):
        summary = clean_to_folder(str(crawl), tmp_path / "workers")
        assert {p: v for p, v in tree(tmp_path / "workers").items() if p.endswith(".jsonl.gz")} == {
            p: v for p, v in tree(tmp_path / "local").items() if p.endswith(".jsonl.gz")
        }
        assert summary.files == {"processed": 2, "skipped": 0, "failed": 1} and summary.documents == local.documents
        assert "clean_folder" in (tmp_path / "workers" / "errors.jsonl").read_text(encoding="utf-8")
        (tmp_path / "workers" / "part-1.jsonl.gz").unlink()
        assert clean_to_folder(str(crawl), tmp_path / "workers").files == {"processed": 1, "skipped": 1, "failed": 1}
