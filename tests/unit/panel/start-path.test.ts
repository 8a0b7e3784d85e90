import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT } from '../architecture/imports';

/**
 * What the panel evaluates before it can show the contact's name: the static imports from its entry,
 * followed through the repository's own files. Dynamic `import()` and `import type` are not followed.
 */
function startPath(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const { target, typeOnly, dynamic } of importsOf(file, readFileSync(join(ROOT, file), 'utf8'))) {
      if (typeOnly || dynamic) continue;
      const resolved = ['', '.ts', '.tsx', '/index.ts']
        .map((ending) => target + ending)
        .find((path) => /\.tsx?$/.test(path) && existsSync(join(ROOT, path)));
      // A package (or a file that is not source, as a stylesheet): named as written, not followed.
      if (resolved) visit(resolved);
      else seen.add(target);
    }
  };
  visit(entry);
  return seen;
}

describe("the panel's first script (entrypoints/panel/first-paint.ts)", () => {
  const first = startPath('entrypoints/panel/first-paint.ts');

  it('claims the frame and paints the name with neither React nor zod nor the app, which load meanwhile', () => {
    expect(first).toContain('components/panel/handshake.ts');
    const heavy = [...first].filter(
      (module) => /^(react|react-dom|zod)(\/|$)/.test(module) || module.includes('panel/main'),
    );
    expect(heavy).toEqual([]);
  });
});

describe("the panel's start", () => {
  const start = startPath('entrypoints/panel/main.tsx');

  it('holds the header the first render shows (the scanner follows what it must)', () => {
    expect(start).toContain('components/panel/PanelApp.tsx');
    expect(start).toContain('utils/messaging/live-client.ts');
    expect(start).toContain('react-dom/client');
  });

  it('holds none of the sections, which load after the name is painted (components/panel/sections.tsx)', () => {
    const sections = [
      'components/panel/TemplatePicker.tsx',
      'components/panel/TagsSection.tsx',
      'components/panel/ResponseTimer.tsx',
      'components/panel/TeamAssignment.tsx',
      'components/panel/TeamHistory.tsx',
      'components/shared/NotesSection.tsx',
      'components/shared/PresenceNotice.tsx',
      'components/shared/templates/useTemplateLibrary.ts',
      'utils/templates/search.ts',
      '@leeoniya/ufuzzy',
      'utils/messaging/page-commands.ts',
    ];
    expect(sections.filter((module) => start.has(module))).toEqual([]);
  });
});
