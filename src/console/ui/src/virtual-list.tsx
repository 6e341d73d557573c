/**
 * @module
 * A windowed list of fixed-height rows: only the rows in view (plus a few) are in the DOM, so a
 * list of thousands scrolls and updates as cheaply as a list of forty.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** Rows rendered beyond each edge of the view, so a fast scroll does not show blanks. */
const OVERSCAN = 8;

/** The rows in view for a scroll position (pure): first index inclusive, last exclusive. */
export function windowOf(
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  count: number,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(count, first + Math.ceil(viewHeight / rowHeight) + OVERSCAN);
  return { start, end: Math.max(start, end) };
}

/** Props of {@link VirtualList}. */
export interface VirtualListProps<T> {
  readonly items: readonly T[];
  readonly rowHeight: number;
  /** Height of the scrolling viewport (CSS length). */
  readonly height: string;
  readonly render: (item: T, index: number) => ComponentChildren;
  readonly header?: ComponentChildren;
  readonly label?: string;
  readonly testId?: string;
}

/** A scrolling `role="table"` that renders only the visible rows. */
export function VirtualList<T>(props: VirtualListProps<T>): preact.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = (): void => setViewHeight(el.clientHeight);
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
    observer?.observe(el);
    return () => observer?.disconnect();
  }, []);
  const { start, end } = windowOf(scrollTop, viewHeight, props.rowHeight, props.items.length);
  return (
    <div
      class="vlist"
      ref={ref}
      style={{ maxHeight: props.height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      role="table"
      aria-label={props.label}
      aria-rowcount={props.items.length}
      data-testid={props.testId}
    >
      {props.header}
      <div class="vlist-body" role="rowgroup" style={{ height: `${props.items.length * props.rowHeight}px` }}>
        <div class="vlist-window" style={{ transform: `translateY(${start * props.rowHeight}px)` }}>
          {props.items.slice(start, end).map((item, i) => props.render(item, start + i))}
        </div>
      </div>
    </div>
  );
}
