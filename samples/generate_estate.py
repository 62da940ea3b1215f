#!/usr/bin/env python3
"""Writes samples/estate.yaml: the bundled sandbox estate. Deterministic (fixed seed), so re-running it
reproduces the file exactly. Edit the tables below and re-run to reshape the estate."""
import random
from pathlib import Path

rng = random.Random(20261122)

SITES = [
    # name, platform, region, kind, code
    ("aws-us-east-1", "aws", "us-east-1", "cloud_region", "use1"),
    ("aws-eu-west-1", "aws", "eu-west-1", "cloud_region", "euw1"),
    ("azure-westeurope", "azure", "westeurope", "cloud_region", "weu"),
    ("gcp-us-central1", "gcp", "us-central1", "cloud_region", "usc1"),
    ("dc-london", "vsphere", "eu-london", "data_centre", "lon"),
    ("dc-frankfurt", "vsphere", "eu-frankfurt", "data_centre", "fra"),
    ("k8s-platform-use1", "kubernetes", "us-east-1", "cloud_region", "k8s"),
]

# Image families and their versions, oldest first. The newest is not always production: see
# samples/images.yaml for each family's lifecycle. Weights skew the fleet toward recent versions.
FAMILIES = {
    "ubuntu-2204-base": (["2026.07.2", "2026.08.1", "2026.09.1", "2026.10.1"], [1, 2, 4, 10]),
    "rhel-9-base": (["9.4.2", "9.4.5", "9.5.1"], [1, 3, 8]),
    "windows-2022-base": (["2026.08", "2026.09", "2026.10"], [1, 2, 6]),
    "distroless-java21": (["21.0.4-1", "21.0.5-1", "21.0.5-2"], [1, 3, 7]),
}

# Workloads per platform kind: (app, team, tier, family, count per environment)
VM_APPS = [
    ("web", "storefront", "frontend", "ubuntu-2204-base", {"prod": 8, "staging": 3, "dev": 3}),
    ("api", "storefront", "backend", "ubuntu-2204-base", {"prod": 7, "staging": 3, "dev": 2}),
    ("orders-db", "orders", "data", "rhel-9-base", {"prod": 2, "staging": 1, "dev": 1}),
    ("worker", "fulfilment", "backend", "ubuntu-2204-base", {"prod": 6, "staging": 2, "dev": 2}),
    ("ad", "identity", "infra", "windows-2022-base", {"prod": 2, "staging": 1, "dev": 1}),
    ("batch", "finance", "backend", "rhel-9-base", {"prod": 3, "staging": 2, "dev": 1}),
    ("cache", "storefront", "data", "ubuntu-2204-base", {"prod": 3, "staging": 1, "dev": 1}),
]
K8S_APPS = [
    ("payments-api", "payments", "backend", {"prod": 10, "staging": 4, "dev": 3}),
    ("ledger", "finance", "backend", {"prod": 6, "staging": 3, "dev": 2}),
    ("tracking", "fulfilment", "backend", {"prod": 8, "staging": 3, "dev": 2}),
    ("notifications", "platform", "backend", {"prod": 5, "staging": 2, "dev": 2}),
]
COST = {"storefront": "cc-1001", "orders": "cc-1002", "fulfilment": "cc-1003", "identity": "cc-1900",
        "finance": "cc-1400", "payments": "cc-1500", "platform": "cc-1900"}
DR_PAIRS = {"aws-us-east-1": "aws-eu-west-1", "dc-london": "dc-frankfurt"}


def version(family):
    versions, weights = FAMILIES[family]
    return rng.choices(versions, weights=weights)[0]


def state_health(env):
    state = "running" if rng.random() > (0.03 if env == "prod" else 0.12) else "stopped"
    roll = rng.random()
    health = "healthy" if roll > 0.08 else ("degraded" if roll > 0.02 else "unhealthy")
    return state, ("unknown" if state == "stopped" else health)


def reference(platform, family, ver):
    digest = rng.getrandbits(64)
    return {
        "aws": f"ami-0{digest:016x}",
        "azure": f"/subscriptions/5f1c0d4e-9a7b-4c1e-8f0a-2b6d3e4f5a6b/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/acmegallery/images/{family}/versions/{ver}",
        "gcp": f"projects/acme-images/global/images/{family}-{ver.replace('.', '-')}",
        "vsphere": f"tmpl-{family}-{ver}",
        "kubernetes": f"registry.acme.example/base/{family}@sha256:{digest:016x}{rng.getrandbits(192):048x}",
    }[platform]


def asset_lines(asset):
    out = [f"  - id: {asset['id']}", f"    name: {asset['name']}", f"    platform: {asset['platform']}",
           f"    site: {asset['site']}", f"    environment: {asset['environment']}", "    image:",
           f"      family: {asset['family']}", f"      version: \"{asset['version']}\"",
           f"      reference: \"{asset['reference']}\"", "    tags:"]
    out += [f"      {k}: \"{v}\"" for k, v in asset["tags"].items()]
    out += [f"    state: {asset['state']}", f"    health: {asset['health']}"]
    return out


assets = []
for site, platform, region, kind, code in SITES:
    if platform == "kubernetes":
        for app, team, tier, counts in K8S_APPS:
            for env, n in counts.items():
                for i in range(1, n + 1):
                    ver = version("distroless-java21")
                    state, health = state_health(env)
                    assets.append(dict(id=f"{code}-{env}-{app}-{i:02d}", name=f"{env}/{app}-{i:02d}", platform=platform,
                                       site=site, environment=env, family="distroless-java21", version=ver,
                                       reference=reference(platform, "distroless-java21", ver),
                                       tags={"app": app, "team": team, "tier": tier, "cost-centre": COST[team],
                                             "workload-kind": "deployment"},
                                       state=state, health=health))
        continue
    for app, team, tier, family, counts in VM_APPS:
        if platform == "gcp" and family == "windows-2022-base":
            continue
        for env, n in counts.items():
            # Smaller footprint outside the two primary regions.
            n = n if site in ("aws-us-east-1", "dc-london", "azure-westeurope") else max(0, n - 1)
            for i in range(1, n + 1):
                ver = version(family)
                state, health = state_health(env)
                tags = {"app": app, "team": team, "tier": tier, "cost-centre": COST[team]}
                if env == "prod" and app == "orders-db":
                    pair = DR_PAIRS.get(site) or next((p for p, r in DR_PAIRS.items() if r == site), None)
                    if pair:
                        tags["dr-group"] = f"orders-db-{min(site, pair)}"
                        tags["dr-role"] = "primary" if site in DR_PAIRS else "recovery"
                if env == "prod":
                    tags["backup"] = "daily"
                assets.append(dict(id=f"{code}-{env}-{app}-{i:02d}", name=f"{app}-{env}-{code}-{i:02d}", platform=platform,
                                   site=site, environment=env, family=family, version=ver,
                                   reference=reference(platform, family, ver), tags=tags, state=state, health=health))

lines = [
    "# The sandbox estate of QL-RF's built-in `sandbox` platform: a modelled fleet, read on every sweep.",
    "# Edit it and the next sweep reports the changes. Generated by samples/generate_estate.py.",
    "organisation:",
    "  id: acme",
    "  name: Acme Logistics",
    "sites:",
]
for site, platform, region, kind, _ in SITES:
    lines += [f"  - name: {site}", f"    platform: {platform}", f"    region: {region}", f"    kind: {kind}"]
lines.append("assets:")
for a in assets:
    lines += asset_lines(a)
Path(__file__).with_name("estate.yaml").write_text("\n".join(lines) + "\n")
envs = {}
for a in assets:
    envs[a["environment"]] = envs.get(a["environment"], 0) + 1
print(f"{len(assets)} assets, {len(SITES)} sites, by environment {envs}")
