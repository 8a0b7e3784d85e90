import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
  Transaction,
} from 'dexie';
import type { Conversation } from './schema';

/**
 * How many conversations each platform has in each status, kept in the `counters` table (schema
 * version 7) by a Dexie middleware: every write to `conversations` (any writer, bulk or single, restores
 * and upgrades included) adjusts the counters in its own transaction, so they are exactly as durable and
 * as current as the rows. Counting 25,000 open rows through an index takes IndexedDB ≈ 50 ms; reading a
 * counter takes one get.
 */
export const COUNTERS = 'counters';
const COUNTED = 'conversations';

export type CounterRow = { key: string; count: number };

export const counterKey = (platform: Conversation['platform'], status: Conversation['status']) =>
  `${platform}:${status}`;

type Counted = Pick<Conversation, 'platform' | 'status'> | undefined;

/** The transaction holds the counters store (a versionchange transaction before version 7 does not). */
const holdsCounters = (trans: DBCoreTransaction) =>
  (trans as unknown as IDBTransaction).objectStoreNames?.contains(COUNTERS) ?? false;

/**
 * The rows a request replaces or deletes, read in its transaction. Promise chains, not `await`: Dexie's
 * promises carry the transaction's zone (PSD) through `then`, which lower middlewares (hooks) read.
 */
function rowsBefore(table: DBCoreTable, req: DBCoreMutateRequest): Promise<Counted[]> {
  if (req.type === 'add') return Promise.resolve([]);
  if (req.type === 'deleteRange') {
    return table
      .query({ trans: req.trans, query: { index: table.schema.primaryKey, range: req.range }, values: true })
      .then((found) => found.result as Counted[]);
  }
  const keys = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((row: Conversation) => row.id));
  return table.getMany({ trans: req.trans, keys }) as Promise<Counted[]>;
}

/** How each counter changes when `req` (answered by `response`) replaced the rows `before`. */
function deltaOf(req: DBCoreMutateRequest, response: DBCoreMutateResponse, before: Counted[]) {
  const delta = new Map<string, number>();
  const count = (row: Counted, by: number) => {
    if (!row) return;
    const key = counterKey(row.platform, row.status);
    delta.set(key, (delta.get(key) ?? 0) + by);
  };
  if (req.type === 'deleteRange') {
    for (const row of before) count(row, -1);
    return delta;
  }
  // A request may name a row twice (bulkPut of [a, a]): each operation sees the one before it.
  const latest = new Map<unknown, Counted>();
  const operations = req.type === 'delete' ? req.keys.length : req.values.length;
  for (let i = 0; i < operations; i++) {
    if (response.failures[i]) continue;
    const key = req.type === 'delete' ? req.keys[i] : (req.keys?.[i] ?? (req.values[i] as Conversation).id);
    const after = req.type === 'delete' ? undefined : (req.values[i] as Counted);
    count(latest.has(key) ? latest.get(key) : before[i], -1);
    count(after, +1);
    latest.set(key, after);
  }
  return delta;
}

/** Each transaction's latest counter adjustment: the next one reads the counters only after it wrote them. */
const adjusting = new WeakMap<DBCoreTransaction, Promise<unknown>>();

/**
 * Adds `delta` to each counter, in `trans`. Adjustments of one transaction run one after another: writes
 * asked for together (a restore's chunks) would otherwise read the same counts and each write its own sum.
 */
function adjust(counters: DBCoreTable, trans: DBCoreTransaction, delta: Map<string, number>): Promise<unknown> {
  const keys = [...delta.keys()].filter((key) => delta.get(key) !== 0);
  if (keys.length === 0) return Promise.resolve();
  const run = () =>
    counters.getMany({ trans, keys }).then((current: (CounterRow | undefined)[]) =>
      counters.mutate({
        type: 'put',
        trans,
        values: keys.map((key, i) => ({ key, count: (current[i]?.count ?? 0) + (delta.get(key) ?? 0) })),
      }),
    );
  const previous = adjusting.get(trans);
  const next = previous ? previous.then(run) : run();
  adjusting.set(trans, next);
  return next;
}

function countingTable(table: DBCoreTable, counters: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate(req) {
      if (!holdsCounters(req.trans)) return table.mutate(req);
      // Emptying the table (range type 3, Any) empties the counters, without reading every row first.
      if (req.type === 'deleteRange' && req.range.type === 3) {
        return table
          .mutate(req)
          .then((response) =>
            counters.mutate({ type: 'deleteRange', trans: req.trans, range: req.range }).then(() => response),
          );
      }
      return rowsBefore(table, req).then((before) =>
        table
          .mutate(req)
          .then((response) => adjust(counters, req.trans, deltaOf(req, response, before)).then(() => response)),
      );
    },
  };
}

/** The middleware (SidekickDatabase uses it): read-write transactions over conversations take the counters along. */
export const conversationCounters: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'conversationCounters',
  create(down) {
    if (!down.schema.tables.some((table) => table.name === COUNTERS)) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.includes(COUNTED) && !stores.includes(COUNTERS);
        return down.transaction(widened ? [...stores, COUNTERS] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return name === COUNTED ? countingTable(table, down.table(COUNTERS)) : table;
      },
    };
  },
};

/** Version 7's upgrade: the counters of the rows already stored. */
export async function countExistingConversations(tx: Transaction): Promise<void> {
  const totals = new Map<string, number>();
  await tx.table(COUNTED).each((row: Conversation) => {
    const key = counterKey(row.platform, row.status);
    totals.set(key, (totals.get(key) ?? 0) + 1);
  });
  await tx.table(COUNTERS).clear();
  await tx.table(COUNTERS).bulkPut([...totals].map(([key, count]) => ({ key, count })));
}
