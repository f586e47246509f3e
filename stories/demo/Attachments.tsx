import { useEffect } from 'react'
import { useActionTracking, useMediaTracking } from '../../src/entries'

// 30 closing prices, fixed so the chart (and the screenshot) is the same on every load.
const PRICES = [136.6, 135.9, 137.2, 136.4, 134.8, 135.5, 136.9, 137.8, 137.1, 138.4, 137.6, 136.2, 135.7, 136.8, 137.9,
  137.3, 138.8, 139.6, 138.9, 137.7, 138.5, 140.2, 141.6, 140.8, 139.9, 141.2, 142.6, 141.8, 141.5, 142.3]

/** A small stock price chart: the "custom component" of the AI Copilot spec (Component Loaded). */
export function StockChart({ symbol = 'ACME' }: { symbol?: string }) {
  const width = 300
  const height = 90
  const min = Math.min(...PRICES) - 0.5
  const max = Math.max(...PRICES) + 0.5
  const x = (i: number) => (i / (PRICES.length - 1)) * width
  const y = (p: number) => height - ((p - min) / (max - min)) * height
  const line = PRICES.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p).toFixed(1)}`).join(' ')
  const first = PRICES[0]
  const last = PRICES[PRICES.length - 1]
  const change = ((last - first) / first) * 100
  return (
    <figure style={{ margin: '8px 0 0', padding: 10, border: '1px solid #e5e7eb', borderRadius: 8, background: '#fff' }}>
      <figcaption style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: '#374151', marginBottom: 4 }}>
        <strong>{symbol} · 30 days</strong>
        <span>
          ${last.toFixed(2)} <span style={{ color: change >= 0 ? '#15803d' : '#b91c1c' }}>{change >= 0 ? '▲' : '▼'} {change.toFixed(1)}%</span>
        </span>
      </figcaption>
      <svg role="img" aria-label={`${symbol} share price chart`} viewBox={`0 0 ${width} ${height}`} width="100%" height={height} preserveAspectRatio="none">
        <defs>
          <linearGradient id="stock-fill" x1="0" x2="0" y1="0" y2="1">
            <stop offset="0" stopColor="#22c55e" stopOpacity="0.25" />
            <stop offset="1" stopColor="#22c55e" stopOpacity="0" />
          </linearGradient>
        </defs>
        <path d={`${line} L${width},${height} L0,${height} Z`} fill="url(#stock-fill)" />
        <path d={line} fill="none" stroke="#16a34a" strokeWidth="2" vectorEffect="non-scaling-stroke" />
      </svg>
    </figure>
  )
}

const SUNSET = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180">
<defs><linearGradient id="sky" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#312e81"/><stop offset=".55" stop-color="#f472b6"/><stop offset="1" stop-color="#fdba74"/></linearGradient></defs>
<rect width="320" height="180" fill="url(#sky)"/><circle cx="232" cy="78" r="28" fill="#fde047"/>
<path d="M0 180 L0 128 L60 84 L104 120 L150 70 L214 130 L262 92 L320 126 L320 180 Z" fill="#1e1b4b"/>
<path d="M0 180 L0 150 L80 120 L140 152 L210 118 L320 156 L320 180 Z" fill="#3730a3" opacity=".85"/></svg>`
const SUNSET_URL = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(SUNSET)

/** A "generated" image (an inline SVG, no network): Media Generated once per message. */
export function GeneratedImage({ messageId }: { messageId: string }) {
  const media = useMediaTracking()
  useEffect(() => media.track({ type: 'image', subType: 'svg', messageId, id: 'image-' + messageId }), [media, messageId])
  return <img src={SUNSET_URL} alt="Generated image: a sunset over the mountains" width={320} height={180} style={{ display: 'block', maxWidth: '100%', height: 'auto', marginTop: 8, borderRadius: 8 }} />
}

/** The model calling a tool before it answers: Action Invoked once per tool call (its id). */
export function ToolCall({ messageId, done }: { messageId: string; done: boolean }) {
  const actions = useActionTracking()
  useEffect(
    () => actions.track({ type: 'Order Lookup', action: 'look up order status', messageId, role: 'agent', id: 'tool-' + messageId }),
    [actions, messageId],
  )
  return (
    <div style={{ margin: '0 0 6px', padding: '6px 8px', border: '1px dashed #c7d2fe', borderRadius: 6, background: '#f5f7ff', font: '12px ui-monospace, Menlo, monospace', color: '#3730a3' }}>
      tool call: lookup_order({'{'} orderId: "A-1042" {'}'}) {done ? '→ { status: "shipped", eta: "Thursday" }' : '…'}
    </div>
  )
}
