import type { CSSProperties, ReactNode } from 'react'

/** The "what to try" box every demo opens with. */
export function Hint({ children }: { children: ReactNode }) {
  return (
    <aside aria-label="What to try" style={{ padding: '8px 12px', border: '1px solid #fde68a', borderRadius: 8, background: '#fffbeb', color: '#78350f', font: '13px/1.5 system-ui, sans-serif' }}>
      <strong>Try this: </strong>
      {children}
    </aside>
  )
}

/** Page frame: the hint on top, then the demo's columns. */
export function DemoPage({ hint, columns, children }: { hint: ReactNode; columns: string; children: ReactNode }) {
  const grid: CSSProperties = { display: 'grid', gridTemplateColumns: columns, gap: 16, flex: 1, minHeight: 0 }
  return (
    <div style={{ boxSizing: 'border-box', display: 'flex', flexDirection: 'column', gap: 12, height: '100vh', minHeight: 560, padding: 16, background: '#f3f4f6', font: '14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif', color: '#111827' }}>
      <Hint>{hint}</Hint>
      <div style={grid}>{children}</div>
    </div>
  )
}
