#!/usr/bin/env python3
"""Checks blind-6: sources exist, answer_contains occur verbatim (NFC) in a cited article,
ids unique, front matter shape, NFC, article length; prints counts per variant/kind."""
import json, os, re, sys, unicodedata, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N = lambda s: unicodedata.normalize('NFC', s)
errs = []
arts = {}
for fn in sorted(os.listdir(os.path.join(ROOT, 'articles'))):
    if not fn.endswith('.md'): continue
    raw = open(os.path.join(ROOT, 'articles', fn), encoding='utf-8').read()
    if raw != N(raw): errs.append(f'{fn}: not NFC')
    m = re.match(r'^---\n(.*?)\n---\n(.*)$', raw, re.S)
    if not m: errs.append(f'{fn}: no front matter'); continue
    fm = dict(re.findall(r'^(\w+): (.*)$', m.group(1), re.M))
    for k in ('id', 'title', 'source_url', 'published', 'place'):
        if k not in fm: errs.append(f'{fn}: missing {k}')
    if fm.get('id') != fn[:-3]: errs.append(f'{fn}: id != filename')
    if not re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?)?', fm.get('published', '')): errs.append(f'{fn}: bad published')
    if not re.fullmatch(r'"(phường|xã) [^,]+, (tỉnh|TP) .+"', fm.get('place', '')): errs.append(f'{fn}: bad place {fm.get("place")}')
    words = len(re.findall(r'\w+', m.group(2)))
    if not 250 <= words <= 700: errs.append(f'{fn}: {words} words')
    arts[fm['id']] = N(raw)
def chk(where, item, kind_field='kind'):
    kind = item[kind_field]
    for s in item['sources']:
        if s not in arts: errs.append(f'{where}: unknown source {s}')
    if kind == 'unanswerable':
        if item['answer_contains'] or item['sources']: errs.append(f'{where}: unanswerable with answers/sources')
        return
    if kind == 'ambiguous':
        if item['answer_contains'] or len(item['sources']) < 2: errs.append(f'{where}: ambiguous needs >=2 sources, no answers')
        return
    if not item['answer_contains']: errs.append(f'{where}: no answer_contains')
    if len(item['sources']) != 1: errs.append(f'{where}: answerable must cite exactly one article')
    for a in item['answer_contains']:
        if a != N(a): errs.append(f'{where}: answer not NFC')
        if not any(N(a) in arts.get(s, '') for s in item['sources']):
            errs.append(f'{where}: {a!r} not found verbatim in {item["sources"]}')
    if item['question'] != N(item['question']): errs.append(f'{where}: question not NFC')
qa = [json.loads(l) for l in open(os.path.join(ROOT, 'qa.jsonl'), encoding='utf-8') if l.strip()]
ids = collections.Counter(q['id'] for q in qa)
for i, c in ids.items():
    if c > 1: errs.append(f'duplicate id {i}')
qs = collections.Counter(q['question'] for q in qa)
for i, c in qs.items():
    if c > 1: errs.append(f'duplicate question {i}')
for q in qa:
    if set(q) != {'id', 'question', 'answer_contains', 'sources', 'kind', 'variant'}: errs.append(f'{q["id"]}: fields {sorted(q)}')
    chk(q['id'], q)
KINDS = {'number', 'who', 'list', 'yesno', 'date', 'time', 'place', 'unanswerable', 'ambiguous'}
VARS = {'plain', 'no-diacritics', 'paraphrase', 'colloquial', 'typo', 'current', 'abbrev', 'english'}
for q in qa:
    if q['kind'] not in KINDS: errs.append(f'{q["id"]}: kind {q["kind"]}')
    if q['variant'] not in VARS: errs.append(f'{q["id"]}: variant {q["variant"]}')
convs = [json.loads(l) for l in open(os.path.join(ROOT, 'conversations.jsonl'), encoding='utf-8') if l.strip()]
cids = collections.Counter(c['id'] for c in convs)
for i, c in cids.items():
    if c > 1: errs.append(f'duplicate conversation id {i}')
for c in convs:
    if not 2 <= len(c['turns']) <= 4: errs.append(f'{c["id"]}: {len(c["turns"])} turns')
    for j, t in enumerate(c['turns'], 1): chk(f'{c["id"]}#{j}', t)
cites = collections.Counter(s for q in qa if q['kind'] not in ('ambiguous',) for s in q['sources'])
print('articles', len(arts), '| questions', len(qa), '| conversations', len(convs), '| turns', sum(len(c['turns']) for c in convs))
print('by variant', dict(sorted(collections.Counter(q['variant'] for q in qa).items())))
print('by kind', dict(sorted(collections.Counter(q['kind'] for q in qa).items())))
print('conv variants', dict(collections.Counter(c['variant'] for c in convs)))
for a in sorted(arts): print(f'  {cites.get(a, 0):3d}  {a}')
unused = [a for a in arts if not cites.get(a)]
if unused: errs.append(f'articles not cited: {unused}')
for e in errs: print('ERROR', e)
print('OK' if not errs else f'{len(errs)} errors')
sys.exit(1 if errs else 0)
