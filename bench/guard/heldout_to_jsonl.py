#!/usr/bin/env python3
"""Converts bench/guard/heldout_injection*.txt (label TAB text, \\n for newlines) to bench/eval/injection-heldout*.jsonl."""
import glob, json, os
here = os.path.dirname(os.path.abspath(__file__))
for src in sorted(glob.glob(os.path.join(here, 'heldout_injection*.txt'))):
    suffix = os.path.basename(src)[len('heldout_injection'):-len('.txt')].replace('_', '-')
    prefix = 'held' + (suffix.lstrip('-v') if suffix else '')
    rows = []
    for line in open(src, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        label, text = line.rstrip('\n').split('\t', 1)
        text = text.replace('\\n', '\n').replace('\\u200b', '\u200b')
        rows.append({'id': f'{prefix}-{len(rows):03d}', 'text': text, 'label': label})
    dst = os.path.join(here, '..', 'eval', 'injection-heldout' + suffix + '.jsonl')
    with open(dst, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(os.path.basename(dst), len(rows), 'rows')
