#!/usr/bin/env python3
"""Writes samples/images.yaml (the golden images of the sandbox estate) and the scanner reports and SBOMs
under samples/scans/ that it imports. Deterministic, so re-running reproduces the files exactly.

The lifecycles are chosen to match samples/estate.yaml: every version the estate runs is registered, the
production version of each family and platform is the one most of its assets run (so coverage is mixed,
not uniformly red), and a few platforms lag on purpose (rhel-9-base 9.5.1 still in testing on GCP,
windows-2022-base 2026.10 in testing on Azure and vSphere), which leaves some assets ahead of production."""
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).parent
SUB = "5f1c0d4e-9a7b-4c1e-8f0a-2b6d3e4f5a6b"


def hexof(*parts, n=17):
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:n]


def refs(family, version, platforms):
    gallery = version if version.count(".") >= 2 else version + ".0"
    make = {
        "aws": lambda: f"ami-{hexof(family, version, 'aws')}",
        "azure": lambda: f"/subscriptions/{SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/acmegallery/images/{family}/versions/{gallery}",
        "gcp": lambda: f"projects/acme-images/global/images/{family}-{version.replace('.', '-')}",
        "vsphere": lambda: f"tmpl-{family}-{version}",
        "kubernetes": lambda: f"registry.acme.example/base/{family}@sha256:{hexof(family, version, 'k8s', n=64)}",
    }
    return {p: make[p]() for p in platforms}


VM = ["aws", "azure", "gcp", "vsphere"]
RELEASE = "release-bot@acme.example"
CAB = "priya.shah@acme.example"

# family, os, owner, description, platforms, versions:
# (version, created, testing, [(status, at, platforms or None, by, reason)], parent relation)
FAMILIES = [
    ("ubuntu-2204-base", "Ubuntu 22.04 LTS", "platform-engineering", "CIS level 1 hardened Ubuntu for VMs", VM, [
        ("2026.07.2", "2026-07-14", [("production", "2026-07-22T09:00:00Z", None, CAB, "CAB-2291: July patch baseline"),
                                     ("retired", "2026-10-21T09:30:00Z", None, CAB, "two releases behind; retention policy")], None),
        ("2026.08.1", "2026-08-11", [("production", "2026-08-19T09:00:00Z", None, CAB, "CAB-2330: August patch baseline")], "patched_from"),
        ("2026.09.1", "2026-09-15", [("production", "2026-09-23T09:00:00Z", None, CAB, "CAB-2368: September patch baseline")], "patched_from"),
        ("2026.10.1", "2026-10-13", [("production", "2026-10-21T09:00:00Z", None, CAB, "CAB-2402: October patch baseline, OpenSSL fixes")], "patched_from"),
    ]),
    ("rhel-9-base", "Red Hat Enterprise Linux 9", "platform-engineering", "RHEL 9 base for databases and batch", VM, [
        ("9.4.2", "2026-06-02", [("production", "2026-06-10T10:00:00Z", None, CAB, "CAB-2210: RHEL 9.4 baseline")], None),
        ("9.4.5", "2026-07-28", [("production", "2026-08-05T10:00:00Z", None, CAB, "CAB-2318: 9.4 errata roll-up")], "patched_from"),
        ("9.5.1", "2026-10-01", [("production", "2026-10-09T10:00:00Z", ["aws", "azure", "vsphere"], CAB,
                                  "CAB-2389: RHEL 9.5; GCP held back until the image import passes validation")], "derived_from"),
    ]),
    ("windows-2022-base", "Windows Server 2022", "identity-and-access", "Windows Server 2022 Datacenter, CIS level 1", ["aws", "azure", "vsphere"], [
        ("2026.08", "2026-08-13", [("production", "2026-08-20T18:00:00Z", None, CAB, "CAB-2341: August cumulative update")], None),
        ("2026.09", "2026-09-10", [("production", "2026-09-17T18:00:00Z", ["aws", "azure"], CAB,
                                    "CAB-2372: September CU; vSphere template failed sysprep and stays in testing")], "patched_from"),
        ("2026.10", "2026-10-08", [("production", "2026-10-22T18:00:00Z", ["aws"], CAB,
                                    "CAB-2411: October CU on AWS first; Azure and vSphere wait for KB5044281 validation")], "patched_from"),
    ]),
    ("distroless-java21", "Distroless Debian 12, Java 21", "payments-platform", "Java 21 runtime base image for services", ["kubernetes"], [
        ("21.0.4-1", "2026-08-26", [("production", "2026-09-02T12:00:00Z", None, RELEASE, "Temurin 21.0.4 base")], None),
        ("21.0.5-1", "2026-10-15", [("production", "2026-10-20T12:00:00Z", None, RELEASE, "Temurin 21.0.5 (October CPU)")], "patched_from"),
        ("21.0.5-2", "2026-11-04", [("production", "2026-11-10T12:00:00Z", None, RELEASE, "rebuild for glibc DSA-5798")], "rebuilt_from"),
    ]),
]

SCANS = {
    # version id -> (trivy file, grype file, sbom file)
    "ubuntu-2204-base@2026.09.1": ("ubuntu-2204-base-2026.09.1.trivy.json", None, "ubuntu-2204-base-2026.09.1.spdx.json"),
    "ubuntu-2204-base@2026.10.1": ("ubuntu-2204-base-2026.10.1.trivy.json", "ubuntu-2204-base-2026.10.1.grype.json", "ubuntu-2204-base-2026.10.1.cdx.json"),
}


def q(s):
    return json.dumps(s)


def yaml_lines():
    out = [
        "# The golden images of the sandbox estate (samples/estate.yaml), loaded into the default organisation at",
        "# start-up when a family is absent. Generated by samples/generate_images.py; edit that and re-run.",
        "# Each version lists its reference on each platform and its lifecycle after registration (draft, then",
        "# testing when created); production moves the previous production version to deprecated.",
        "families:",
    ]
    for family, os_, owner, desc, platforms, versions in FAMILIES:
        out += [f"  - name: {family}", f"    os: {q(os_)}", f"    owner: {owner}", f"    description: {q(desc)}", "    versions:"]
        previous = None
        for version, created, lifecycle, relation in versions:
            vid = f"{family}@{version}"
            out += [f"      - version: {q(version)}", f"        created: {created}T08:00:00Z", "        platforms:"]
            out += [f"          {p}: {q(r)}" for p, r in refs(family, version, platforms).items()]
            if relation and previous:
                out += ["        parents:", f"          - {{ id: {q(previous)}, relation: {relation} }}"]
            commit = hexof(family, version, "commit", n=40)
            out += ["        build:",
                    "          builder: \"github-actions/packer\"" if family != "distroless-java21" else "          builder: \"github-actions/bazel\"",
                    f"          sourceRepository: \"https://git.acme.example/platform/golden-images\"",
                    f"          commit: \"{commit}\"",
                    f"          startedAt: {created}T06:10:00Z",
                    f"          finishedAt: {created}T07:42:00Z",
                    "          provenance:",
                    "            buildType: \"https://slsa.dev/provenance/v1/packer\"",
                    f"            builderId: \"https://git.acme.example/platform/golden-images/.github/workflows/build.yml@refs/heads/main\"",
                    f"            invocationId: \"run-{hexof(family, version, 'run', n=10)}\""]
            out += ["        lifecycle:",
                    f"          - {{ status: testing, at: {created}T08:30:00Z, by: {RELEASE}, reason: \"image tests passed\" }}"]
            for status, at, plats, by, reason in lifecycle:
                extra = f", platforms: [{', '.join(plats)}]" if plats else ""
                out.append(f"          - {{ status: {status}, at: {at}, by: {by}, reason: {q(reason)}{extra} }}")
            if vid in SCANS:
                trivy, grype, sbom = SCANS[vid]
                out.append("        scans: [" + ", ".join(q("scans/" + f) for f in (trivy, grype) if f) + "]")
                out.append(f"        sbom: {q('scans/' + sbom)}")
            previous = vid
    return out


# ---- scanner reports and SBOMs (the tools' real JSON shapes) --------------------------------------------
PKGS_0901 = [("openssl", "3.0.2-0ubuntu1.17"), ("libssl3", "3.0.2-0ubuntu1.17"), ("curl", "7.81.0-1ubuntu1.17"),
             ("libcurl4", "7.81.0-1ubuntu1.17"), ("bash", "5.1-6ubuntu1.1"), ("sudo", "1.9.9-1ubuntu2.4"),
             ("openssh-server", "1:8.9p1-3ubuntu0.10"), ("libc6", "2.35-0ubuntu3.8"), ("zlib1g", "1:1.2.11.dfsg-2ubuntu9.2"),
             ("python3.10", "3.10.12-1~22.04.5")]
PKGS_1001 = [("openssl", "3.0.2-0ubuntu1.18"), ("libssl3", "3.0.2-0ubuntu1.18"), ("curl", "7.81.0-1ubuntu1.18"),
             ("libcurl4", "7.81.0-1ubuntu1.18"), ("bash", "5.1-6ubuntu1.1"), ("sudo", "1.9.9-1ubuntu2.4"),
             ("openssh-server", "1:8.9p1-3ubuntu0.11"), ("libc6", "2.35-0ubuntu3.8"), ("zlib1g", "1:1.2.11.dfsg-2ubuntu9.2"),
             ("python3.10", "3.10.12-1~22.04.6"), ("chrony", "4.2-2ubuntu2")]
VULNS_0901 = [("CVE-2024-5535", "openssl", "3.0.2-0ubuntu1.17", "3.0.2-0ubuntu1.18", "MEDIUM", "openssl: SSL_select_next_proto buffer overread"),
              ("CVE-2024-9143", "libssl3", "3.0.2-0ubuntu1.17", "3.0.2-0ubuntu1.18", "HIGH", "openssl: Low-level invalid GF(2^m) parameters lead to OOB memory access"),
              ("CVE-2024-8096", "curl", "7.81.0-1ubuntu1.17", "7.81.0-1ubuntu1.18", "MEDIUM", "curl: OCSP stapling bypass with GnuTLS"),
              ("CVE-2024-6387", "openssh-server", "1:8.9p1-3ubuntu0.10", "1:8.9p1-3ubuntu0.11", "CRITICAL", "openssh: regreSSHion - RCE in sshd signal handler"),
              ("CVE-2022-3715", "bash", "5.1-6ubuntu1.1", "", "LOW", "bash: a heap-buffer-overflow in valid_parameter_transform"),
              ("CVE-2024-6232", "python3.10", "3.10.12-1~22.04.5", "3.10.12-1~22.04.6", "HIGH", "python: cpython: tarfile ReDos via excessive backtracking")]
VULNS_1001 = [("CVE-2022-3715", "bash", "5.1-6ubuntu1.1", "", "LOW", "bash: a heap-buffer-overflow in valid_parameter_transform"),
              ("CVE-2025-0167", "curl", "7.81.0-1ubuntu1.18", "", "LOW", "curl: netrc and default credential leak"),
              ("CVE-2024-50602", "libexpat1", "2.4.7-1ubuntu0.4", "2.4.7-1ubuntu0.5", "MEDIUM", "libexpat: expat: DoS via XML_ResumeParser")]


def trivy(vid, vulns, created):
    return {
        "SchemaVersion": 2,
        "CreatedAt": created,
        "ArtifactName": f"acme-images/{vid.replace('@', ':')}",
        "ArtifactType": "vm",
        "Metadata": {"OS": {"Family": "ubuntu", "Name": "22.04"}, "ImageConfig": {"architecture": "", "created": "0001-01-01T00:00:00Z", "os": "", "rootfs": {"type": "", "diff_ids": None}, "config": {}}},
        "Results": [
            {"Target": f"acme-images/{vid.replace('@', ':')} (ubuntu 22.04)", "Class": "os-pkgs", "Type": "ubuntu",
             "Vulnerabilities": [{
                 "VulnerabilityID": cve, "PkgID": f"{pkg}@{inst}", "PkgName": pkg,
                 "PkgIdentifier": {"PURL": f"pkg:deb/ubuntu/{pkg}@{inst}?arch=amd64&distro=ubuntu-22.04", "UID": hexof(cve, pkg, n=16)},
                 "InstalledVersion": inst, **({"FixedVersion": fix} if fix else {}), "Status": "fixed" if fix else "affected",
                 "Layer": {}, "SeveritySource": "ubuntu", "PrimaryURL": f"https://avd.aquasec.com/nvd/{cve.lower()}",
                 "DataSource": {"ID": "ubuntu", "Name": "Ubuntu CVE Tracker", "URL": "https://git.launchpad.net/ubuntu-cve-tracker"},
                 "Title": title, "Description": title + ".", "Severity": sev, "CweIDs": ["CWE-125"],
                 "VendorSeverity": {"nvd": 3, "ubuntu": 2},
                 "References": [f"https://ubuntu.com/security/{cve}"], "PublishedDate": "2024-07-01T13:15:00Z", "LastModifiedDate": "2024-10-01T00:00:00Z"}
                 for cve, pkg, inst, fix, sev, title in vulns]},
            {"Target": "opt/acme-agent/requirements.txt", "Class": "lang-pkgs", "Type": "pip"},
        ],
    }


def grype(vid, vulns, created):
    sev = {"LOW": "Low", "MEDIUM": "Medium", "HIGH": "High", "CRITICAL": "Critical"}
    matches = []
    for cve, pkg, inst, fix, s, title in vulns:
        purl = f"pkg:deb/ubuntu/{pkg}@{inst}?arch=amd64&distro=ubuntu-22.04"
        matches.append({
            "vulnerability": {"id": cve, "dataSource": f"https://ubuntu.com/security/{cve}", "namespace": "ubuntu:distro:ubuntu:22.04",
                              "severity": sev[s], "urls": [f"https://ubuntu.com/security/{cve}"], "description": title,
                              "cvss": [], "fix": {"versions": [fix] if fix else [], "state": "fixed" if fix else "not-fixed"}, "advisories": []},
            "relatedVulnerabilities": [{"id": cve, "dataSource": f"https://nvd.nist.gov/vuln/detail/{cve}", "namespace": "nvd:cpe", "severity": sev[s], "urls": [], "cvss": []}],
            "matchDetails": [{"type": "exact-indirect-match", "matcher": "dpkg-matcher", "searchedBy": {"distro": {"type": "ubuntu", "version": "22.04"}, "package": {"name": pkg, "version": inst}, "namespace": "ubuntu:distro:ubuntu:22.04"},
                              "found": {"versionConstraint": f"< {fix or '*'} (deb)", "vulnerabilityID": cve}}],
            "artifact": {"id": hexof(pkg, inst, n=16), "name": pkg, "version": inst, "type": "deb",
                         "locations": [{"path": "/var/lib/dpkg/status", "layerID": ""}], "language": "", "licenses": [], "cpes": [f"cpe:2.3:a:{pkg}:{pkg}:{inst}:*:*:*:*:*:*:*"],
                         "purl": purl, "upstreams": []},
        })
    # Grype reports a match again when a second matcher finds it; the importer keeps one.
    matches.append(dict(matches[0]))
    return {
        "matches": matches,
        "source": {"type": "image", "target": {"userInput": f"acme-images/{vid.replace('@', ':')}", "imageID": "sha256:" + hexof(vid, "img", n=64), "tags": []}},
        "distro": {"name": "ubuntu", "version": "22.04", "idLike": ["debian"]},
        "descriptor": {"name": "grype", "version": "0.82.2", "configuration": {"output": ["json"], "only-fixed": False}, "db": {"built": "2026-10-20T01:32:11Z", "schemaVersion": 5}, "timestamp": created},
    }


def spdx(vid, pkgs, created):
    root = "SPDXRef-DocumentRoot-Image-" + vid.replace("@", "-")
    packages = [{"name": vid, "SPDXID": root, "versionInfo": vid.split("@")[1], "supplier": "Organization: Acme Logistics",
                 "downloadLocation": "NOASSERTION", "filesAnalyzed": False, "licenseConcluded": "NOASSERTION", "licenseDeclared": "NOASSERTION",
                 "copyrightText": "NOASSERTION", "primaryPackagePurpose": "OPERATING-SYSTEM"}]
    rels = [{"spdxElementId": "SPDXRef-DOCUMENT", "relatedSpdxElement": root, "relationshipType": "DESCRIBES"}]
    for name, ver in pkgs:
        pid = f"SPDXRef-Package-deb-{name}-{hexof(name, ver, n=16)}"
        packages.append({
            "name": name, "SPDXID": pid, "versionInfo": ver, "supplier": "Person: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>",
            "downloadLocation": "NOASSERTION", "filesAnalyzed": False,
            "sourceInfo": "acquired package info from DPKG DB: /var/lib/dpkg/status",
            "licenseConcluded": "NOASSERTION", "licenseDeclared": "OpenSSL" if "ssl" in name else "GPL-2.0-or-later", "copyrightText": "NOASSERTION",
            "externalRefs": [
                {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": f"cpe:2.3:a:{name}:{name}:{ver}:*:*:*:*:*:*:*"},
                {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": f"pkg:deb/ubuntu/{name}@{ver}?arch=amd64&distro=ubuntu-22.04"}],
            "primaryPackagePurpose": "LIBRARY"})
        rels.append({"spdxElementId": root, "relatedSpdxElement": pid, "relationshipType": "CONTAINS"})
    return {
        "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": f"acme-images/{vid}",
        "documentNamespace": f"https://anchore.com/syft/image/{vid}-{hexof(vid, 'ns', n=36)}",
        "creationInfo": {"licenseListVersion": "3.25", "creators": ["Organization: Anchore, Inc", "Tool: syft-1.14.2"], "created": created},
        "packages": packages, "relationships": rels,
    }


def cyclonedx(vid, pkgs, created):
    comps = []
    for name, ver in pkgs:
        comps.append({"bom-ref": f"pkg:deb/ubuntu/{name}@{ver}?arch=amd64&distro=ubuntu-22.04&package-id={hexof(name, ver, n=16)}", "type": "library",
                      "publisher": "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>", "name": name, "version": ver,
                      "licenses": [{"license": {"id": "OpenSSL" if "ssl" in name else "GPL-2.0-or-later"}}],
                      "cpe": f"cpe:2.3:a:{name}:{name}:{ver}:*:*:*:*:*:*:*", "purl": f"pkg:deb/ubuntu/{name}@{ver}?arch=amd64&distro=ubuntu-22.04",
                      "properties": [{"name": "syft:package:type", "value": "deb"}]})
    comps.append({"bom-ref": "os:ubuntu@22.04", "type": "operating-system", "name": "ubuntu", "version": "22.04",
                  "description": "Ubuntu 22.04.5 LTS", "swid": {"tagId": "ubuntu", "name": "ubuntu", "version": "22.04"}})
    return {
        "$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json", "bomFormat": "CycloneDX", "specVersion": "1.5",
        "serialNumber": "urn:uuid:" + hexof(vid, "serial", n=8) + "-" + hexof(vid, "a", n=4) + "-4" + hexof(vid, "b", n=3) + "-8" + hexof(vid, "c", n=3) + "-" + hexof(vid, "d", n=12),
        "version": 1,
        "metadata": {"timestamp": created, "tools": {"components": [{"type": "application", "author": "anchore", "name": "syft", "version": "1.14.2"}]},
                     "component": {"bom-ref": hexof(vid, "root", n=16), "type": "container", "name": f"acme-images/{vid.split('@')[0]}", "version": vid.split("@")[1]}},
        "components": comps,
    }


def write(name, doc):
    (HERE / "scans" / name).write_text(json.dumps(doc, indent=2) + "\n")


(HERE / "scans").mkdir(exist_ok=True)
write("ubuntu-2204-base-2026.09.1.trivy.json", trivy("ubuntu-2204-base@2026.09.1", VULNS_0901, "2026-09-15T07:50:12.118Z"))
write("ubuntu-2204-base-2026.09.1.spdx.json", spdx("ubuntu-2204-base@2026.09.1", PKGS_0901, "2026-09-15T07:49:03Z"))
write("ubuntu-2204-base-2026.10.1.trivy.json", trivy("ubuntu-2204-base@2026.10.1", VULNS_1001, "2026-10-13T07:51:40.902Z"))
write("ubuntu-2204-base-2026.10.1.grype.json", grype("ubuntu-2204-base@2026.10.1", VULNS_1001, "2026-10-13T07:52:05.331Z"))
write("ubuntu-2204-base-2026.10.1.cdx.json", cyclonedx("ubuntu-2204-base@2026.10.1", PKGS_1001 + [("libexpat1", "2.4.7-1ubuntu0.4")], "2026-10-13T07:49:58Z"))
(HERE / "images.yaml").write_text("\n".join(yaml_lines()) + "\n")
print("wrote samples/images.yaml and samples/scans/")
