import { useLayoutEffect, useState } from 'react';
import type { Template } from '@/utils/db/schema';
import type { TemplateFilter, TemplateSearch } from '@/utils/templates/search';

/** The longest the search works in one go before the page gets its turn (input, painting) back. */
const SLICE_MS = 2;

/** Runs `then` as the next task: after pending input, without the 4 ms clamp of nested timeouts. */
function nextTask(then: () => void): () => void {
  const channel = new MessageChannel();
  channel.port1.onmessage = then;
  channel.port2.postMessage(null);
  return () => channel.port1.close();
}

/**
 * The first `limit` results of `query` (what the list shows: a search for fewer does less work),
 * searched a slice at a time (TemplateSearch.start): a keystroke holds the main thread for about
 * SLICE_MS, and a newer query drops the rest of an older one's work (the freshest wins). Until a query's
 * results are ready, the previous results stay on screen.
 */
export function useTemplateSearch(
  index: TemplateSearch,
  query: string,
  filter: TemplateFilter,
  limit: number,
): Template[] {
  const [results, setResults] = useState<Template[]>([]);
  const { folder, tag, platform } = filter;
  // A layout effect: when the first slice finishes the search, its results are in the same frame as the
  // list they belong to, so they never push the sections below down a frame later (a layout shift).
  useLayoutEffect(() => {
    const job = index.start(query, { folder, tag, platform }, limit);
    let cancel = () => {};
    const slice = () => {
      if (job.run(SLICE_MS)) setResults(job.results as Template[]);
      else cancel = nextTask(slice);
    };
    slice();
    return () => cancel();
  }, [index, query, folder, tag, platform, limit]);
  return results;
}
