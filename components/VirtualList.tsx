import { type ReactNode, useState } from 'react';

/**
 * Renders only the rows in view (plus a few): lists of 10,000 conversations stay as fast as lists of 50.
 * Rows have one fixed height, which keeps the arithmetic exact and cheap.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  label,
  renderRow,
  rowKey,
}: {
  items: T[];
  rowHeight: number;
  height: number;
  label: string;
  renderRow: (item: T, index: number) => ReactNode;
  rowKey: (item: T) => string;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const overscan = 5;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <div tabIndex={0} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} style={{ height, overflowY: 'auto' }}>
      <ul aria-label={label} style={{ height: items.length * rowHeight, position: 'relative', margin: 0, padding: 0 }}>
        {items.slice(first, last).map((item, i) => (
          <li
            key={rowKey(item)}
            aria-setsize={items.length}
            aria-posinset={first + i + 1}
            style={{
              position: 'absolute',
              top: (first + i) * rowHeight,
              height: rowHeight,
              left: 0,
              right: 0,
              listStyle: 'none',
            }}
          >
            {renderRow(item, first + i)}
          </li>
        ))}
      </ul>
    </div>
  );
}
