// Renders each kustomization under deploy/kubernetes (`kubectl kustomize`) and validates every object
// against the Kubernetes JSON schemas that `kubernetes-models` ships (no network), plus the project's
// own expectations of the API's objects (probes, resources, the migration wait). Exit 1 on any problem.
//   node scripts/validate-kubernetes.mjs [kustomization dir ...]
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

const targets =
  process.argv.slice(2).length > 0
    ? process.argv.slice(2)
    : ['deploy/kubernetes/base', 'deploy/kubernetes/overlays/example'];
const HEALTH = '/api/health/';
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

/** What the API's Deployment must have, beyond the schema (docs/deployment.md "Kubernetes"). */
function checkApiDeployment(where, deployment) {
  const pod = deployment.spec.template.spec;
  const api = pod.containers.find((container) => container.name === 'api');
  if (!api) return problem(where, 'no container named api');
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    if (api[probe]?.httpGet?.path !== HEALTH) problem(where, `${probe} is not an HTTP GET of ${HEALTH}`);
  }
  for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
    const { requests = {}, limits = {} } = container.resources ?? {};
    if (!requests.cpu || !requests.memory || !limits.memory) {
      problem(where, `container ${container.name} lacks cpu/memory requests or a memory limit`);
    }
  }
  if (!(pod.initContainers ?? []).some((container) => container.name === 'wait-for-migrations')) {
    problem(where, 'no wait-for-migrations init container: a new version could serve before its migrations');
  }
  if (pod.securityContext?.runAsNonRoot !== true) problem(where, 'pod does not set runAsNonRoot');
}

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
  for (const deployment of kinds.get('Deployment') ?? []) {
    checkApiDeployment(`Deployment/${deployment.metadata.name}`, deployment);
  }
}

console.log(problems === 0 ? 'kubernetes manifests: valid' : `kubernetes manifests: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
