#!/usr/bin/env python3
"""Checks blind-7: source ids exist, answer_contains occur verbatim (NFC) in a cited
article, ids unique, front matter sane, counts per kind/variant, word counts.
Run from /work/blind-7: python3 tools/check.py   (exit 1 on any error)"""
import json, re, sys, unicodedata, pathlib, collections

ROOT = pathlib.Path(__file__).resolve().parent.parent
nfc = lambda s: unicodedata.normalize('NFC', s)
errors = []

arts = {}
for p in sorted((ROOT / 'articles').glob('*.md')):
    raw = p.read_text(encoding='utf-8')
    if raw != nfc(raw):
        errors.append(f'{p.name}: not NFC')
    m = re.match(r'^---\n(.*?)\n---\n(.*)$', raw, re.S)
    if not m:
        errors.append(f'{p.name}: no front matter'); continue
    fm = dict(re.findall(r'^(\w+): (.*)$', m.group(1), re.M))
    for k in ('id', 'title', 'source_url', 'published', 'place'):
        if k not in fm: errors.append(f'{p.name}: missing {k}')
    if fm.get('id') != p.stem: errors.append(f'{p.name}: id {fm.get("id")} != filename')
    if not re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?)?', fm.get('published', '')):
        errors.append(f'{p.name}: bad published {fm.get("published")}')
    if not re.fullmatch(r'"(phường|xã) .+, (tỉnh|TP) .+"', fm.get('place', '')):
        errors.append(f'{p.name}: bad place {fm.get("place")}')
    words = len(m.group(2).split())
    if not 250 <= words <= 700: errors.append(f'{p.name}: {words} words in body')
    arts[p.stem] = {'text': nfc(raw), 'fm': fm, 'words': words}

def check_item(where, it):
    kind = it.get('kind')
    for s in it.get('sources', []):
        if s not in arts: errors.append(f'{where}: unknown source {s}')
    if kind == 'unanswerable':
        if it['answer_contains'] or it['sources']: errors.append(f'{where}: unanswerable with answers/sources')
        return
    if kind == 'ambiguous':
        if len(it['sources']) < 2: errors.append(f'{where}: ambiguous needs >=2 sources')
        return
    if not it['answer_contains']: errors.append(f'{where}: no answer_contains')
    if len(it['answer_contains']) > 2: errors.append(f'{where}: more than 2 answer strings')
    if len(it['sources']) != 1: errors.append(f'{where}: answerable should cite exactly one article')
    for a in it['answer_contains']:
        if not any(nfc(a) in arts[s]['text'] for s in it['sources'] if s in arts):
            errors.append(f'{where}: "{a}" not found verbatim in {it["sources"]}')

KINDS = {'number', 'who', 'list', 'yesno', 'date', 'time', 'place', 'unanswerable', 'ambiguous'}
qa = [json.loads(l) for l in (ROOT / 'qa.jsonl').read_text(encoding='utf-8').splitlines() if l.strip()]
ids = collections.Counter(q['id'] for q in qa)
for i, c in ids.items():
    if c > 1: errors.append(f'qa: duplicate id {i}')
cite = collections.Counter()
for q in qa:
    if q['kind'] not in KINDS: errors.append(f'{q["id"]}: bad kind')
    if q['question'] != nfc(q['question']): errors.append(f'{q["id"]}: question not NFC')
    check_item(q['id'], q)
    if q['kind'] not in ('unanswerable', 'ambiguous'):
        for s in q['sources']: cite[s] += 1

conv = [json.loads(l) for l in (ROOT / 'conversations.jsonl').read_text(encoding='utf-8').splitlines() if l.strip()]
cids = collections.Counter(c['id'] for c in conv)
for i, c in cids.items():
    if c > 1: errors.append(f'conv: duplicate id {i}')
for c in conv:
    if not 2 <= len(c['turns']) <= 4: errors.append(f'{c["id"]}: {len(c["turns"])} turns')
    for n, t in enumerate(c['turns'], 1):
        check_item(f'{c["id"]}#{n}', t)

print('articles:', len(arts), '| qa:', len(qa), '| conversations:', len(conv), '| turns:', sum(len(c['turns']) for c in conv))
print('by kind:   ', dict(sorted(collections.Counter(q['kind'] for q in qa).items())))
print('by variant:', dict(sorted(collections.Counter(q['variant'] for q in qa).items())))
print('conv variants:', dict(sorted(collections.Counter(c['variant'] for c in conv).items())))
print('questions citing each article:')
for a in sorted(arts): print(f'  {cite[a]:3d}  {a}  ({arts[a]["words"]} words)')
if errors:
    print(f'\n{len(errors)} ERROR(S):'); [print(' -', e) for e in errors]; sys.exit(1)
print('\nOK: no errors')
