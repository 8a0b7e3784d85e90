import { E2E_EXTENSION_DIR } from '../harness/chromium.ts';
import { customersBackup, restoreFrom } from '../harness/extension.ts';
import { expect, serviceWorkerControl, test } from './fixtures';
import { storedData } from './stored-data';

// Issue #15, point 3: the worker stopped under a burst of writes. The e2e build's dashboard lends the test
// its real client (`dmsCall`: request ids, retries), so the calls are the ones the UI makes.
test.use({ extensionDir: E2E_EXTENSION_DIR });

const WRITES = 40;
const STOPS = 40;

test('a worker stopped 40 times during 40 concurrent note writes stores every confirmed note once and no failed one', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await restoreFrom(dashboard, customersBackup(1), 'replace');

  // The 40 writes go out at once, and each stop lands at another moment of a worker's life (starting,
  // handling the burst or its retries, answering): the retries of stopped calls wake it again.
  await dashboard.evaluate((count) => {
    type Call = (name: string, input: unknown) => Promise<unknown>;
    const scope = globalThis as unknown as { dmsCall: Call; dmsOutcomes: Promise<unknown> };
    scope.dmsOutcomes = Promise.all(
      Array.from({ length: count }, (_, n) =>
        scope.dmsCall('notes.add', { contactId: 'c0', text: `note ${n}` }).then(
          () => ({ text: `note ${n}`, confirmed: true }),
          (error: Error) => ({ text: `note ${n}`, confirmed: false, error: error.message }),
        ),
      ),
    );
  }, WRITES);
  const worker = await serviceWorkerControl(dashboard, extensionId);
  const stopsStarted = Date.now();
  for (let i = 0; i < STOPS; i++) await worker.stop((i * 7) % 50);
  await worker.detach();
  console.log(`exactly-once: ${STOPS} stops took ${Date.now() - stopsStarted} ms`);
  const outcomes = await dashboard.evaluate(
    () =>
      (globalThis as unknown as { dmsOutcomes: Promise<{ text: string; confirmed: boolean; error?: string }[]> })
        .dmsOutcomes,
  );

  const stored = (await storedData(dashboard)).notes.map((note) => note.text);
  const timesStored = (text: string) => stored.filter((t) => t === text).length;
  const confirmed = outcomes.filter((o) => o.confirmed);
  const failed = outcomes.filter((o) => !o.confirmed);
  console.log(`exactly-once: ${confirmed.length} confirmed, ${failed.length} failed, ${stored.length} stored`);
  expect(outcomes).toHaveLength(WRITES);
  expect(confirmed.filter((o) => timesStored(o.text) !== 1)).toEqual([]);
  expect(failed.filter((o) => timesStored(o.text) > 0)).toEqual([]);
  expect(stored).toHaveLength(confirmed.length);
  // A restart is no reason to fail: a call gives up only at its deadline (before request ids, most writes
  // failed on a lost answer). Counted, not timed: a loaded machine may reach the deadline.
  expect(failed.filter((o) => !/did not answer "notes.add" in time/.test(o.error ?? ''))).toEqual([]);
});
