#!/usr/bin/env python3
"""Cards and phone numbers as people write them, and numbers that only look like them (issue 14).

Seeded, so the same seed gives the same rows. Written for this repository (not a public benchmark):
separators (space, dash, dot, no-break space, slash, mixed, doubled), issuer groupings (4-4-4-4,
4-6-5, 4-6-4, 4-4-4-4-3), international phone formats (+CC, 00CC, (0) trunk, national with a cue),
numbers glued to words ("tel:+44...", "card#4111..."), and look-alikes (Luhn failures, dates, order
ids, versions, ISBNs, timestamps, prices). Each row: {"id", "text", "label", "entities": [{"type",
"start", "end"}]} as GuardEvalBench's generated PII set.

Usage: generate_pii_formats.py SEED OUT.jsonl [N]   (seed 1401: the development set the fixes were
made against; seed 1402: the held-out set, scored once after them)
"""
import json
import random
import sys

R = random.Random()


def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix] + [R.randrange(10) for _ in range(length - len(prefix) - 1)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def luhn_ok(number):
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


ISSUERS = [("4", 16, [4, 4, 4, 4]), ("4", 19, [4, 4, 4, 4, 3]), ("51", 16, [4, 4, 4, 4]), ("55", 16, [4, 4, 4, 4]),
           ("2221", 16, [4, 4, 4, 4]), ("2720", 16, [4, 4, 4, 4]), ("34", 15, [4, 6, 5]), ("37", 15, [4, 6, 5]),
           ("6011", 16, [4, 4, 4, 4]), ("65", 16, [4, 4, 4, 4]), ("3528", 16, [4, 4, 4, 4]), ("36", 14, [4, 6, 4])]
SEPARATORS = [" ", "-", ".", "\u00a0", "  ", " - "]


def card():
    prefix, length, groups = R.choice(ISSUERS)
    number = luhn_complete(prefix, length)
    style = R.randrange(5)
    if style == 0:
        return number
    parts, at = [], 0
    for g in groups:
        parts.append(number[at:at + g])
        at += g
    if style == 4:  # mixed separators, as typed
        return "".join(p + (R.choice([" ", "-"]) if i < len(parts) - 1 else "") for i, p in enumerate(parts))
    return R.choice(SEPARATORS).join(parts)


def card_lookalike():
    kind = R.randrange(4)
    if kind == 0:  # a card number that fails Luhn
        prefix, length, groups = R.choice(ISSUERS)
        n = luhn_complete(prefix, length)
        n = n[:-1] + str((int(n[-1]) + R.randrange(1, 10)) % 10)
        return " ".join([n[0:4], n[4:8], n[8:12], n[12:]]) if groups == [4, 4, 4, 4] else n
    if kind == 1:  # a 16-digit timestamp-like id
        return "2026" + "".join(str(R.randrange(10)) for _ in range(12))
    if kind == 2:  # tracking number in groups of four
        while True:
            n = "9" + "".join(str(R.randrange(10)) for _ in range(21))
            return " ".join(n[i:i + 4] for i in range(0, 22, 4))
    return f"{R.randrange(1000, 9999)}-{R.randrange(1000, 9999)}"  # a short grouped reference


def d(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def nz(n):  # n digits, the first 2-9
    return str(R.randrange(2, 10)) + d(n - 1)


US_AREAS = ["212", "415", "312", "646", "718", "206", "617", "303", "512", "702", "404", "305"]


def phone():
    kind = R.randrange(16)
    a = R.choice(US_AREAS)
    ex, line = nz(3), d(4)
    return [
        f"({a}) {ex}-{line}", f"{a}-{ex}-{line}", f"{a}.{ex}.{line}", f"+1 {a} {ex} {line}", f"+1-{a}-{ex}-{line}",
        f"+1.{a}.{ex}.{line}",
        f"+44 20 7{d(3)} {d(4)}", f"+44 (0)20 7{d(3)} {d(4)}", f"0044 20 7{d(3)} {d(4)}", f"+44 7{R.randrange(4, 10)}{d(2)} {d(6)}",
        f"+49 30 {nz(4)}{d(3)}", f"+33 6 {d(2)} {d(2)} {d(2)} {d(2)}", f"+34 6{d(2)} {d(3)} {d(3)}", f"+91 9{d(4)} {d(5)}",
        f"+61 4{d(2)} {d(3)} {d(3)}", f"+81 90-{d(4)}-{d(4)}",
    ][kind]


PHONE_CONTEXTS = ["Call me at {v} after six.", "My number is {v}.", "You can reach the office on {v} tomorrow.",
                  "tel:{v}", "Phone:{v}", "WhatsApp {v} if the train is late", "Contact: Jane Doe, {v}",
                  "please text {v} when you land", "ph#{v}", "Mobile ({v}) is best.", "\"{v}\" is the hotline"]
CARD_CONTEXTS = ["My card number is {v}, expiry 09/28.", "Charge it to {v} please.", "card#{v}", "cc:{v}",
                 "Paid with ({v}) yesterday", "Visa {v} was declined", "The number on the front: {v}.",
                 "[{v}] is the one on file", "use card={v}", "number:{v}exp 11/27"]
LOOKALIKE_CONTEXTS = ["Order {v} shipped on Monday.", "Tracking: {v}", "Invoice no. {v} is attached.",
                      "Version {v} fixed it.", "The meeting moved to {v}.", "ISBN {v}", "Reference {v}",
                      "It costs {v} in total.", "Build {v} passed.", "Between {v} people came."]


def lookalike_plain():
    return R.choice([
        f"{R.randrange(2019, 2027)}-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d} {R.randrange(24):02d}:{R.randrange(60):02d}",
        f"978-{R.randrange(0, 2)}-{d(3)}-{d(5)}-{R.randrange(10)}", f"v{R.randrange(1, 30)}.{R.randrange(20)}.{R.randrange(100)}",
        f"${R.randrange(1, 99)},{d(3)}.{d(2)}", f"#{d(8)}", f"{d(3)}-{d(3)}", f"{R.randrange(10, 99)}.{d(3)}.{d(3)}",
        f"1,{d(3)},{d(3)}", f"{R.randrange(1000, 9999)}/{R.randrange(1000, 9999)}", "20" + d(12),
    ])


def place(template, value):
    start = template.index("{v}")
    return template.replace("{v}", value), start, start + len(value)


def main(seed, out, n=300):
    R.seed(seed)
    rows = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            text, s, e = place(R.choice(CARD_CONTEXTS), card())
            rows.append({"text": text, "label": "pii", "entities": [{"type": "CREDIT_CARD", "start": s, "end": e}]})
        elif kind == 1:
            text, s, e = place(R.choice(PHONE_CONTEXTS), phone())
            rows.append({"text": text, "label": "pii", "entities": [{"type": "PHONE", "start": s, "end": e}]})
        elif kind == 2:
            text, _, _ = place(R.choice(LOOKALIKE_CONTEXTS), card_lookalike())
            rows.append({"text": text, "label": "no_pii", "entities": [], "lookalike_of": "CREDIT_CARD"})
        else:
            text, _, _ = place(R.choice(LOOKALIKE_CONTEXTS), lookalike_plain())
            rows.append({"text": text, "label": "no_pii", "entities": [], "lookalike_of": "plain_number"})
    with open(out, "w", encoding="utf-8") as f:
        for i, r in enumerate(rows):
            f.write(json.dumps({"id": f"fmt-{seed}-{i:04d}", **r}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 300)
