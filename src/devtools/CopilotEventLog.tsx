import { memo, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react'
import type { MemoryAnalytics, MemoryCall } from '../core/memoryAnalytics'
import { eventLogStore, type EventLogEntry } from './eventLogStore'

export interface CopilotEventLogProps {
  /** The recorder to show: `createMemoryAnalytics()`, or the one behind a `teeAnalytics(real, recorder)`. */
  recorder: MemoryAnalytics
  /** Heading; default "Analytics events". */
  title?: string
  /** Start with this event-name filter, e.g. "Feedback". */
  defaultFilter?: string
  className?: string
  style?: CSSProperties
}

// One colour per kind of event, the same in every vocabulary, so that a fan-out log reads at a glance.
const COLORS_BY_KIND: Array<[color: string, events: string[]]> = [
  ['#6b7280', ['Identify']],
  // the conversation starts or ends
  ['#0f766e', ['Conversation Started', 'Conversation Ended', 'Live Chat Conversation Started', 'Live Chat Conversation Ended', 'Session Started']],
  // the customer's message
  ['#1d4ed8', ['Message Sent', 'Live Chat Message Sent', 'screeb_copilot_user_prompt']],
  // the assistant's reply
  ['#7c3aed', ['Message Received', 'Live Chat Message Received', 'Message Handled', 'screeb_copilot_response']],
  ['#b45309', ['Feedback Submitted', 'screeb_copilot_satisfaction']],
  // an action or tool call (Tool Invoked: the legacy Segment Copilot spec)
  ['#be123c', ['Action Invoked', 'Tool Invoked', 'Action Started', 'Action Completed']],
  ['#c026d3', ['Media Generated']],
  ['#15803d', ['Component Loaded']],
  ['#0369a1', ['screeb_copilot_conversion']],
]
const EVENT_COLORS = new Map(COLORS_BY_KIND.flatMap(([color, events]) => events.map((event) => [event, color] as const)))
/** Your own events (useCopilotAnalytics().track), and conversions outside Screeb's vocabulary. */
const colorOf = (name: string) => EVENT_COLORS.get(name) ?? '#374151'
// The server has recorded nothing of this page: hydration starts from an empty log.
const NO_ENTRIES: readonly EventLogEntry[] = []
const noEntries = () => NO_ENTRIES

const pad = (value: number, width = 2) => String(value).padStart(width, '0')
const clock = (time: number) => {
  const date = new Date(time)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}
/** What a row shows under the name: the track properties, or who an Identify names. */
const payloadOf = (call: MemoryCall) =>
  call.type === 'track' ? call.properties : { userId: call.userId, anonymousId: call.anonymousId, traits: call.traits }

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard API (plain http, an iframe without the permission): the older command still works there.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    try {
      return document.execCommand('copy')
    } catch {
      return false
    } finally {
      area.remove()
    }
  }
}

/**
 * A live, readable list of the calls a client received: time, event name and properties as
 * formatted JSON, with a per-event count, a filter by event name, Clear and Copy JSON (the
 * filtered calls, in the recorder's own shape). A development tool: it lives in
 * `react-copilot-analytics/devtools` so the main entry never carries it.
 *
 * @example
 * import { createMemoryAnalytics } from 'react-copilot-analytics/testing'
 * import { CopilotEventLog } from 'react-copilot-analytics/devtools'
 *
 * const recorder = createMemoryAnalytics()
 * <CopilotAnalyticsProvider analytics={recorder}><Chat /></CopilotAnalyticsProvider>
 * <CopilotEventLog recorder={recorder} />
 */
export function CopilotEventLog({ recorder, title = 'Analytics events', defaultFilter = '', className, style }: CopilotEventLogProps) {
  const store = eventLogStore(recorder)
  const entries = useSyncExternalStore(store.subscribe, store.getSnapshot, noEntries)
  const [filter, setFilter] = useState(defaultFilter)
  const [status, setStatus] = useState('')
  const listId = useId()

  const counts = useMemo(() => {
    const byName = new Map<string, number>()
    for (const entry of entries) byName.set(entry.name, (byName.get(entry.name) ?? 0) + 1)
    return [...byName]
  }, [entries])
  const needle = filter.trim().toLowerCase()
  const shown = needle ? entries.filter((entry) => entry.name.toLowerCase().includes(needle)) : entries

  // Follow new rows like a terminal, unless the reader has scrolled up to look at older ones.
  const scroller = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)
  useEffect(() => {
    const list = scroller.current
    if (list && pinned.current) list.scrollTop = list.scrollHeight
  }, [shown.length])

  const clear = () => {
    recorder.clear()
    setStatus('')
  }
  const copy = async () => {
    const json = JSON.stringify(shown.map((entry) => entry.call), null, 2)
    setStatus((await copyText(json)) ? `Copied ${shown.length} call${shown.length === 1 ? '' : 's'}` : 'Copy failed')
  }

  return (
    <section className={className} aria-label={title} style={{ ...styles.root, ...style }}>
      <header style={styles.header}>
        <strong style={{ fontSize: 14 }}>{title}</strong>
        <span style={styles.muted} data-testid="event-log-count">
          {needle ? `${shown.length} of ${entries.length}` : entries.length} call{entries.length === 1 ? '' : 's'}
        </span>
        <span style={{ flex: 1 }} />
        <button type="button" style={styles.button} onClick={copy}>
          Copy JSON
        </button>
        <button type="button" style={styles.button} onClick={clear} disabled={!entries.length}>
          Clear
        </button>
      </header>
      <div style={styles.toolbar}>
        <input
          type="search"
          aria-label="Filter by event name"
          placeholder="Filter by event name"
          list={listId}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          style={styles.input}
        />
        <datalist id={listId}>
          {counts.map(([name]) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <span role="status" style={styles.muted}>
          {status}
        </span>
      </div>
      {counts.length > 0 && (
        <ul aria-label="Event counts" style={styles.counts}>
          {counts.map(([name, count]) => (
            <li key={name}>
              <button
                type="button"
                data-event={name}
                aria-pressed={filter === name}
                title={filter === name ? 'Show all events' : `Show only ${name}`}
                onClick={() => setFilter(filter === name ? '' : name)}
                style={{ ...styles.chip, borderColor: colorOf(name), color: colorOf(name), background: filter === name ? '#eef2ff' : '#fff' }}
              >
                {name} <b>{count}</b>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div
        ref={scroller}
        role="log"
        aria-label="Recorded calls"
        style={styles.scroller}
        onScroll={(event) => {
          const list = event.currentTarget
          pinned.current = list.scrollHeight - list.scrollTop - list.clientHeight < 24
        }}
      >
        {shown.length === 0 ? (
          <p style={{ ...styles.muted, padding: 12, margin: 0 }}>
            {entries.length ? 'No event matches the filter.' : 'No calls yet. Interact with the chat and each call appears here as it is sent.'}
          </p>
        ) : (
          <ol style={styles.list}>
            {shown.map((entry) => (
              <Row key={entry.index} entry={entry} />
            ))}
          </ol>
        )}
      </div>
    </section>
  )
}

// Rows never change once written: only new ones render as the log grows.
const Row = memo(function Row({ entry }: { entry: EventLogEntry }) {
  return (
    <li data-event={entry.name} style={styles.row}>
      <div style={styles.rowHead}>
        <time dateTime={new Date(entry.time).toISOString()} style={styles.time}>
          {clock(entry.time)}
        </time>
        <span style={{ ...styles.name, color: colorOf(entry.name) }}>{entry.name}</span>
        <span style={styles.muted}>#{entry.index + 1}</span>
      </div>
      <pre style={styles.pre}>{JSON.stringify(payloadOf(entry.call), null, 2)}</pre>
    </li>
  )
})

const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'
const styles = {
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    border: '1px solid #e5e7eb',
    borderRadius: 10,
    background: '#fafafa',
    font: '13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif',
    color: '#111827',
    overflow: 'hidden',
  },
  header: { display: 'flex', alignItems: 'center', gap: 8, padding: '10px 12px', borderBottom: '1px solid #e5e7eb', background: '#fff' },
  toolbar: { display: 'flex', alignItems: 'center', gap: 8, padding: '8px 12px 0' },
  input: { flex: 1, minWidth: 0, padding: '5px 8px', border: '1px solid #d1d5db', borderRadius: 6, font: 'inherit' },
  button: { padding: '4px 10px', border: '1px solid #d1d5db', borderRadius: 6, background: '#fff', font: 'inherit', cursor: 'pointer' },
  counts: { display: 'flex', flexWrap: 'wrap', gap: 6, listStyle: 'none', margin: 0, padding: '8px 12px' },
  chip: { padding: '2px 8px', border: '1px solid', borderRadius: 999, font: '12px/1.5 inherit', cursor: 'pointer' },
  scroller: { flex: 1, minHeight: 120, overflowY: 'auto', borderTop: '1px solid #e5e7eb' },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: { padding: '8px 12px', borderBottom: '1px solid #eef0f3' },
  rowHead: { display: 'flex', alignItems: 'baseline', gap: 8 },
  time: { fontFamily: mono, fontSize: 12, color: '#6b7280' },
  name: { fontWeight: 600, flex: 1 },
  pre: {
    margin: '4px 0 0',
    padding: '6px 8px',
    background: '#fff',
    border: '1px solid #eef0f3',
    borderRadius: 6,
    fontFamily: mono,
    fontSize: 12,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  muted: { color: '#6b7280', fontSize: 12 },
} satisfies Record<string, CSSProperties>
