#!/usr/bin/env python3
"""Converts bench/guard/heldout_injection.txt to bench/eval/injection-heldout.jsonl."""
import json, os
here = os.path.dirname(__file__)
rows = []
for line in open(os.path.join(here, 'heldout_injection.txt'), encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    label, text = line.rstrip('\n').split('\t', 1)
    rows.append({'id': f'held-{len(rows):03d}', 'text': text.replace('\\n', '\n'), 'label': label})
with open(os.path.join(here, '..', 'eval', 'injection-heldout.jsonl'), 'w', encoding='utf-8') as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(rows), 'rows')
