import { useSyncExternalStore } from 'react'
import type { MemoryAnalytics } from '../../src/entries/devtools'
import { eventLogStore } from '../../src/devtools/eventLogStore'

/** The recorder's calls, re-rendering on each new one (the same store the event log reads). */
export function useRecorderCalls(recorder: MemoryAnalytics) {
  const store = eventLogStore(recorder)
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot).map((entry) => entry.call)
}

/** Each event's count beside the count it should have; a mismatch is shown in red. */
export function EventCounts({ recorder, expected }: { recorder: MemoryAnalytics; expected: Record<string, number | undefined> }) {
  const calls = useRecorderCalls(recorder)
  const counts = new Map<string, number>()
  for (const call of calls) {
    const name = call.type === 'track' ? call.event : 'Identify'
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  const names = [...new Set([...Object.keys(expected), ...counts.keys()])]
  return (
    <table aria-label="Event counts" style={{ borderCollapse: 'collapse', font: '13px system-ui, sans-serif', background: '#fff', border: '1px solid #e5e7eb' }}>
      <thead>
        <tr style={{ background: '#f9fafb' }}>
          {['Event', 'Sent', 'Expected', ''].map((h) => (
            <th key={h} style={cell}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const got = counts.get(name) ?? 0
          const want = expected[name]
          const ok = want === undefined || got === want
          return (
            <tr key={name} data-event={name} data-ok={ok}>
              <td style={cell}>{name}</td>
              <td style={{ ...cell, textAlign: 'right' }} data-testid={'sent-' + name}>
                {got}
              </td>
              <td style={{ ...cell, textAlign: 'right', color: '#6b7280' }}>{want ?? '—'}</td>
              <td style={{ ...cell, color: ok ? '#15803d' : '#b91c1c' }}>{ok ? '✓' : '✗ duplicate or lost'}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

const cell = { padding: '4px 10px', borderBottom: '1px solid #f3f4f6', textAlign: 'left' as const }
