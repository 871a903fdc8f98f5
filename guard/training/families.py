"""The loops the generator's case families share (self_harm_cases, edgy_cases, violence_weapons_cases,
crime_hate_cases): each template is filled `repeats` times if it has slots, once if not, and added through
generate_cases' add(text, labels, group, slice)."""


def harmful(add, rng, fill, case, pairs, fills, group, repeats=3):
    """(label, template) pairs; rows grouped per template as f"{group}:{label}:{i}", slice = the label."""
    for i, (label, t) in enumerate(pairs):
        for _ in range(repeats if "{" in t else 1):
            add(case(rng, fill(rng, t, fills)), [label], f"{group}:{label}:{i}", label)


def benign(add, rng, fill, case, texts, fills, group, repeats=3):
    """Benign templates; rows grouped per template as f"{group}:{i}", slice "edgy"."""
    for i, t in enumerate(texts):
        for _ in range(repeats if "{" in t else 1):
            add(case(rng, fill(rng, t, fills)), [], f"{group}:{i}", "edgy")


def templates(pairs, texts):
    return set(texts) | {t for _, t in pairs}
