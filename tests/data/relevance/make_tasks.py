import sqlite3, json, random, re, hashlib, itertools
c = sqlite3.connect('/tmp/rf/rf.db')
random.seed(7)
arts = c.execute('select a.id, a.url, s.name, a.title, a.published_at, a.text from articles a join sources s on s.id=a.source_id order by a.id').fetchall()
matched = {r[0] for r in c.execute('select distinct article_id from article_topics')}
def split(key):
    return 'dev' if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10 < 7 else 'holdout'
sel = [a for a in arts if a[0] in matched]
rest = [a for a in arts if a[0] not in matched and a[5] and not re.search(r'[\u4e00-\u9fff]', a[3] + a[5][:200])]
sel += random.sample(rest, 60)
random.shuffle(sel)
chunks = [sel[i::3] for i in range(3)]
for i, ch in enumerate(chunks, 1):
    with open(f'/tmp/label/articles_{i}.jsonl', 'w') as f:
        for a in ch:
            f.write(json.dumps({'url': a[1], 'feed': a[2], 'title': a[3], 'published': a[4], 'text': a[5][:2500], 'split': split(a[1])}, ensure_ascii=False) + '\n')
print('articles', [len(c_) for c_ in chunks])
# figures
byid = {a[0]: a for a in arts}
figs = c.execute('select article_id, start, end, span, kind, min, max, actor, attributed_to, qualifier from figures order by article_id, start').fetchall()
def para(text, s, e):
    a = text.rfind('\n', 0, s) + 1
    b = text.find('\n', e); b = len(text) if b < 0 else b
    return text[a:b]
def sent(text, s, e):
    a = max(text.rfind('. ', 0, s), text.rfind('\n', 0, s)) + 1
    b = text.find('. ', e); b = len(text) if b < 0 else b + 1
    return text[a:b].strip()
with open('/tmp/label/figures.jsonl', 'w') as f:
    for (aid, s, e, span, kind, mn, mx, actor, attr, q) in figs:
        a = byid[aid]
        p = para(a[5], s, e)
        f.write(json.dumps({'url': a[1], 'feed': a[2], 'title': a[3], 'published': a[4], 'start': s, 'end': e, 'span': span,
            'kind': kind, 'min': mn, 'max': mx, 'qualifier': q, 'actor': actor, 'attributed_to': attr,
            'sentence': sent(a[5], s, e), 'paragraph': p[:1500], 'split': split(a[1])}, ensure_ascii=False) + '\n')
print('figures', len(figs))
# pairs
STOP = set('the a an of to in on and for with as at by from is are was were be has have had says said it its that this after over into amid new will not but or us'.split())
def words(a):
    t = (a[3] + ' ' + a[5][:400]).lower()
    return {w for w in re.findall(r"[a-z][a-z'-]+", t) if w not in STOP and len(w) > 2}
eng = [a for a in arts if a[5] and not re.search(r'[\u4e00-\u9fff\u0400-\u04ff]', a[3] + a[5][:300]) and a[2][:2] not in ('13', '19', '20', '17')]
W = {a[0]: words(a) for a in eng}
scored = []
for x, y in itertools.combinations(eng, 2):
    wx, wy = W[x[0]], W[y[0]]
    if not wx or not wy: continue
    j = len(wx & wy) / len(wx | wy)
    scored.append((j, x, y))
scored.sort(key=lambda t: -t[0])
top = scored[:140]
mid = [t for t in scored[140:3000]]
pairs = top + random.sample(mid, 50)
random.shuffle(pairs)
def brief(a):
    return {'url': a[1], 'feed': a[2], 'title': a[3], 'published': a[4], 'lead': a[5][:700]}
with open('/tmp/label/pairs.jsonl', 'w') as f:
    for j, x, y in pairs:
        f.write(json.dumps({'a': brief(x), 'b': brief(y), 'split': split(x[1] + ' ' + y[1])}, ensure_ascii=False) + '\n')
print('pairs', len(pairs), 'top j range', top[0][0], top[-1][0])
