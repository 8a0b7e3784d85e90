// Figures, statistics and the table `npm run bench` prints.

export type Figure = {
  /** The budget item of issue #9 it belongs to (1 injected code … 8 memory): the table's order. */
  section: number;
  /** What is measured, in words (the table's first column). */
  name: string;
  value: number;
  unit: 'ms' | 'KB' | 'MB' | '×' | '%' | '';
  /** The figure must not exceed it; absent for figures that are published but not held to a budget. */
  budget?: number;
  /**
   * Figures machine load cannot move (bytes, layout shift) only: `npm run bench:quick` (CI) fails when
   * the figure exceeds it. Timings are published with PASS/OVER but never fail a build.
   */
  gate?: number;
  /** How it was taken: "median of 21", "p95 of 1,800 keystrokes", … */
  stat: string;
  /** Anything worth knowing next to the value (breakdowns, raw numbers). */
  note?: string;
  samples?: number[];
};

export const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const ordered = sorted(values);
  return ordered[Math.min(ordered.length - 1, Math.max(0, Math.ceil((p / 100) * ordered.length) - 1))] ?? Number.NaN;
}

export const median = (values: number[]) => percentile(values, 50);

export const status = (f: Figure) => (f.budget === undefined ? '' : f.value <= f.budget ? 'PASS' : 'OVER');

const decimals = (f: Figure) =>
  f.unit === ''
    ? Number.isInteger(f.value)
      ? 0
      : 3
    : f.unit === '×'
      ? 3
      : f.unit === 'KB' || f.unit === 'MB'
        ? 1
        : Math.abs(f.value) < 10
          ? 2
          : 1;

const withUnit = (f: Figure, text: string) =>
  f.unit === '' ? text : f.unit === '×' || f.unit === '%' ? `${text}${f.unit}` : `${text} ${f.unit}`;

export const formatValue = (f: Figure, value = f.value) => withUnit(f, value.toFixed(decimals(f)));

export const formatBudget = (f: Figure) => (f.budget === undefined ? '—' : `≤ ${withUnit(f, String(f.budget))}`);

/** The table, one line per figure; notes indented below. */
export function table(unordered: Figure[]): string {
  const figures = [...unordered].sort((a, b) => a.section - b.section);
  const width = Math.max(...figures.map((f) => f.name.length), 20);
  const lines = [
    ['figure'.padEnd(width), 'value'.padStart(11), 'budget'.padStart(11), 'status'.padEnd(6), 'statistic'].join('  '),
  ];
  lines.push('-'.repeat(lines[0]?.length ?? 80));
  for (const f of figures) {
    lines.push(
      [
        f.name.padEnd(width),
        formatValue(f).padStart(11),
        formatBudget(f).padStart(11),
        status(f).padEnd(6),
        f.stat,
      ].join('  '),
    );
    if (f.note) lines.push(`${' '.repeat(4)}${f.note}`);
  }
  return lines.join('\n');
}
