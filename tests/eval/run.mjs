// Search quality over the sample knowledge base: imports data/sample-kb (or SERAI_KB) into a
// fresh data directory, asks every question of tests/eval/questions.jsonl through `serai kb ask`
// (the stable evaluation interface) and prints MRR@5, recall@5 and the abstention rate on
// questions without an answer, overall and per language and script. Fails when a figure falls
// below tests/eval/baseline.json (raise the baseline when search gets better).
//   node tests/eval/run.mjs [--write-baseline]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = process.env.SERAI_BIN ?? join(root, 'build/dev/src/app/serai');
const kb = process.env.SERAI_KB ?? join(root, 'data', 'sample-kb', 'articles.jsonl');
// questions.jsonl is the development set; holdout.jsonl (EVAL_SET=holdout) was written after the
// search was tuned and is not tuned on: its figures estimate how search does on new questions.
// EVAL_FILE=path scores any other question file (no baseline).
const set = process.env.EVAL_SET === 'holdout' ? 'holdout' : 'questions';
const questionFile = process.env.EVAL_FILE ?? join(here, `${set}.jsonl`);
const questions = readFileSync(questionFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const data = mkdtempSync(join(tmpdir(), 'serai-eval-'));
let results;
try {
  execFileSync(bin, ['kb', 'import', '--data', data, kb], { stdio: ['ignore', 'ignore', 'inherit'] });
  const input = questions.map((q) => JSON.stringify({ id: q.id, q: q.q })).join('\n') + '\n';
  const started = process.hrtime.bigint();
  const out = execFileSync(bin, ['kb', 'ask', '--data', data], { input, maxBuffer: 64 * 1024 * 1024 }).toString();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  results = new Map(out.split('\n').filter((l) => l.trim()).map((l) => { const r = JSON.parse(l); return [r.id, r]; }));
  console.log(`${questions.length} questions answered in ${ms.toFixed(0)} ms (including start-up)`);
} finally {
  rmSync(data, { recursive: true, force: true });
}

// Per group: reciprocal ranks and hits of answerable questions, abstentions of the others.
function score(list) {
  const answerable = list.filter((q) => q.expect.length > 0);
  const none = list.filter((q) => q.expect.length === 0);
  let rr = 0, hits = 0, abstained = 0, wrongAnswers = 0;
  for (const q of answerable) {
    const slugs = (results.get(q.id)?.results ?? []).slice(0, 5).map((r) => r.slug);
    const rank = slugs.findIndex((s) => q.expect.includes(s));
    if (rank >= 0) { rr += 1 / (rank + 1); hits++; }
    if (results.get(q.id)?.answer && !q.expect.includes(slugs[0])) wrongAnswers++;
  }
  for (const q of none) if (!results.get(q.id)?.answer) abstained++;
  return {
    questions: list.length,
    mrr5: answerable.length ? rr / answerable.length : null,
    recall5: answerable.length ? hits / answerable.length : null,
    abstention: none.length ? abstained / none.length : null,
    wrong_answers: answerable.length ? wrongAnswers / answerable.length : null,
  };
}

const fmt = (x) => (x === null ? '   -' : x.toFixed(3));
const groups = new Map([['all', questions]]);
for (const q of questions) {
  const key = `${q.lang}${q.script === 'latin' ? ' (Latin)' : ''}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(q);
}
console.log('group            questions  MRR@5  recall@5  abstention  wrong answers');
const figures = {};
for (const [name, list] of groups) {
  const s = score(list);
  figures[name] = s;
  console.log(`${name.padEnd(16)} ${String(s.questions).padStart(9)}  ${fmt(s.mrr5)}  ${fmt(s.recall5).padStart(8)}  ${fmt(s.abstention).padStart(10)}  ${fmt(s.wrong_answers).padStart(13)}`);
}
for (const q of questions) {
  const r = results.get(q.id);
  const slugs = (r?.results ?? []).map((x) => x.slug);
  const ok = q.expect.length ? slugs.slice(0, 5).some((s) => q.expect.includes(s)) : !r?.answer;
  if (!ok && process.env.EVAL_VERBOSE) console.log(`  miss ${q.id}: ${q.q} -> ${slugs.slice(0, 3).join(', ')} answer=${r?.answer}`);
}

const baselineFile = process.env.EVAL_FILE ? '' : join(here, set === 'holdout' ? 'baseline-holdout.json' : 'baseline.json');
const overall = figures.all;
if (process.argv.includes('--write-baseline')) {
  const floor3 = (x) => Math.floor(x * 1000) / 1000;
  writeFileSync(baselineFile, JSON.stringify({ mrr5: floor3(overall.mrr5), recall5: floor3(overall.recall5), abstention: floor3(overall.abstention) }, null, 2) + '\n');
  console.log('baseline written');
}
let passed = 0, failed = 0;
if (existsSync(baselineFile)) {
  const base = JSON.parse(readFileSync(baselineFile, 'utf8'));
  for (const key of ['mrr5', 'recall5', 'abstention']) {
    if (overall[key] + 1e-9 >= base[key]) passed++;
    else { failed++; console.log(`${key} fell: ${overall[key].toFixed(3)} < baseline ${base[key]}`); }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
