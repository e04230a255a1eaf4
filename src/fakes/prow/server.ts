import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerCommonFault, LoopbackServer, sendJson, type Fault } from '../http.js';
import type { FakeWorld } from '../world.js';

/** A fake of Prow's job list (Deck's /prowjobs.js), answering from the world's job runs. */
export class FakeProw extends LoopbackServer {
  constructor(
    public world: FakeWorld,
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  protected handle(request: IncomingMessage, _body: string, response: ServerResponse, fault: Fault | undefined): void {
    if (request.method !== 'GET' || !(request.url ?? '').startsWith('/prowjobs.js'))
      return sendJson(response, 404, { message: 'Not Found' });
    if (answerCommonFault(response, fault, this.clock())) return;
    const base = `http://${request.headers.host ?? '127.0.0.1'}`;
    const items = this.world.prowRuns.map((run) => ({
      kind: 'ProwJob',
      apiVersion: 'prow.k8s.io/v1',
      metadata: { name: `${run.buildId}-${run.job}`.slice(0, 63), creationTimestamp: new Date(run.startedAt).toISOString() },
      spec: { type: 'periodic', job: run.job, agent: 'kubernetes', cluster: 'build01' },
      status: {
        state: run.state,
        startTime: new Date(run.startedAt).toISOString(),
        ...(run.finishedAt !== undefined ? { completionTime: new Date(run.finishedAt).toISOString() } : {}),
        build_id: run.buildId,
        url: `${base}/view/gs/test-platform-results/logs/${run.job}/${run.buildId}`,
        description:
          run.description ?? (run.state === 'failure' ? 'Job failed.' : run.state === 'success' ? 'Job succeeded.' : 'Job triggered.'),
      },
    }));
    sendJson(response, 200, { items });
  }
}
