import { DomainError } from './errors';

export type FileErrorReason = 'file-too-large' | 'file-not-utf8';

export class FileError extends DomainError<FileErrorReason> {
  override name = 'FileError';
}

/**
 * A file the person chose (picker or drop), read as text before anything is sent: over `maxBytes` it is
 * refused with our own message (a runtime message over 64 MiB would fail with the browser's raw one),
 * and bytes that are not UTF-8 are refused instead of being replaced with U+FFFD and imported.
 */
export async function readTextFile(file: Blob & { name: string }, maxBytes: number): Promise<string> {
  const limitMb = Math.floor(maxBytes / 1024 / 1024);
  if (file.size > maxBytes) {
    throw new FileError('file-too-large', `${file.name} is larger than ${limitMb} MB. Nothing was changed.`, {
      reason: 'file-too-large',
      values: { name: file.name, limitMb },
    });
  }
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileError('file-not-utf8', `${file.name} is not UTF-8 text. Nothing was changed.`, {
      reason: 'file-not-utf8',
      values: { name: file.name },
    });
  }
}
