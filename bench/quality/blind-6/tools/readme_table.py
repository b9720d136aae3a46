#!/usr/bin/env python3
"""Prints the README article table and counts (from articles/, qa.jsonl, conversations.jsonl)."""
import json, os, re, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
qa = [json.loads(l) for l in open(os.path.join(ROOT, 'qa.jsonl'), encoding='utf-8') if l.strip()]
cv = [json.loads(l) for l in open(os.path.join(ROOT, 'conversations.jsonl'), encoding='utf-8') if l.strip()]
qc = collections.Counter(s for q in qa if q['kind'] != 'ambiguous' for s in q['sources'])
ac = collections.Counter(s for q in qa if q['kind'] == 'ambiguous' for s in q['sources'])
tc = collections.Counter(s for c in cv for t in c['turns'] if t['kind'] != 'ambiguous' for s in t['sources'])
print('| id | place | published | source URL | qa citing | + ambiguous | conv turns citing |')
print('|---|---|---|---|---|---|---|')
for fn in sorted(os.listdir(os.path.join(ROOT, 'articles'))):
    fm = dict(re.findall(r'^(\w+): (.*)$', open(os.path.join(ROOT, 'articles', fn), encoding='utf-8').read().split('---')[1], re.M))
    i = fm['id']
    print(f"| {i} | {fm['place'].strip(chr(34))} | {fm['published']} | {fm['source_url']} | {qc[i]} | {ac[i]} | {tc[i]} |")
print()
print('variant:', dict(sorted(collections.Counter(q['variant'] for q in qa).items())))
print('kind:', dict(sorted(collections.Counter(q['kind'] for q in qa).items())))
print('variant x kind:')
vk = collections.Counter((q['variant'], q['kind']) for q in qa)
kinds = sorted({k for _, k in vk}); vars_ = sorted({v for v, _ in vk})
print('| variant | ' + ' | '.join(kinds) + ' | total |'); print('|---' * (len(kinds) + 2) + '|')
for v in vars_:
    print(f'| {v} | ' + ' | '.join(str(vk[(v, k)]) for k in kinds) + f' | {sum(vk[(v, k)] for k in kinds)} |')
print('conversations:', dict(collections.Counter(c['variant'] for c in cv)), 'turns', sum(len(c['turns']) for c in cv),
      'turn kinds', dict(collections.Counter(t['kind'] for c in cv for t in c['turns'])))
