/**
 * The `.gitignore` lines as tinyglobby patterns for `zip.excludeSources` (issue #15, point 6): the
 * Firefox sources zip holds what the repository holds, never build output, screenshots or test reports.
 * Covers the forms our .gitignore uses: `dir/`, `name*`, `*.ext` and plain paths; comments, blank lines
 * and negations (`!`) are skipped.
 */
export function gitignoreExcludes(gitignore: string): string[] {
  return gitignore
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
    .flatMap((line) => {
      const anchored = line.startsWith('/');
      const path = line.replace(/^\//, '');
      const directory = path.endsWith('/');
      const pattern = directory ? `${path.slice(0, -1)}/**` : path;
      // A pattern without a slash inside matches at any depth (gitignore's rule).
      const anyDepth = !anchored && !path.slice(0, -1).includes('/');
      return anyDepth ? [pattern, `**/${pattern}`] : [pattern];
    });
}
