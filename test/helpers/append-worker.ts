// Appends events to a journal stream from a separate process, printing each index once it is
// durable. Used by the journal tests to race two writers and to kill a writer mid-append.
import { FileJournalStore } from '../../src/journal/file-store.js';

const [dir, stream, prefix, countText] = process.argv.slice(2);
const store = new FileJournalStore(dir!);
const count = Number(countText);
for (let i = 0; i < count; i += 1) {
  await store.append(stream!, {
    id: `${prefix}-${i}`,
    at: Date.now(),
    actor: prefix!,
    type: 'step-completed',
    step: 'a',
    note: `${prefix} ${i} `.repeat(20),
  });
  process.stdout.write(`${i}\n`);
}
