import { readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/** The repository's root. */
export const ROOT = join(__dirname, '../../..');

/** Every .ts/.tsx file under `dir` (a repository path), as repository paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Each import of a file as the repository path it points at (a package's name as written), with whether it
 * is `import type` or a dynamic `import()`.
 */
export function importsOf(file: string, text: string): { target: string; typeOnly: boolean; dynamic: boolean }[] {
  const found: { target: string; typeOnly: boolean; dynamic: boolean }[] = [];
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;
  for (const match of text.matchAll(pattern)) {
    // The forms: `import … from`, `import()`, and a bare `import '…'` (run for its effects).
    const specifier = match[3] ?? match[4] ?? match[5] ?? '';
    const target = specifier.startsWith('@/')
      ? specifier.slice(2)
      : specifier.startsWith('.')
        ? relative(ROOT, join(ROOT, dirname(file), specifier))
            .split('\\')
            .join('/')
        : specifier;
    found.push({ target, typeOnly: Boolean(match[2]), dynamic: match[4] !== undefined });
  }
  return found;
}
