import { describe, expect, it } from 'vitest';
import { MB, readCapped } from '../../src/sources/capped-body.js';

/** A body of `chunks` chunks of 64 KB, with or without a Content-Length that says so. */
function answer(chunks: number, declared?: number): Response {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent += 1;
      controller.enqueue(new Uint8Array(64 * 1024).fill(120));
    },
  });
  return new Response(body, declared === undefined ? {} : { headers: { 'content-length': String(declared) } });
}

describe('readCapped', () => {
  it('reads a body up to its cap whole', async () => {
    expect((await readCapped(answer(16), MB, 'Prow')).byteLength).toBe(MB);
  });

  it('one byte past the cap, counted as it streams, is one error naming the source and the cap', async () => {
    await expect(readCapped(answer(17), MB, 'Prow')).rejects.toThrow('Prow sent an answer larger than 1 MB; it was not read');
  });

  it('a Content-Length over the cap is refused before the body is read', async () => {
    await expect(readCapped(answer(0, 2 * MB), MB, 'GitHub')).rejects.toThrow('GitHub sent an answer larger than 1 MB; it was not read');
  });
});
