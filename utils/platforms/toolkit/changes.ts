/**
 * Reading only what changed (issue #18): a surface's mutations since the previous read, from a
 * MutationObserver of the reader's own, and per-row readings kept until a mutation touches their row. A
 * burst of rows appended to a long thread then costs work for the burst, not for the window.
 */
import { guarded } from './read';

/** Beyond this many records between two reads, what changed is not worth sorting out: read everything. */
const MAX_RECORDS = 2_000;

/**
 * The mutations inside one root since the last `take` of that same root. A new root (a remount, another
 * surface) gives null: its history is unknown, so anything may have changed.
 */
export function createChanges(): (root: Node) => MutationRecord[] | null {
  let watched: Node | null = null;
  let records: MutationRecord[] | null = [];
  const keep = (more: MutationRecord[]) => {
    if (records) records = records.length + more.length > MAX_RECORDS ? null : records.concat(more);
  };
  const observer = new MutationObserver(keep);
  return (root) =>
    guarded(null, () => {
      keep(observer.takeRecords());
      const taken = root === watched ? records : null;
      records = [];
      if (root !== watched) {
        observer.disconnect();
        observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
        watched = root;
      }
      return taken;
    });
}

const isElement = (node: Node | null): node is Element => node?.nodeType === Node.ELEMENT_NODE;
const elementOf = (node: Node) => (isElement(node) ? node : node.parentElement);
/** Whether `node` is or holds an element matching `selector`. */
const holds = (node: Node, selector: string) =>
  isElement(node) && (node.matches(selector) || !!node.querySelector(selector));

/**
 * Whether every record lies inside `inside` and none can change what a read finds outside its rows: text
 * changes, and rows added or removed that hold nothing matching `parts` (the selectors of the surface's
 * other parts). Attribute changes may make an element match a part's selector: they count as changes.
 */
export function onlyRowsChanged(records: readonly MutationRecord[], inside: Node, parts: string): boolean {
  return records.every(
    (record) =>
      inside.contains(record.target) &&
      (record.type === 'characterData' ||
        (record.type === 'childList' &&
          ![...record.addedNodes, ...record.removedNodes].some((node) => holds(node, parts)))),
  );
}

/**
 * What a reader read of each row (only from the row's own subtree), kept while no mutation touches the
 * row: `forget` drops the rows that records changed, added or put back, and everything without records.
 */
export type RowReadings<T> = ReturnType<typeof createRowReadings<T>>;

export function createRowReadings<T>(row: string) {
  let known = new WeakMap<Element, T>();
  const drop = (node: Node | null) => {
    const element = node && elementOf(node);
    const touched = element?.closest(row);
    if (touched) known.delete(touched);
  };
  return {
    forget(records: readonly MutationRecord[] | null) {
      if (!records) known = new WeakMap();
      for (const record of records ?? []) {
        drop(record.target);
        for (const node of record.addedNodes) {
          if (isElement(node)) for (const inner of node.querySelectorAll(row)) known.delete(inner);
          drop(node);
        }
      }
    },
    read(element: Element, read: (element: Element) => T): T {
      const value = known.get(element) ?? read(element);
      known.set(element, value);
      return value;
    },
  };
}
