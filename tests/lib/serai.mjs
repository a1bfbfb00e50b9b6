// Helpers shared by the API, crash and browser suites: start a real serai on a loopback port with a
// fresh demo data directory (SQLite, or a fresh PostgreSQL database when SERAI_TEST_PG_URL is set),
// sign demo users in, and make requests.
import { spawn, execFileSync } from 'node:child_process';
import { before, after } from 'node:test';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const seraiBin = process.env.SERAI_BIN ?? join(root, 'build/dev/src/app/serai');

function freshPgDatabase() {
  const base = process.env.SERAI_TEST_PG_URL;
  if (!base) return '';
  const name = 'serai_t_' + randomBytes(6).toString('hex');
  execFileSync('psql', [base, '-qc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  return base.replace(/\/[^/]*$/, '/' + name);
}

export function backendName() {
  return process.env.SERAI_TEST_PG_URL ? 'postgres' : 'sqlite';
}

// Runs a serai subcommand to completion; returns { code, stdout, stderr }.
export function runSerai(args, env = {}, input = undefined) {
  try {
    const stdout = execFileSync(seraiBin, args, { env: { ...process.env, ...env }, stdio: 'pipe', input });
    return { code: 0, stdout: stdout.toString(), stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: e.stdout?.toString() ?? '', stderr: e.stderr?.toString() ?? '' };
  }
}

export class Serai {
  constructor() {
    this.dataDir = mkdtempSync(join(tmpdir(), 'serai-test-'));
    this.dbUrl = freshPgDatabase();
    this.proc = null;
    this.base = '';
  }

  dbArgs() {
    return this.dbUrl ? ['--db', this.dbUrl] : [];
  }

  demo() {
    const r = runSerai(['demo', '--data', this.dataDir, ...this.dbArgs()]);
    if (r.code !== 0) throw new Error('serai demo failed: ' + r.stderr);
    this.demoData = JSON.parse(readFileSync(join(this.dataDir, 'demo-users.json'), 'utf8'));
    return this;
  }

  // Starts `serai serve` and resolves once it prints its address.
  async start(extra = []) {
    const args = ['serve', '--data', this.dataDir, '--port', '0', '--sign-in-per-minute', '100000',
      ...this.dbArgs(), ...extra];
    this.proc = spawn(seraiBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { this.stderr += d.toString(); });
    this.base = await new Promise((ok, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error('serai did not start: ' + this.stderr)), 15000);
      this.proc.stdout.on('data', (d) => {
        out += d.toString();
        const m = out.match(/http:\/\/localhost:(\d+)/);
        if (m) { clearTimeout(timer); ok(`http://127.0.0.1:${m[1]}`); }
      });
      this.proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`serai exited ${code}: ${this.stderr}`)); });
    });
    return this;
  }

  async stop(signal = 'SIGTERM') {
    if (!this.proc || this.proc.exitCode !== null) return;
    const exited = new Promise((ok) => this.proc.once('exit', (code, sig) => ok({ code, sig })));
    this.proc.kill(signal);
    return exited;
  }

  // Stops the server and removes its data. Throws when a sanitizer reported anything in the server.
  async cleanup() {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
    const report = this.stderr?.match(/(AddressSanitizer|LeakSanitizer|runtime error:)[^\n]*/);
    if (report) throw new Error('sanitizer report from serai: ' + report[0]);
  }

  user(email) {
    const u = this.demoData.users.find((x) => x.email === email);
    if (!u) throw new Error('no demo user ' + email);
    return u;
  }

  centreId(key) {
    return this.demoData.centres.find((c) => c.key === key).id;
  }

  // Signs a demo user in (with a TOTP code where the account has one); returns a Client.
  async signIn(email, password) {
    const u = this.user(email);
    const body = { email, password: password ?? u.password };
    if (u.totp_secret) body.totp = totpNow(u.totp_secret);
    const res = await fetch(this.base + '/api/v1/session', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${email} gave ${res.status}: ${await res.text()}`);
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const me = await res.json();
    return new Client(this.base, cookie, me.csrf_token, me);
  }

  anonymous() {
    return new Client(this.base, '', '', null);
  }
}

export class Client {
  constructor(base, cookie, csrf, me) {
    this.base = base; this.cookie = cookie; this.csrf = csrf; this.me = me;
  }

  // Returns { status, json, text, headers }.
  async req(method, path, body, { headers = {}, raw = false } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      payload = raw ? body : JSON.stringify(body);
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    }
    const abort = new AbortController();
    const res = await fetch(this.base + path, { method, headers: h, body: payload, signal: abort.signal });
    // An event stream never ends: report its status and headers and hang up.
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      abort.abort();
      return { status: res.status, json: null, text: '', headers: res.headers };
    }
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text, headers: res.headers };
  }

  // Opens a server-sent events stream. Resolves to { status, next(name, ms), closed, close() }:
  // next() waits for the next event called `name` and gives its parsed data with the time it
  // arrived; `closed` resolves when the server ends the stream.
  async events(path) {
    const abort = new AbortController();
    const res = await fetch(this.base + path, { headers: this.cookie ? { cookie: this.cookie } : {}, signal: abort.signal });
    const queue = [];
    let wake = () => {};
    const closed = (async () => {
      if (res.status !== 200) return;
      const decoder = new TextDecoder();
      let buf = '';
      try {
        for await (const chunk of res.body) {
          buf += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const name = block.match(/^event: (.*)$/m)?.[1];
            const data = [...block.matchAll(/^data: (.*)$/gm)].map((m) => m[1]).join('\n');
            if (name) { queue.push({ name, data: JSON.parse(data), at: Date.now() }); wake(); }
          }
        }
      } catch { /* aborted */ }
    })();
    const next = async (name, ms = 5000) => {
      const end = Date.now() + ms;
      for (;;) {
        const i = queue.findIndex((e) => e.name === name);
        if (i >= 0) return queue.splice(i, 1)[0];
        if (Date.now() >= end) return null;
        await new Promise((ok) => { wake = ok; setTimeout(ok, Math.min(100, end - Date.now())); });
      }
    };
    return { status: res.status, next, closed, pending: queue, close: () => abort.abort() };
  }
}

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const c of s) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

// RFC 6238 code for `secretB32` at `unixSeconds`.
export function totp(secretB32, unixSeconds) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', base32Decode(secretB32)).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(off) & 0x7fffffff) % 1000000;
  return String(bin).padStart(6, '0');
}

export function totpNow(secretB32) {
  return totp(secretB32, Date.now() / 1000);
}

// For a test file: a demo server started before its tests and removed after them. `onReady` runs
// once the server answers (for example to sign someone in).
export function demoServer(onReady = async () => {}) {
  const s = new Serai();
  before(async () => {
    s.demo();
    await s.start();
    await onReady(s);
  });
  after(() => s.cleanup());
  return s;
}
