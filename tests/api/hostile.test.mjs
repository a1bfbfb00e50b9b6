// Malformed, oversize, wrongly typed and hostile requests to every route get a clear 4xx with a
// problem+json body: never a 5xx, never a dropped connection, and the server stays up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Serai } from '../lib/serai.mjs';

const s = new Serai();
let admin;
let routes = [];

before(async () => {
  s.demo();
  await s.start();
  admin = await s.signIn('admin@example.org');
  const doc = await (await fetch(s.base + '/api/openapi.json')).json();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      routes.push({ method: method.toUpperCase(), path, hasBody: !!op.requestBody });
    }
  }
});
after(() => s.cleanup());

const deep = '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
const bodies = [
  ['empty', ''],
  ['truncated', '{"name":'],
  ['not JSON', 'hello'],
  ['array', '[1,2,3]'],
  ['string', '"text"'],
  ['null', 'null'],
  ['deep nesting', deep],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['wrong types', JSON.stringify({ name: 1, country: [], city: {}, languages: 'en', time_zone: true, email: 5, password: null, roles: 'admin', display_name: false, disabled: 'yes', code: 123456, days: 'many', totp: 1 })],
  ['unknown field', JSON.stringify({ surprise: 'x' })],
  ['control characters', JSON.stringify({ name: 'a\u0000b', email: 'x\n@y', display_name: '\u001b[31m' })],
  ['huge strings', JSON.stringify({ name: 'ب'.repeat(3000), email: 'a'.repeat(3000) + '@x.org', display_name: 'x'.repeat(3000) })],
  ['SQL and markup', JSON.stringify({ name: "'; DROP TABLE centre; --", city: '<script>alert(1)</script>', country: "A'", languages: ["en'--"], time_zone: '../../etc/passwd' })],
  ['oversize', '{"name":"' + 'x'.repeat(2 * 1024 * 1024) + '"}'],
];

function fill(path) {
  return path.replace('{centre}', s.centreId('kabul'))
    .replace('{user}', s.user('counsellor.kabul@example.org').id)
    .replace('{token}', '01900000-0000-7000-8000-000000000000')
    .replace('{conversation}', '01900000-0000-7000-8000-000000000000')
    .replace('{platform}', 'whatsapp')
    .replace('{account}', '01900000-0000-7000-8000-000000000000');
}

test('every body-taking route refuses every hostile body with a 4xx problem', async () => {
  let n = 0;
  for (const r of routes.filter((x) => x.hasBody)) {
    for (const [label, body] of bodies) {
      const res = await admin.req(r.method, fill(r.path), body, { raw: true });
      const where = `${r.method} ${r.path} with ${label}: ${res.status} ${res.text.slice(0, 100)}`;
      assert.ok(res.status >= 400 && res.status < 500, where);
      assert.equal(res.headers.get('content-type'), 'application/problem+json', where);
      assert.equal(typeof res.json.code, 'string', where);
      n++;
    }
  }
  assert.ok(n >= 100, `${n} requests`);
});

test('the wrong content type is 415', async () => {
  const res = await admin.req('POST', '/api/v1/centres', 'name=x', { raw: true, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 415);
});

const paths = [
  ['/api/v1/centres/not-an-id', 404],
  ['/api/v1/centres/%00', 404],
  ['/api/v1/centres/..%2F..%2Fetc%2Fpasswd', 404],
  ["/api/v1/centres/' OR 1=1 --", 404],
  ['/api/v1/centres?limit=abc', 400],
  ['/api/v1/centres?limit=0', 400],
  ['/api/v1/centres?limit=100000', 400],
  ['/api/v1/centres?cursor=%%%', 400],
  ['/api/v1/centres?cursor=' + 'A'.repeat(500), 400],
  ['/api/v1/nothing-here', 404],
  ['/api/v1/centres/{centre}/audit?before=-1', 400],
];

test('hostile paths and query strings get 4xx', async () => {
  for (const [path, status] of paths) {
    const res = await admin.req('GET', fill(path));
    assert.equal(res.status, status, `${path}: ${res.text.slice(0, 100)}`);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
  }
});

test('an unknown method on a known path is 405 with Allow', async () => {
  const res = await admin.req('PUT', '/api/v1/centres', {});
  assert.equal(res.status, 405);
  assert.match(res.headers.get('allow'), /GET/);
});

test('bad credentials of every kind are 401, never 5xx', async () => {
  for (const headers of [
    { authorization: 'Bearer ' + 'x'.repeat(5000) },
    { authorization: 'Bearer ' },
    { authorization: 'Basic YWRtaW46YWRtaW4=' },
    { cookie: 'serai_session=' + 'A'.repeat(4000) },
    { cookie: 'serai_session=;;;;=;' },
  ]) {
    const res = await fetch(s.base + '/api/v1/me', { headers });
    assert.equal(res.status, 401, JSON.stringify(headers).slice(0, 60));
  }
});

// Refused by the HTTP parser itself, before any route: still a clear answer, never a silent close.
test('bodies past the hard cap, long URLs and huge headers get 413, 414 and 431', async () => {
  const huge = await fetch(s.base + '/api/v1/session', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(20 * 1024 * 1024) });
  assert.equal(huge.status, 413);
  assert.equal((await huge.json()).code, 'body_too_large');
  const longUrl = await fetch(s.base + '/api/v1/centres?q=' + 'a'.repeat(10000));
  assert.equal(longUrl.status, 414);
  const bigHeader = await fetch(s.base + '/healthz', { headers: { 'x-padding': 'a'.repeat(10000) } });
  assert.equal(bigHeader.status, 431);
});

test('a request that is not HTTP gets 400', async () => {
  const port = Number(new URL(s.base).port);
  const answer = await new Promise((ok, fail) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write('BLAH /\x00 HTTP/9.9\r\n\r\n'));
    let got = '';
    sock.on('data', (d) => { got += d; });
    sock.on('end', () => ok(got));
    sock.on('error', fail);
    setTimeout(() => { sock.destroy(); ok(got); }, 3000);
  });
  assert.match(answer, /^HTTP\/1\.1 400 /);
});

test('the server is still healthy after all of that', async () => {
  assert.equal((await fetch(s.base + '/healthz')).status, 200);
});

test('sign-in attempts are throttled per address', async () => {
  const strict = new Serai();
  strict.dataDir = s.dataDir + '-throttle';
  strict.demo();
  await strict.start(['--sign-in-per-minute', '3']);
  const anon = strict.anonymous();
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    statuses.push((await anon.req('POST', '/api/v1/session', { email: 'x@example.org', password: 'wrong one!' })).status);
  }
  await strict.cleanup();
  assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
});
