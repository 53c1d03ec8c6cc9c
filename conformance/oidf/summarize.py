#!/usr/bin/env python3
"""Summarises the result zips that the suite's run-test-plan.py exported (--export-dir).

    summarize.py EXPORT_DIR OUT_DIR [PLAN_NAME ...]

Writes OUT_DIR/results.md (per plan: every module with PASSED / FAILED / WARNING / REVIEW /
SKIPPED, and for each one that did not pass, the failing conditions with the suite's own
message), OUT_DIR/results.json (the same as data) and, for modules that filled a screenshot
placeholder or failed in the scripted browser, the page it was on as OUT_DIR/pages/<plan>/<module>.html.
A PLAN_NAME given without an exported zip (the runner stopped early) is listed as such.
"""
import glob
import json
import os
import re
import sys
import zipfile
from html import unescape

ORDER = ["FAILED", "WARNING", "REVIEW", "SKIPPED", "UNKNOWN", "PASSED"]


def main():
    export_dir, out_dir, expected = sys.argv[1], sys.argv[2], sys.argv[3:]
    plans = [read_plan(z, out_dir) for z in glob.glob(os.path.join(export_dir, "*.zip"))]
    plans.sort(key=lambda p: min((m["started"] or "" for m in p["modules"]), default=""))  # in run order
    for name in expected:
        if not any(p["plan"].startswith(name) for p in plans):
            plans.append({"plan": name, "file": None, "modules": [],
                          "error": "no results exported: the runner stopped early, see logs/runner.log"})
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(plans, f, indent=2)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(markdown(plans))
    print(markdown(plans, short=True))


def read_plan(path, out_dir):
    with zipfile.ZipFile(path) as z:
        exports = [json.loads(z.read(n)) for n in sorted(z.namelist()) if n.endswith(".json")]
    exports = [doc.get("export", doc) for doc in exports]
    plan_id = next((e["testInfo"]["planId"] for e in exports if e.get("testInfo", {}).get("planId")), "")
    # The suite names the zip <plan>[-<variant values>]-<plan id>-<date>.zip.
    plan_name = os.path.basename(path).split("-" + plan_id)[0].rstrip("-") if plan_id else os.path.basename(path)
    pages = os.path.join("pages", plan_name)
    modules = [read_module(e.get("testInfo", {}), e.get("results", []), out_dir, pages) for e in exports]
    modules.sort(key=lambda m: m["started"] or "")
    return {"plan": plan_name, "file": os.path.basename(path), "modules": modules}


def read_module(info, log, out_dir, pages):
    name = info.get("testName", "?")
    variant = info.get("variant") or {}
    result = info.get("result") or "UNKNOWN"
    problems = []
    answers = set()
    for entry in log:
        outcome = entry.get("result")
        for key, value in entry.items():
            # An OAuth error the server answered (authorization response, token or other endpoint).
            if key != "incoming_query_string_params" and isinstance(value, dict) and "error" in value:
                answer = json.dumps({k: value[k] for k in ("error", "error_description") if k in value},
                                    ensure_ascii=False)
                if answer not in answers:
                    answers.add(answer)
                    problems.append(problem("SERVER SAID", "", "%s: %s" % (entry.get("msg", key), answer), ""))
        if outcome in ("FAILURE", "WARNING", "REVIEW"):
            problems.append(problem(outcome, entry.get("src", ""), entry.get("msg", ""), detail(entry),
                                    entry.get("requirements", [])))
        page = entry.get("page_source")
        if page:
            # Either the screenshot placeholder the scripted browser filled, or the page it was
            # on when a browser step failed.
            file = os.path.join(pages, name + suffix(variant) + ".html")
            os.makedirs(os.path.join(out_dir, pages), exist_ok=True)
            with open(os.path.join(out_dir, file), "w") as f:
                f.write(page)
            problems.append(problem("PAGE", "", "%s: \"%s\"" % (file, page_text(page)), ""))
    if result == "PASSED":
        problems = []  # the REVIEW entries of a passed module are placeholders it did not need
    if result == "SKIPPED":
        skipped = [e.get("msg", "") for e in log if e.get("result") == "SKIPPED"]
        problems.extend(problem("SKIPPED", "", m, "") for m in skipped)
    return {"module": name, "variant": variant, "id": info.get("testId", ""), "status": info.get("status", ""),
            "result": result, "started": info.get("started"), "problems": problems}


def problem(result, condition, message, detail_text, requirements=()):
    return {"result": result, "condition": condition, "message": message, "detail": detail_text,
            "requirements": list(requirements)}


def page_text(html):
    body = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", html)
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()
    text = text.replace("Skip to content Portcullis ", "")
    return text if len(text) <= 300 else text[:300] + "..."


def detail(entry):
    # What the condition logged besides its message (missing claims, expected and actual values),
    # without the bulky parts (tokens, pages, headers).
    bulky = {"_id", "testId", "testOwner", "time", "blockId", "msg", "src", "result", "requirements",
             "page_source", "current_dom", "error_class", "caught_at", "stacktrace", "id_token", "request",
             "commands", "content_type", "headers", "response_content"}
    found = {k: short(v) for k, v in entry.items() if k not in bulky}
    text = json.dumps(found, ensure_ascii=False) if found else ""
    return text if len(text) <= 500 else text[:500] + "..."


def short(value):
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:200] + "..."


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
        if plan.get("error"):
            lines.append(plan["error"])
        lines.append(", ".join("%s %d" % (r, counts[r]) for r in ORDER if r in counts))
        lines.append("")
        for m in sorted(plan["modules"], key=lambda m: ORDER.index(m["result"]) if m["result"] in ORDER else 9):
            label = m["module"] + variant_label(m)
            if m["result"] == "PASSED" and not m["problems"]:
                if not short:
                    lines.append("- PASSED %s" % label)
                continue
            lines.append("- **%s** %s (%s)" % (m["result"], label, m["id"]))
            for p in m["problems"]:
                where = " `%s`" % p["condition"] if p["condition"] else ""
                text = "  - %s%s: %s" % (p["result"], where, p["message"].replace("\n", " "))
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
