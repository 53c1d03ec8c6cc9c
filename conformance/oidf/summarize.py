#!/usr/bin/env python3
"""Summarises the result zips that the suite's run-test-plan.py exported (--export-dir).

    summarize.py EXPORT_DIR OUT_DIR

Writes OUT_DIR/results.md (per plan: every module with PASSED / FAILED / WARNING / REVIEW /
SKIPPED, and for each one that did not pass, the failing conditions with the suite's own
message), OUT_DIR/results.json (the same as data) and, for modules that filled a screenshot
placeholder, the page the scripted browser saw as OUT_DIR/pages/<module>.html.
"""
import glob
import json
import os
import sys
import zipfile

ORDER = ["FAILED", "WARNING", "REVIEW", "SKIPPED", "UNKNOWN", "PASSED"]


def main():
    export_dir, out_dir = sys.argv[1:3]
    os.makedirs(os.path.join(out_dir, "pages"), exist_ok=True)
    plans = [read_plan(z, out_dir) for z in sorted(glob.glob(os.path.join(export_dir, "*.zip")))]
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(plans, f, indent=2)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(markdown(plans))
    print(markdown(plans, short=True))


def read_plan(path, out_dir):
    modules = []
    # The suite names the zip <plan>--<plan id>-<date>.zip.
    plan_name = os.path.basename(path).split("--")[0]
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".json"):
                continue
            doc = json.loads(z.read(name))
            export = doc.get("export", doc)
            info = export.get("testInfo", {})
            modules.append(read_module(info, export.get("results", []), out_dir))
    modules.sort(key=lambda m: m["started"] or "")
    return {"plan": plan_name, "file": os.path.basename(path), "modules": modules}


def read_module(info, log, out_dir):
    name = info.get("testName", "?")
    variant = info.get("variant") or {}
    result = info.get("result") or "UNKNOWN"
    problems = []
    for entry in log:
        outcome = entry.get("result")
        if outcome in ("FAILURE", "WARNING", "REVIEW") or ("upload" in entry and outcome != "SUCCESS"):
            problems.append({
                "result": outcome or "REVIEW",
                "condition": entry.get("src", ""),
                "message": entry.get("msg", ""),
                "requirements": entry.get("requirements", []),
                "detail": detail(entry),
            })
        if entry.get("page_source") or entry.get("img"):
            page = os.path.join("pages", name + suffix(variant) + ".html")
            with open(os.path.join(out_dir, page), "w") as f:
                f.write(entry.get("page_source") or '<img src="%s">' % entry.get("img"))
            problems.append({"result": "SCREENSHOT", "condition": entry.get("upload", ""),
                             "message": "page captured for review: " + page, "requirements": [], "detail": ""})
    if result == "SKIPPED":
        skipped = [e.get("msg", "") for e in log if e.get("result") in ("SKIPPED", "INFO") and "skip" in e.get("msg", "").lower()]
        problems.extend({"result": "SKIPPED", "condition": "", "message": m, "requirements": [], "detail": ""} for m in skipped[-1:])
    return {"module": name, "variant": variant, "id": info.get("testId", ""), "status": info.get("status", ""),
            "result": result, "started": info.get("started"), "problems": problems}


def detail(entry):
    # The few fields that say what was expected and what came back.
    keys = ["expected", "actual", "error", "error_description", "http_status", "status_code", "missing",
            "claim", "url", "response_status_code", "task", "match", "current_url", "msg_detail"]
    found = {k: entry[k] for k in keys if k in entry}
    text = json.dumps(found, ensure_ascii=False) if found else ""
    return text if len(text) <= 400 else text[:400] + "..."


def suffix(variant):
    interesting = {k: v for k, v in variant.items() if k in ("client_auth_type", "response_type")}
    return "".join("-" + str(v).replace(" ", "_") for v in interesting.values())


def markdown(plans, short=False):
    lines = []
    for plan in plans:
        counts = {}
        for m in plan["modules"]:
            counts[m["result"]] = counts.get(m["result"], 0) + 1
        lines.append("### " + plan["plan"])
        lines.append("")
        lines.append(", ".join("%s %d" % (r, counts[r]) for r in ORDER if r in counts))
        lines.append("")
        for m in sorted(plan["modules"], key=lambda m: ORDER.index(m["result"]) if m["result"] in ORDER else 9):
            label = m["module"] + variant_label(m)
            if m["result"] == "PASSED" and not [p for p in m["problems"] if p["result"] == "SCREENSHOT"]:
                if not short:
                    lines.append("- PASSED %s" % label)
                continue
            lines.append("- **%s** %s (%s)" % (m["result"], label, m["id"]))
            for p in m["problems"]:
                text = "  - %s `%s`: %s" % (p["result"], p["condition"], p["message"].replace("\n", " "))
                if p["detail"] and not short:
                    text += " " + p["detail"]
                lines.append(text)
        lines.append("")
    return "\n".join(lines)


def variant_label(m):
    v = {k: val for k, val in m["variant"].items() if k in ("client_auth_type", "response_type", "response_mode")}
    return " [" + ", ".join("%s=%s" % kv for kv in v.items()) + "]" if v else ""


if __name__ == "__main__":
    main()
