#!/usr/bin/env python3
"""Prints the README tables (articles, kind x variant matrix, dialogue variants)."""
import json, re, collections, pathlib
ROOT = pathlib.Path(__file__).resolve().parent.parent
arts = {}
for p in sorted((ROOT / 'articles').glob('*.md')):
    fm = dict(re.findall(r'^(\w+): (.*)$', p.read_text(encoding='utf-8').split('---')[1], re.M))
    arts[p.stem] = fm
qa = [json.loads(l) for l in open(ROOT / 'qa.jsonl', encoding='utf-8')]
conv = [json.loads(l) for l in open(ROOT / 'conversations.jsonl', encoding='utf-8')]
cq, ct = collections.Counter(), collections.Counter()
for q in qa:
    for s in q['sources']: cq[s] += 1
for c in conv:
    for t in c['turns']:
        for s in t['sources']: ct[s] += 1
print('| id | place | published | source | qa lines citing it | dialogue turns citing it |')
print('|---|---|---|---|---|---|')
for a, fm in arts.items():
    place = fm['place'].strip('"')
    print(f"| `{a}` | {place} | {fm['published']} | {fm['source_url']} | {cq[a]} | {ct[a]} |")
kinds = ['number', 'who', 'list', 'yesno', 'date', 'time', 'place', 'unanswerable', 'ambiguous']
vs = ['plain', 'no-diacritics', 'paraphrase', 'colloquial', 'typo', 'current', 'abbrev', 'english']
kv = collections.Counter((q['kind'], q['variant']) for q in qa)
print()
print('| kind \\ variant | ' + ' | '.join(vs) + ' | total |')
print('|---|' + '---|' * (len(vs) + 1))
for k in kinds:
    print(f'| {k} | ' + ' | '.join(str(kv[(k, v)]) for v in vs) + f' | {sum(kv[(k, v)] for v in vs)} |')
print('| total | ' + ' | '.join(str(sum(kv[(k, v)] for k in kinds)) for v in vs) + f' | {len(qa)} |')
print()
cv = collections.Counter(c['variant'] for c in conv)
print('dialogues by variant:', dict(cv), '| turns:', sum(len(c['turns']) for c in conv),
      '| turn kinds:', dict(collections.Counter(t['kind'] for c in conv for t in c['turns'])))
