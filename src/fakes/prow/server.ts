import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { answerCommonFault, LoopbackServer, sendJson, type Fault } from '../http.js';
import type { FakeProwRun, FakeWorld } from '../world.js';

/** Deck's name for a run's ProwJob (a UUID in real Prow; unique per run here). */
export const fakeProwJobName = (run: Pick<FakeProwRun, 'buildId' | 'job'>): string => `${run.buildId}-${run.job}`.slice(0, 63);

/**
 * A fake of Prow's Deck: the job list (/prowjobs.js, which honours `omit=pod_spec` as Deck does,
 * keeping an empty container per container) and one ProwJob as YAML (/prowjob?prowjob=NAME),
 * answering from the world's job runs.
 */
export class FakeProw extends LoopbackServer {
  constructor(
    public world: FakeWorld,
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  protected handle(request: IncomingMessage, _body: string, response: ServerResponse, fault: Fault | undefined): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const known = url.pathname === '/prowjobs.js' || url.pathname === '/prowjob';
    if (request.method !== 'GET' || !known) return sendJson(response, 404, { message: 'Not Found' });
    if (answerCommonFault(response, fault, this.clock())) return;
    const base = `http://${request.headers.host ?? '127.0.0.1'}`;
    if (url.pathname === '/prowjob') return this.answerOne(url.searchParams.get('prowjob') ?? '', base, response);
    const omit = new Set((url.searchParams.get('omit') ?? '').split(','));
    const items = this.world.prowRuns.map((run) => {
      const job = prowJob(run, base);
      return omit.has('pod_spec') ? { ...job, spec: { ...job.spec, pod_spec: { containers: [{ name: '', resources: {} }] } } } : job;
    });
    sendJson(response, 200, { items });
  }

  private answerOne(name: string, base: string, response: ServerResponse): void {
    const run = this.world.prowRuns.find((r) => fakeProwJobName(r) === name);
    if (!run || run.specFault === 'missing') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void response.end(`ProwJob not found: prowjobs.prow.k8s.io "${name}" not found\n`);
    }
    const text = stringify(prowJob(run, base));
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  }
}

/** A ProwJob as Prow keeps it: a ci-operator periodic's pod spec, with Gangway's variables appended to its container's env. */
function prowJob(run: FakeProwRun, base: string) {
  const env = [
    { name: 'HTTP_SERVER_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    ...Object.entries(run.env ?? {}).map(([name, value]) => ({ name, value })),
  ];
  return {
    kind: 'ProwJob',
    apiVersion: 'prow.k8s.io/v1',
    metadata: { name: fakeProwJobName(run), creationTimestamp: new Date(run.startedAt).toISOString() },
    spec: {
      type: 'periodic',
      job: run.job,
      agent: 'kubernetes',
      cluster: 'build01',
      pod_spec: {
        containers: [
          {
            name: '',
            command: ['ci-operator'],
            args: ['--gcs-upload-secret=/secrets/gcs/service-account.json', '--report-credentials-file=/etc/report/credentials'],
            image: 'quay-proxy.ci.openshift.org/openshift/ci:ci_ci-operator_latest',
            env,
            resources: { requests: { cpu: '10m' } },
          },
        ],
        serviceAccountName: 'ci-operator',
      },
    },
    status: {
      state: run.state,
      startTime: new Date(run.startedAt).toISOString(),
      ...(run.finishedAt !== undefined ? { completionTime: new Date(run.finishedAt).toISOString() } : {}),
      build_id: run.buildId,
      url: `${base}/view/gs/test-platform-results/logs/${run.job}/${run.buildId}`,
      description:
        run.description ?? (run.state === 'failure' ? 'Job failed.' : run.state === 'success' ? 'Job succeeded.' : 'Job triggered.'),
    },
  };
}
