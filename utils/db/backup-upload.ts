import { because } from '../errors';
import { DbError } from './errors';

/**
 * A backup file reaches the background in parts: one runtime message carries at most 64 MiB (Chrome), and a
 * backup may be larger. Each part is at most UPLOAD_PART_CHARS characters, so that even escaped for the
 * message (a quote becomes two characters) or as UTF-8 (up to three bytes a character) it stays far below.
 */
export const UPLOAD_PART_CHARS = 8 * 1024 * 1024;
export const MAX_UPLOAD_PARTS = 64;

export type UploadPart = { uploadId: string; index: number; count: number; part: string };

/** An upload that stopped arriving (the dashboard was closed halfway) is dropped after this long. */
const UPLOAD_TTL_MS = 10 * 60 * 1000;

const incomplete = () =>
  new DbError(
    'backup-refused',
    'The backup file did not arrive completely: choose it again. Nothing was changed.',
    because('backup-incomplete'),
  );

/**
 * The background's uploads, in the worker's memory only: a worker stopped between the parts and the
 * restore loses them, and the restore then asks for the file again (nothing was written).
 */
export function createUploads(now: () => number = Date.now) {
  const uploads = new Map<string, { parts: (string | undefined)[]; touchedAt: number }>();
  const dropStale = () => {
    for (const [id, upload] of uploads) if (now() - upload.touchedAt > UPLOAD_TTL_MS) uploads.delete(id);
  };
  return {
    /** Keeps one part; the same part again replaces it (a retried message). */
    add({ uploadId, index, count, part }: UploadPart): void {
      dropStale();
      // Dense, not `new Array(count)`: a hole is skipped by `some`, and a missing part would go unnoticed.
      const upload = uploads.get(uploadId) ?? {
        parts: Array.from<string | undefined>({ length: count }),
        touchedAt: now(),
      };
      if (upload.parts.length !== count || index >= count) throw incomplete();
      upload.parts[index] = part;
      upload.touchedAt = now();
      uploads.set(uploadId, upload);
    },
    /** The whole file's text, once: every part must have arrived. */
    take(uploadId: string): string {
      const upload = uploads.get(uploadId);
      uploads.delete(uploadId);
      if (!upload || upload.parts.some((part) => part === undefined)) throw incomplete();
      return upload.parts.join('');
    },
  };
}

/**
 * `text` in the parts `createUploads` takes, under `uploadId`. A part never ends inside a surrogate pair:
 * a lone half would not survive the message.
 */
export function uploadParts(text: string, uploadId: string, partChars = UPLOAD_PART_CHARS): UploadPart[] {
  const parts: string[] = [];
  let start = 0;
  do {
    let end = Math.min(text.length, start + partChars);
    if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end--;
    parts.push(text.slice(start, end));
    start = end;
  } while (start < text.length);
  return parts.map((part, index) => ({ uploadId, index, count: parts.length, part }));
}
