import { type ReactNode, type Ref, useEffect, useRef, useState } from 'react';

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
  keepInView,
  scrollerRef,
}: {
  items: T[];
  rowHeight: number;
  height: number;
  label: string;
  renderRow: (item: T, index: number) => ReactNode;
  rowKey: (item: T) => string;
  /** An index the list scrolls to whenever it changes (the keyboard's current row). */
  keepInView?: number;
  /** The scrolling element, for focus to return to after a menu. */
  scrollerRef?: Ref<HTMLDivElement>;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const element = scroller.current;
    if (!element || keepInView === undefined || keepInView < 0) return;
    const top = keepInView * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height) element.scrollTop = top + rowHeight - height;
  }, [keepInView, rowHeight, height]);
  const overscan = 5;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return (
    <div
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      ref={(element) => {
        scroller.current = element;
        if (typeof scrollerRef === 'function') scrollerRef(element);
        else if (scrollerRef) scrollerRef.current = element;
      }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      style={{ height, overflowY: 'auto' }}
    >
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
