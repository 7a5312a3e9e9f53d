"""Python rows of bench/RESULTS.md: ucs_sdk (sync, async) vs the official huaweicloudsdkucs vs
requests by hand, against one emulator. Prints one JSON line per measurement.

    python bench/python_bench.py BASE CREDENTIALS_JSON CLUSTER_ID [client ...]
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from urllib.parse import urlencode, urlparse

LATENCY_RUNS = {"get": 2000, "list50": 300, "list500": 60}
CONCURRENT, CONCURRENT_CALLS = 64, 6400
MEMORY_CALLS = 10_000
SCALE_CLUSTERS, SCALE_PAGE = 10_000, 500


def emit(**row):
    print(json.dumps({"lang": "python", **row}), flush=True)


def latencies(client: str, calls: dict) -> None:
    for op, call in calls.items():
        runs = LATENCY_RUNS[op]
        for _ in range(runs // 10 + 1):
            call()
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            call()
            times.append(time.perf_counter() - t)
        times.sort()
        emit(client=client, op=op, median_us=statistics.median(times) * 1e6,
             p90_us=times[int(len(times) * 0.9)] * 1e6, runs=runs)


def threaded(client: str, call) -> None:
    with ThreadPoolExecutor(CONCURRENT) as pool:
        list(pool.map(lambda _: call(), range(CONCURRENT)))
        t = time.perf_counter()
        list(pool.map(lambda _: call(), range(CONCURRENT_CALLS)))
        emit(client=client, op="concurrent64", calls_per_sec=CONCURRENT_CALLS / (time.perf_counter() - t))


# ---------------------------------------------------------------- clients

def ours(base, creds, cid):
    from ucs_sdk import Client

    c = Client(endpoint=base, ak=creds["ak"], sk=creds["sk"], domain_id=creds["domain_id"])
    latencies("ucs_sdk", {
        "get": lambda: c.clusters.get(cid),
        "list50": lambda: c.clusters.list(limit=50),
        "list500": lambda: c.clusters.list(limit=500),
    })
    threaded("ucs_sdk threads", lambda: c.clusters.get(cid))


def ours_async(base, creds, cid):
    from ucs_sdk import AsyncClient

    async def main():
        c = AsyncClient(endpoint=base, ak=creds["ak"], sk=creds["sk"], domain_id=creds["domain_id"])
        for _ in range(200):
            await c.clusters.get(cid)
        times = []
        for _ in range(LATENCY_RUNS["get"]):
            t = time.perf_counter()
            await c.clusters.get(cid)
            times.append(time.perf_counter() - t)
        emit(client="ucs_sdk async", op="get", median_us=statistics.median(times) * 1e6, runs=len(times))

        async def worker(n):
            for _ in range(n):
                await c.clusters.get(cid)

        await asyncio.gather(*(worker(1) for _ in range(CONCURRENT)))
        t = time.perf_counter()
        await asyncio.gather(*(worker(CONCURRENT_CALLS // CONCURRENT) for _ in range(CONCURRENT)))
        emit(client="ucs_sdk async", op="concurrent64", calls_per_sec=CONCURRENT_CALLS / (time.perf_counter() - t))

    asyncio.run(main())


def official_client(base, creds):
    from huaweicloudsdkcore.auth.credentials import GlobalCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkucs.v1 import UcsClient

    config = HttpConfig.get_default_config()
    config.retry_times = 0
    cred = GlobalCredentials(creds["ak"], creds["sk"], creds["domain_id"])
    return UcsClient.new_builder().with_http_config(config).with_credentials(cred).with_endpoints([base]).build()


def official(base, creds, cid):
    from huaweicloudsdkucs.v1.model import ShowClusterListRequest, ShowClusterRequest

    c = official_client(base, creds)
    latencies("official", {
        "get": lambda: c.show_cluster(ShowClusterRequest(clusterid=cid)),
        "list50": lambda: c.show_cluster_list(ShowClusterListRequest(limit=50)),
        "list500": lambda: c.show_cluster_list(ShowClusterListRequest(limit=500)),
    })
    threaded("official threads", lambda: c.show_cluster(ShowClusterRequest(clusterid=cid)))


def presign(base, creds, path, query=()):
    """Signs a GET once, by hand (SDK-HMAC-SHA256), as a user without an SDK would."""
    url = urlparse(base)
    date = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    headers = {"host": url.netloc, "x-domain-id": creds["domain_id"], "x-sdk-date": date}
    query_text = urlencode(sorted(query))
    canonical = "\n".join([
        "GET", path.rstrip("/") + "/", query_text,
        "".join(f"{k}:{v}\n" for k, v in sorted(headers.items())),
        ";".join(sorted(headers)), hashlib.sha256(b"").hexdigest(),
    ])
    to_sign = f"SDK-HMAC-SHA256\n{date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    signature = hmac.new(creds["sk"].encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    headers["Authorization"] = (f"SDK-HMAC-SHA256 Access={creds['ak']}, "
                                f"SignedHeaders={';'.join(sorted(headers))}, Signature={signature}")
    del headers["host"]
    return f"{base}{path}" + (f"?{query_text}" if query_text else ""), headers


def by_hand(base, creds, cid):
    import requests

    session = requests.Session()
    requests_ = {
        "get": presign(base, creds, f"/v1/clusters/{cid}"),
        "list50": presign(base, creds, "/v1/clusters", [("limit", "50")]),
        "list500": presign(base, creds, "/v1/clusters", [("limit", "500")]),
    }

    def call(op):
        url, headers = requests_[op]
        response = session.get(url, headers=headers)
        response.raise_for_status()
        return response.json()

    latencies("requests", {op: (lambda op=op: call(op)) for op in requests_})
    threaded("requests threads", lambda: call("get"))


def memory(base, creds, cid):
    """Resident memory after 10,000 gets, each client in a fresh process."""
    probes = {
        "ucs_sdk": f"""
from ucs_sdk import Client
c = Client(endpoint={base!r}, ak={creds['ak']!r}, sk={creds['sk']!r}, domain_id={creds['domain_id']!r})
for _ in range({MEMORY_CALLS}): c.clusters.get({cid!r})
""",
        "official": f"""
import sys; sys.path.insert(0, {str(__file__.rsplit('/', 1)[0])!r})
from python_bench import official_client
from huaweicloudsdkucs.v1.model import ShowClusterRequest
c = official_client({base!r}, {creds!r})
for _ in range({MEMORY_CALLS}): c.show_cluster(ShowClusterRequest(clusterid={cid!r}))
""",
    }
    for client, code in probes.items():
        code += "\nprint([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmRSS')][0])"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        emit(client=client, op="rss_after_10k", rss_mb=int(out.stdout.strip()) / 1024)


def status_kb(field):
    """A field of /proc/self/status in kB (VmRSS, VmHWM)."""
    return int(next(l for l in open("/proc/self/status") if l.startswith(field + ":")).split()[1])


def reset_peak():
    """Resets VmHWM to the current resident set (Linux: "5" to clear_refs); False when refused."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def scale(base, creds, _cid):
    """Iterating every cluster of a big account (pages of 500) with `clusters.iter`: resident set
    before (after one warm page), at its peak while iterating and at the end; run it in a process
    of its own (the emulator of 10,000 clusters)."""
    from ucs_sdk import Client

    c = Client(endpoint=base, ak=creds["ak"], sk=creds["sk"], domain_id=creds["domain_id"])
    c.clusters.list(limit=SCALE_PAGE)  # the warm page, dropped at once
    peak_reset = reset_peak()
    start = status_kb("VmRSS")
    t = time.perf_counter()
    items = sum(1 for _ in c.clusters.iter(limit=SCALE_PAGE))
    seconds = time.perf_counter() - t
    peak, end = status_kb("VmHWM"), status_kb("VmRSS")
    if items != SCALE_CLUSTERS:
        sys.exit(f"python scale: iterated {items} clusters, expected {SCALE_CLUSTERS}")
    emit(client="ucs_sdk", op="scale", items=items, page=SCALE_PAGE, rss_start_kb=start,
         rss_peak_kb=peak, rss_end_kb=end, peak_reset=peak_reset, seconds=seconds)


def import_time(*_):
    def best(code):
        times = []
        for _ in range(15):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - t)
        return min(times)

    bare = best("pass")
    emit(client="bare", op="import", ms=bare * 1e3)
    for client, module in (("ucs_sdk", "ucs_sdk"), ("official", "huaweicloudsdkucs.v1")):
        emit(client=client, op="import", ms=(best(f"import {module}") - bare) * 1e3)


CLIENTS = {"ours": ours, "async": ours_async, "official": official, "requests": by_hand,
           "memory": memory, "import": import_time, "scale": scale}

if __name__ == "__main__":
    base, creds, cid = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    for name in sys.argv[4:] or list(CLIENTS):
        CLIENTS[name](base, creds, cid)
