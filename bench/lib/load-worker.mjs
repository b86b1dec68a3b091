// Runs one autocannon scenario in its own process (pinned to its own core by the caller) and prints
// the result as JSON on stdout, after an unmeasured warm-up of `warmup` seconds. Requests cycle
// through the scenario's list, so a scenario can spread over many URLs (cache misses) or many users
// (writes).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const scenario = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const requests = scenario.requests.map((request) => ({
  method: request.method ?? 'GET',
  path: request.path,
  // No content-type without a body: Fastify answers 400 to an empty application/json body.
  headers:
    request.body === undefined ? (request.headers ?? {}) : { 'content-type': 'application/json', ...request.headers },
  body: request.body === undefined ? undefined : JSON.stringify(request.body),
}));

let next = 0;
// One request list entry per call, round-robin over the whole list (a warm-up and the measurement
// continue the same walk, so write pairs are never sent twice).
const run = (duration) =>
  new Promise((resolve, reject) => {
    autocannon(
      {
        url: scenario.url,
        connections: scenario.connections,
        duration,
        requests: [
          {
            setupRequest: (request) => {
              const chosen = requests[next++ % requests.length];
              return { ...request, ...chosen };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });

// The warm-up is not measured: the server's JIT, its connection pool and PostgreSQL's plans settle first.
if (scenario.warmup > 0) await run(scenario.warmup);
const result = await run(scenario.duration);
process.stdout.write(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: result.statusCodeStats,
  }),
);
