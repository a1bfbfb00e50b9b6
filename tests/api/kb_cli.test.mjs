// The knowledge base from the command line: `serai kb import` (the demo loads the sample knowledge
// base the same way) and `serai kb ask`, the evaluation interface other tools depend on.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Serai, runSerai } from '../lib/serai.mjs';

const s = new Serai().demo();
after(() => s.cleanup());

function ask(lines) {
  const r = runSerai(['kb', 'ask', '--data', s.dataDir, ...s.dbArgs()], {}, lines.join('\n') + '\n');
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

test('the demo loads the sample knowledge base and kb ask answers in the stable shape', () => {
  const [passport, none] = ask([
    JSON.stringify({ id: 'a', q: 'my employer took my passport' }),
    JSON.stringify({ id: 7, q: 'best recipe for chicken biryani' }),
  ]);
  assert.deepEqual(Object.keys(passport).sort(), ['answer', 'id', 'results']);
  assert.equal(passport.id, 'a');
  assert.equal(passport.answer, true);
  assert.equal(passport.results[0].slug, 'passport-confiscated-abroad');
  assert.ok(passport.results.length <= 5);
  for (const r of passport.results) {
    assert.deepEqual(Object.keys(r).sort(), ['lang', 'score', 'slug']);
    assert.ok(r.score >= 0 && r.score <= 1);
  }
  assert.equal(new Set(passport.results.map((r) => r.slug)).size, passport.results.length, 'one result per article');
  assert.equal(none.id, 7);
  assert.equal(none.answer, false, 'no automatic answer without a good article');
});

test('kb ask says which lines are not questions and goes on', () => {
  const out = ask(['not json', JSON.stringify({ id: 1 }), JSON.stringify({ id: 2, q: 42 }), JSON.stringify({ id: 3, q: 'x'.repeat(5000) }),
    JSON.stringify({ id: 4, q: '' }), JSON.stringify({ id: 5, q: 'what is asylum' })]);
  assert.equal(out.length, 6);
  for (const r of out.slice(0, 4)) assert.match(r.error, /"q"/);
  assert.deepEqual(out[4], { id: 4, answer: false, results: [] });
  assert.equal(out[5].results[0].slug, 'asylum-basics');
});

test('kb import refuses a bad file naming the line, stores nothing, and is idempotent', () => {
  const file = join(s.dataDir, 'articles.jsonl');
  const good = { slug: 'new-article-test', lang: 'en', title: 'Zanzibar ferry timetable', body: 'The Zanzibar ferry leaves at dawn.', topics: ['travel'] };
  writeFileSync(file, [JSON.stringify(good), '{"slug": "Bad Slug", "lang": "en", "title": "t", "body": "b"}'].join('\n'));
  const bad = runSerai(['kb', 'import', '--data', s.dataDir, ...s.dbArgs(), file]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /line 2/);
  assert.equal(ask([JSON.stringify({ id: 1, q: 'zanzibar ferry' })])[0].results.length, 0, 'nothing of the bad file was stored');
  writeFileSync(file, JSON.stringify(good) + '\n');
  const ok = runSerai(['kb', 'import', '--data', s.dataDir, ...s.dbArgs(), file]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /imported 1 translations \(1 new articles, 0 unchanged\)/);
  assert.equal(ask([JSON.stringify({ id: 1, q: 'zanzibar ferry' })])[0].results[0].slug, 'new-article-test');
  const again = runSerai(['kb', 'import', '--data', s.dataDir, ...s.dbArgs(), file]);
  assert.match(again.stdout, /imported 0 translations \(0 new articles, 1 unchanged\)/);
  assert.equal(runSerai(['kb', 'import', '--data', s.dataDir, ...s.dbArgs(), join(s.dataDir, 'missing.jsonl')]).code, 1);
});

test('kb export writes Markdown with front matter that kb import takes back unchanged', async () => {
  const { mkdtempSync, readdirSync, readFileSync: read, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = mkdtempSync(join(tmpdir(), 'serai-kb-md-'));
  try {
    const exported = runSerai(['kb', 'export', '--data', s.dataDir, ...s.dbArgs(), out]);
    assert.equal(exported.code, 0, exported.stderr);
    const files = readdirSync(out);
    assert.ok(files.length >= 105, `${files.length} files`);
    const dari = read(join(out, 'remittances-safely.prs.md'), 'utf8');
    assert.match(dari, /^\+\+\+\n/);
    assert.match(dari, /\nslug = 'remittances-safely'\n/);
    assert.match(dari, /\nlang = 'prs'\n/);
    assert.match(dari, /\nreview_by = \d{4}-\d{2}-\d{2}\n/);
    assert.match(dari, /\n\+\+\+\n\S/);

    // Into a fresh data directory: the same articles; a second import changes nothing.
    const other = new Serai();
    try {
      const first = runSerai(['kb', 'import', '--data', other.dataDir, ...other.dbArgs(), out]);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`imported ${files.length} translations`));
      const again = runSerai(['kb', 'import', '--data', other.dataDir, ...other.dbArgs(), out]);
      assert.match(again.stdout, new RegExp(`imported 0 translations .*${files.length} unchanged`));
      const out2 = mkdtempSync(join(tmpdir(), 'serai-kb-md-'));
      assert.equal(runSerai(['kb', 'export', '--data', other.dataDir, ...other.dbArgs(), out2]).code, 0);
      for (const f of files) assert.equal(read(join(out2, f), 'utf8'), read(join(out, f), 'utf8'), f);
      rmSync(out2, { recursive: true, force: true });

      // A bad file is named, and nothing of the batch is stored.
      writeFileSync(join(out, 'zz-new.en.md'), "+++\nslug = 'zz-new'\nlang = 'en'\ntitle = 'New'\n+++\nA new article.\n");
      writeFileSync(join(out, 'zzz-bad.en.md'), "+++\nslug = 'zzz-bad'\nlang = 'en'\ntitle = 'Bad'\ncolour = 'red'\n+++\nBody.\n");
      const bad = runSerai(['kb', 'import', '--data', other.dataDir, ...other.dbArgs(), out]);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /zzz-bad\.en\.md: front matter has an unknown key: colour/);
      writeFileSync(join(out, 'zzz-bad.en.md'), "slug: zzz-bad\n\nNo front matter.\n");
      assert.match(runSerai(['kb', 'import', '--data', other.dataDir, ...other.dbArgs(), out]).stderr, /zzz-bad\.en\.md: does not begin with \+\+\+/);
      writeFileSync(join(out, 'zzz-bad.en.md'), "+++\nslug = 'Bad Slug'\nlang = 'en'\ntitle = 'x'\n+++\nBody.\n");
      assert.match(runSerai(['kb', 'import', '--data', other.dataDir, ...other.dbArgs(), out]).stderr, /zzz-bad\.en\.md: .*slug/);
      const none = runSerai(['kb', 'ask', '--data', other.dataDir, ...other.dbArgs()], {}, JSON.stringify({ id: 1, q: 'A new article' }) + '\n');
      assert.ok(!none.stdout.includes('zz-new'), 'the good file of a failed batch was not stored');
    } finally {
      other.cleanup();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
