// Renders each kustomization under deploy/kubernetes (`kubectl kustomize`) and validates every object
// against the Kubernetes JSON schemas that `kubernetes-models` ships (no network), plus the project's
// own expectations of the API's and the worker's objects (probes, resources, the migration wait). Exit 1 on any problem.
//   node scripts/validate-kubernetes.mjs [kustomization dir ...]
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

const targets =
  process.argv.slice(2).length > 0
    ? process.argv.slice(2)
    : ['deploy/kubernetes/base', 'deploy/kubernetes/overlays/example'];
const HEALTH = '/api/health/';
const WORKER_COMMAND = 'node dist/apps/worker/src/main.js';
let problems = 0;
const problem = (where, message) => {
  problems += 1;
  console.log(`  ✗ ${where}: ${message}`);
};

/** `apps/v1` + `Deployment` -> the model class of kubernetes-models, or null for an unknown kind. */
async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const path = group === '' ? `kubernetes-models/v1/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch {
    return null;
  }
}

/** What every Deployment's pods must have: resources, the migration wait, a non-root user. */
function checkPod(where, pod) {
  for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
    const { requests = {}, limits = {} } = container.resources ?? {};
    if (!requests.cpu || !requests.memory || !limits.memory) {
      problem(where, `container ${container.name} lacks cpu/memory requests or a memory limit`);
    }
  }
  if (!(pod.initContainers ?? []).some((container) => container.name === 'wait-for-migrations')) {
    problem(where, 'no wait-for-migrations init container: a new version could run before its migrations');
  }
  if (pod.securityContext?.runAsNonRoot !== true) problem(where, 'pod does not set runAsNonRoot');
}

/** Both probes are HTTP GETs of `path` on the container's port `port` (a name or number). */
function checkProbes(where, container, path, port) {
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const get = container[probe]?.httpGet;
    if (get?.path !== path) problem(where, `${probe} is not an HTTP GET of ${path}`);
    const named = (container.ports ?? []).find((p) => p.name === get?.port || p.containerPort === get?.port);
    if (get && named?.containerPort !== port) problem(where, `${probe} does not reach port ${port}`);
  }
}

/** What the API's Deployment must have, beyond the schema (docs/deployment.md "Kubernetes"). */
function checkApiDeployment(where, deployment) {
  const pod = deployment.spec.template.spec;
  const api = pod.containers.find((container) => container.name === 'api');
  if (!api) return problem(where, 'no container named api');
  checkProbes(where, api, HEALTH, 3000);
  checkPod(where, pod);
}

/** The worker: the same image with the worker command, its /health on WORKER_PORT, time to finish a job. */
function checkWorkerDeployment(where, deployment) {
  const pod = deployment.spec.template.spec;
  const worker = pod.containers.find((container) => container.name === 'worker');
  if (!worker) return problem(where, 'no container named worker');
  if (worker.command?.join(' ') !== WORKER_COMMAND) problem(where, `command is not ${WORKER_COMMAND}`);
  const port = Number(worker.env?.find((variable) => variable.name === 'WORKER_PORT')?.value);
  if (!port) return problem(where, 'no WORKER_PORT: the worker would serve no /health');
  checkProbes(where, worker, '/health', port);
  // WORKER_SHUTDOWN_GRACE_MS (20 s) for the running job, then up to 15 s to hand it back and close.
  if ((pod.terminationGracePeriodSeconds ?? 30) < 35) problem(where, 'terminationGracePeriodSeconds < 35');
  checkPod(where, pod);
}

const CHECKS = { api: checkApiDeployment, worker: checkWorkerDeployment };

for (const target of targets) {
  console.log(`== ${target}`);
  let rendered;
  try {
    rendered = execFileSync('kubectl', ['kustomize', target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    problem(target, `kubectl kustomize failed: ${error.stderr || error.message}`);
    continue;
  }
  const kinds = new Map();
  for (const document of parseAllDocuments(rendered)) {
    if (document.errors.length > 0) {
      problem(target, `YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object === null) continue;
    const where = `${object.kind}/${object.metadata?.name}`;
    // kustomize wraps long base64 values over lines; the API server's decoder skips the line breaks.
    if (object.kind === 'Secret' && object.data) {
      for (const key of Object.keys(object.data)) object.data[key] = String(object.data[key]).replace(/\s+/g, '');
    }
    const Model = await modelOf(object.apiVersion ?? '', object.kind ?? '');
    if (Model === null) {
      problem(where, `no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problem(where, error.message);
      continue;
    }
    kinds.set(object.kind, [...(kinds.get(object.kind) ?? []), object]);
    console.log(`  ✓ ${object.apiVersion} ${where}`);
  }
  for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'Job', 'ConfigMap']) {
    if (!kinds.has(kind)) problem(target, `no ${kind}`);
  }
  const deployments = kinds.get('Deployment') ?? [];
  for (const [component, check] of Object.entries(CHECKS)) {
    const found = deployments.filter(
      (d) => d.spec.template.metadata?.labels?.['app.kubernetes.io/component'] === component,
    );
    if (found.length !== 1) problem(target, `${found.length} Deployments of component ${component}, expected 1`);
    for (const deployment of found) check(`Deployment/${deployment.metadata.name}`, deployment);
  }
}

console.log(problems === 0 ? 'kubernetes manifests: valid' : `kubernetes manifests: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
