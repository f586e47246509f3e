import { useEffect, useMemo, useState, type CSSProperties } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useChat } from '@ai-sdk/react'
import type { UIMessage, UIMessageChunk } from 'ai'
import { CopilotAnalyticsProvider } from '../src/entries'
import { useChatTracking } from '../src/entries/ai-sdk'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../src/entries/testing'
import { mockTransport, type Step } from '../test/ai-sdk/mockTransport'

const meta: Meta = { title: 'Demos/Vercel AI SDK chat' }
export default meta

const words = (id: string, text: string): UIMessageChunk[] => [
  { type: 'text-start', id },
  ...text.split(/(?<= )/).map((delta): UIMessageChunk => ({ type: 'text-delta', id, delta })),
  { type: 'text-end', id },
]

const CHART =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect x="10" y="30" width="20" height="30" fill="#4a8"/><rect x="50" y="10" width="20" height="50" fill="#4a8"/><rect x="90" y="20" width="20" height="40" fill="#4a8"/></svg>')

/** What the scripted "server" streams back, chosen by a word in the last user message. */
function script(messages: UIMessage[]): Step[] {
  const last = messages.at(-1)
  const prompt = last?.parts.map((part) => (part.type === 'text' ? part.text : '')).join(' ').toLowerCase() ?? ''
  const id = 'reply-' + messages.length
  const start: Step = { type: 'start', messageId: id }
  if (prompt.includes('weather'))
    return [
      start,
      { type: 'start-step' },
      { type: 'tool-input-start', toolCallId: id + '-tool', toolName: 'weather' },
      { type: 'tool-input-available', toolCallId: id + '-tool', toolName: 'weather', input: { city: 'Oslo' } },
      { type: 'tool-output-available', toolCallId: id + '-tool', output: { temperature: 21, sky: 'clear' } },
      { type: 'finish-step' },
      { type: 'start-step' },
      ...words(id, 'It is 21°C and clear in Oslo right now.'),
      { type: 'finish-step' },
      { type: 'finish' },
    ]
  if (prompt.includes('chart'))
    return [start, ...words(id, 'Here is the chart you asked for:'), { type: 'file', url: CHART, mediaType: 'image/svg+xml' }, { type: 'finish' }]
  if (prompt.includes('fail')) return [start, ...words(id, 'Let me look that up and'), { type: 'error', errorText: 'The model is overloaded.' }]
  return [
    start,
    ...words(id, 'Here is a long answer, streamed word by word, so that you can press Stop halfway and see the reply reported once, as aborted. ' + 'It goes on for a while. '.repeat(6)),
    { type: 'finish' },
  ]
}

function DemoChat() {
  const transport = useMemo(() => mockTransport(script, { delayMs: 60 }), [])
  const chat = useChat({ transport, onError: () => {} })
  useChatTracking(chat)
  const [input, setInput] = useState('What is the weather in Oslo?')
  const busy = chat.status === 'submitted' || chat.status === 'streaming'
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      {chat.messages.map((message) => (
        <div key={message.id} style={bubble(message.role === 'user')}>
          {message.parts.map((part, i) =>
            part.type === 'text' ? (
              <span key={i}>{part.text}</span>
            ) : part.type === 'file' ? (
              <img key={i} src={part.url} alt="generated file" />
            ) : part.type.startsWith('tool-') && 'state' in part ? (
              <code key={i} style={{ display: 'block' }}>
                {part.type.slice(5)}: {part.state}
              </code>
            ) : null,
          )}
        </div>
      ))}
      <small>status: {chat.status}{chat.error ? ` (${chat.error.message})` : ''}</small>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (input.trim()) void chat.sendMessage({ text: input })
          setInput('')
        }}
        style={{ display: 'flex', gap: 8 }}>
        <input value={input} onChange={(event) => setInput(event.target.value)} style={{ flex: 1 }} aria-label="Message" />
        <button type="submit" disabled={busy}>
          Send
        </button>
        <button type="button" onClick={() => void chat.stop()} disabled={!busy}>
          Stop
        </button>
      </form>
      <small>Try: “weather”, “chart”, “fail”, or anything else (then Stop).</small>
    </div>
  )
}

const bubble = (mine: boolean): CSSProperties => ({
  justifySelf: mine ? 'end' : 'start',
  maxWidth: '75%',
  padding: '6px 10px',
  borderRadius: 8,
  background: mine ? '#dbeafe' : '#f3f4f6',
})

/** The calls the recorder received; stands in until the devtools event log is wired into every story. */
function Calls({ analytics }: { analytics: MemoryAnalytics }) {
  const [calls, setCalls] = useState<MemoryCall[]>([...analytics.calls])
  useEffect(() => {
    const unsubscribe = analytics.subscribe(() => setCalls([...analytics.calls]))
    return () => void unsubscribe()
  }, [analytics])
  return (
    <pre style={{ fontSize: 12, maxHeight: 480, overflow: 'auto' }}>
      {calls.map((call) => (call.type === 'track' ? call.event : 'Identify') + ' ' + JSON.stringify(call.type === 'track' ? call.properties : call) + '\n')}
    </pre>
  )
}

/**
 * `useChat` from `@ai-sdk/react` on a scripted transport (no network), tracked by one line:
 * `useChatTracking(chat)`. Message Received carries `reply_status`, `time_to_first_token_ms` and
 * `response_time_ms`.
 */
export const UseChat: StoryObj = {
  render: function Render() {
    const [analytics] = useState(createMemoryAnalytics)
    return (
      <CopilotAnalyticsProvider analytics={analytics} properties={{ assistantId: 'storybook-demo' }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 24, fontFamily: 'sans-serif' }}>
          <DemoChat />
          <Calls analytics={analytics} />
        </div>
      </CopilotAnalyticsProvider>
    )
  },
}
