"""Generates AK/SK signing vectors with the OFFICIAL huaweicloudsdkcore signer (the oracle).

Usage: python gen_vectors.py [--seed N] [--count N] > vectors.jsonl

Each line holds a request (method, path, query pairs, headers as sent, body) and what the
official signer produced for it (the Authorization header and the query string it sends).
The Rust test crates/ucs-sdk/tests/signer_official.rs replays every line through ucs_sdk's signer.
"""
import argparse
import base64
import json
import random
import string

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

SEGMENT_ALPHABET = string.ascii_letters + string.digits + " -_.~%+!$&'()*,;=:@" + "éü中文ß"
QUERY_ALPHABET = string.ascii_letters + string.digits + " -_.~%+&=/?#[]!$'()*,;:@" + "é中"
PATHS = ["/v1/clusters", "/v1/clustergroups", "/v1/permissions/rules", "/v3/auth/domains",
         "/v5/{p}/container/kubernetes/multi-cloud/clusters"]


def rand_text(rng, alphabet, lo, hi):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def rand_path(rng):
    base = rng.choice(PATHS).replace("{p}", rand_text(rng, string.hexdigits.lower(), 32, 32))
    for _ in range(rng.randint(0, 3)):
        base += "/" + rand_text(rng, SEGMENT_ALPHABET, 1, 12)
    if rng.random() < 0.2:
        base += "/"
    return base


def rand_query(rng):
    pairs = []
    keys = ["limit", "offset", "order_by", "clusterids", "name", "k", rand_text(rng, QUERY_ALPHABET, 1, 6)]
    for _ in range(rng.randint(0, 5)):
        key = rng.choice(keys)
        roll = rng.random()
        if roll < 0.15:
            value = ""
        elif roll < 0.3:
            value = str(rng.randint(-1, 500))
        else:
            value = rand_text(rng, QUERY_ALPHABET, 1, 10)
        pairs.append((key, value))
    return pairs


def rand_body(rng):
    if rng.random() < 0.35:
        return b""
    doc = {"metadata": {"name": rand_text(rng, QUERY_ALPHABET, 1, 20)},
           "spec": {"n": rng.randint(0, 10**6), "flag": rng.random() < 0.5, "list": [rand_text(rng, "abc中", 0, 4)]}}
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8")


def one(rng):
    method = rng.choice(["GET", "POST", "PUT", "DELETE", "PATCH"])
    host = rng.choice(["ucs.myhuaweicloud.com", "127.0.0.1:18080", "hss.cn-north-4.myhuaweicloud.com", "[::1]:9000"])
    body = rand_body(rng) if method in ("POST", "PUT", "PATCH") else b""
    date = "2026%02d%02dT%02d%02d%02dZ" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                           rng.randint(0, 59), rng.randint(0, 59))
    headers = {"X-Sdk-Date": date, "Host": host, "User-Agent": "ucs-sdk/0.1.0 (rust)"}
    ct = rng.choice(["application/json", "application/json;charset=UTF-8", "application/x-www-form-urlencoded"])
    if body or rng.random() < 0.5:
        headers["Content-Type"] = ct
    headers[rng.choice(["X-Domain-Id", "X-Project-Id"])] = rand_text(rng, string.hexdigits.lower(), 32, 32)
    if rng.random() < 0.3:
        headers["X-Security-Token"] = rand_text(rng, string.ascii_letters + string.digits + "+/=", 20, 80)
    if rng.random() < 0.2:
        headers["X_Not_Signed"] = "underscore headers are never signed"
    if rng.random() < 0.2:
        headers["X-Padded"] = "  padded value \t"
    ak = rand_text(rng, string.ascii_uppercase + string.digits, 20, 20)
    sk = rand_text(rng, string.ascii_letters + string.digits, 40, 40)
    query = rand_query(rng)
    req = SdkRequest(method=method, schema="https", host=host, resource_path=rand_path(rng),
                     query_params=list(query), header_params=dict(headers), body=body)
    path = req.resource_path
    Signer(BasicCredentials(ak, sk)).sign(req)
    sent = {k: v for k, v in req.header_params.items() if k != "Authorization"}
    return {
        "method": method, "path": path, "query": [list(p) for p in query],
        # Values as the signer saw them (before it re-encoded them for sending).
        "headers": [[k, headers.get(k, v)] for k, v in sent.items()],
        "body_b64": base64.b64encode(body).decode(), "date": date, "ak": ak, "sk": sk,
        "authorization": req.header_params["Authorization"],
        "sent_query": req.uri.split("?", 1)[1] if "?" in req.uri else "",
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--count", type=int, default=1200)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for _ in range(args.count):
        print(json.dumps(one(rng), ensure_ascii=False))


if __name__ == "__main__":
    main()
