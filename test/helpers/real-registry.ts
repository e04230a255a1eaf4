import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * A real OCI registry (Debian's docker-registry, the CNCF distribution server) on 127.0.0.1,
 * storing into a temporary directory. `.ci/run` installs the package.
 */
export class RealRegistry {
  private child: ChildProcess | null = null;
  private dir = '';
  url = '';

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'hf-registry-'));
    const port = await freePort();
    const config = join(this.dir, 'config.yml');
    writeFileSync(
      config,
      [
        'version: 0.1',
        'log:',
        '  level: error',
        'storage:',
        `  filesystem:`,
        `    rootdirectory: ${join(this.dir, 'data')}`,
        'http:',
        `  addr: 127.0.0.1:${port}`,
      ].join('\n'),
    );
    this.child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    const failed = new Promise<never>((_, reject) => {
      this.child!.once('error', (error) =>
        reject(new Error(`cannot start docker-registry (${error.message}); install it: apt-get install docker-registry`)),
      );
    });
    this.url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    const ready = (async () => {
      while (Date.now() < deadline) {
        const ok = await fetch(`${this.url}/v2/`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('docker-registry did not start within 10 s');
    })();
    await Promise.race([ready, failed]);
  }

  /** Pushes a minimal OCI image (a config blob with `labels`, one layer, a manifest) through the HTTP API. */
  async push(repository: string, tag: string, labels: Record<string, string> = {}): Promise<string> {
    const blob = async (content: string): Promise<{ digest: string; size: number }> => {
      const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
      // The two-step upload: POST opens an upload session, PUT sends the bytes with their digest.
      const session = await fetch(`${this.url}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
      if (session.status !== 202) throw new Error(`starting a blob upload answered ${session.status}`);
      const location = new URL(session.headers.get('location') ?? '', this.url);
      location.searchParams.set('digest', digest);
      const response = await fetch(location, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: content });
      if (response.status !== 201) throw new Error(`blob upload answered ${response.status}`);
      return { digest, size: Buffer.byteLength(content) };
    };
    const config = await blob(
      JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: labels }, rootfs: { type: 'layers', diff_ids: [] } }),
    );
    const layer = await blob(`layer of ${repository}:${tag}`);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
    });
    const response = await fetch(`${this.url}/v2/${repository}/manifests/${tag}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      body: manifest,
    });
    if (response.status !== 201) throw new Error(`manifest upload answered ${response.status}: ${await response.text()}`);
    return response.headers.get('docker-content-digest') ?? '';
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child!.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
