// Bounded load against the API on 127.0.0.1 while PostgreSQL restarts (run by db-restart.sh).
// Phase "fault": workers call every public read route (from the OpenAPI document) and, when the API
// has one, a write route, until FAULT_SECONDS have passed or MAX_REQUESTS were sent. Every answer must
// be 200/201 or 503 and come within the request timeout. Phase "recovery": once /api/health/ answers
// 200, every route must answer 200/201. Then every acknowledged write must be in the database.
//
// Writes: add an entry to WRITERS (e.g. rating a movie once movies and ratings exist) with a `send`
// that performs one write and a `verify` that checks, in SQL, that every acknowledged one is stored.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3917';
const DATABASE_URL = process.env.DATABASE_URL;
const FAULT_SECONDS = Number(process.env.FAULT_SECONDS ?? 12);
const MAX_REQUESTS = Number(process.env.MAX_REQUESTS ?? 20_000);
const WORKERS = Number(process.env.WORKERS ?? 4);
const REQUEST_TIMEOUT_MS = Number(process.env.REQUEST_TIMEOUT_MS ?? 5_000);
const ANSWER_DEADLINE_MS = REQUEST_TIMEOUT_MS + 2_000;

if (!new URL(BASE_URL).hostname.match(/^(127\.0\.0\.1|localhost)$/)) throw new Error('load only 127.0.0.1');

const run = randomBytes(3).toString('hex');
const WRITERS = [
  {
    name: 'signup',
    available: (document) => Boolean(document.paths['/api/users/']?.post ?? document.paths['/api/users']?.post),
    acknowledged: [],
    async send() {
      const username = `fault_${run}_${this.acknowledged.length}_${randomBytes(2).toString('hex')}`;
      const response = await call('POST', '/api/users/', {
        username,
        email: `${username}@example.com`,
        password: 'fault-test-password-1',
        first_name: 'Fault',
        last_name: 'Test',
      });
      if (response.status === 201) this.acknowledged.push(username);
      return response.status;
    },
    async verify(client) {
      const { rows } = await client.query('SELECT username FROM users WHERE username = ANY($1)', [this.acknowledged]);
      return { acknowledged: this.acknowledged.length, stored: rows.length };
    },
  },
];

async function call(method, path, body) {
  const started = Date.now();
  try {
    const response = await fetch(`${BASE_URL}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(ANSWER_DEADLINE_MS),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: Date.now() - started };
  } catch (error) {
    return {
      status: error.name === 'TimeoutError' ? 'hang' : `error:${error.cause?.code ?? error.message}`,
      ms: Date.now() - started,
    };
  }
}

const document = await (await fetch(`${BASE_URL}/api/docs/openapi.json`)).json();
const reads = Object.entries(document.paths)
  .filter(([path, methods]) => methods.get && !path.includes('{') && !(methods.get.security?.length > 0))
  .map(([path]) => path);
const writers = WRITERS.filter((writer) => writer.available(document));
console.log(`fault load: reads ${reads.join(', ')}; writes ${writers.map((w) => w.name).join(', ') || 'none yet'}`);

const tally = new Map();
const failures = [];
let sent = 0;
const record = (phase, what, status, allowed) => {
  const key = `${phase} ${what} ${status}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
  if (!allowed.includes(status)) failures.push(key);
};

async function worker(index, until) {
  let turn = index;
  while (Date.now() < until && sent < MAX_REQUESTS) {
    sent += 1;
    turn += 1;
    const writer = writers.length > 0 && turn % 3 === 0 ? writers[turn % writers.length] : null;
    if (writer) {
      const status = await writer.send();
      record('fault', writer.name, status, [201, 503]);
    } else {
      const path = reads[turn % reads.length];
      const { status } = await call('GET', path);
      record('fault', `GET ${path}`, status, [200, 503]);
    }
  }
}

const faultEnds = Date.now() + FAULT_SECONDS * 1000;
await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index, faultEnds)));

// Recovery: the API must come back by itself.
const recoveryDeadline = Date.now() + 30_000;
let healthy = false;
while (!healthy && Date.now() < recoveryDeadline) {
  healthy = (await call('GET', '/api/health/')).status === 200;
  if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
}
if (!healthy) failures.push('recovery: /api/health/ never answered 200 again');
for (let round = 0; round < 20; round += 1) {
  for (const path of reads) record('recovered', `GET ${path}`, (await call('GET', path)).status, [200]);
  for (const writer of writers) record('recovered', writer.name, await writer.send(), [201]);
}

// Every acknowledged write is stored.
if (writers.length > 0) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    for (const writer of writers) {
      const { acknowledged, stored } = await writer.verify(client);
      console.log(`writes ${writer.name}: ${acknowledged} acknowledged, ${stored} stored`);
      if (stored !== acknowledged) failures.push(`${writer.name}: ${acknowledged - stored} acknowledged writes lost`);
    }
  } finally {
    await client.end();
  }
}

console.log(`fault load: ${sent} requests during the fault`);
for (const [key, count] of [...tally.entries()].sort()) console.log(`  ${key}: ${count}`);
const saw503 = [...tally.keys()].some((key) => key.startsWith('fault') && key.endsWith(' 503'));
console.log(
  saw503 ? 'the outage was seen (503 answers)' : 'warning: no 503 seen; did the restart happen during the load?',
);
if (failures.length > 0) {
  console.error(`FAILED: ${[...new Set(failures)].join('; ')}`);
  process.exit(1);
}
console.log('OK: no hang, only 200/201/503 during the restart, all 200/201 after it, no acknowledged write lost');
