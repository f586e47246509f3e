import { useEffect, useMemo, useState, type CSSProperties } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useStream } from '@langchain/langgraph-sdk/react'
import { CopilotAnalyticsProvider } from '../src/entries'
import { useStreamTracking } from '../src/entries/langgraph'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../src/entries/testing'
import { ai, mockLangGraph, tool, type MessageDict, type RunStep } from '../test/langgraph/mockServer'

const meta: Meta = { title: 'Demos/LangGraph useStream' }
export default meta

/** An AI message streamed word by word (`messages-tuple` chunks), then committed to the thread (`values`). */
const words = (id: string, text: string, extra: Partial<MessageDict> = {}): RunStep[] => [
  ...text.split(/(?<= )/).map((content): RunStep => ({ chunk: { id, content } })),
  { commit: [ai(id, text, { response_metadata: { model_name: 'demo-model', model_provider: 'demo', finish_reason: 'stop' }, ...extra })] },
]

/** What the in-page LangGraph server runs, chosen by a word in the human message. */
function script(input: MessageDict[], thread: readonly MessageDict[]): RunStep[] {
  const prompt = String(input.at(-1)?.content ?? '').toLowerCase()
  const id = 'ai-' + thread.length
  if (prompt.includes('weather'))
    return [
      { commit: [ai(id + '-call', '', { tool_calls: [{ id: id + '-tool', name: 'weather', args: { city: 'Oslo' } }] })] },
      { commit: [tool(id + '-result', id + '-tool', '{"temperature":21,"sky":"clear"}')] },
      ...words(id, 'It is 21°C and clear in Oslo right now.', { usage_metadata: { input_tokens: 42, output_tokens: 11, total_tokens: 53 } }),
    ]
  if (prompt.includes('fail')) return [...words(id, 'Let me look that up and').slice(0, -1), { error: { error: 'ModelOverloaded', message: 'The model is overloaded.' } }]
  return words(id, 'Here is a long answer, streamed word by word, so that you can press Stop halfway and see the reply reported once, as aborted. ' + 'It goes on for a while. '.repeat(6))
}

function DemoChat() {
  const server = useMemo(() => mockLangGraph({ runs: script, delayMs: 60 }), [])
  const [threadId, setThreadId] = useState<string | null>(null)
  const stream = useStream({ client: server.client, assistantId: 'agent', threadId, onThreadId: setThreadId })
  useStreamTracking(stream, { threadId })
  const [input, setInput] = useState('What is the weather in Oslo?')
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      {stream.messages.map((message, i) => (
        <div key={message.id ?? i} style={bubble(message.type === 'human')}>
          {message.type === 'tool' ? <code>tool result: {String(message.content)}</code> : <span>{typeof message.content === 'string' ? message.content : ''}</span>}
          {message.type === 'ai' && message.tool_calls?.map((call) => <code key={call.id} style={{ display: 'block' }}>calls {call.name}({JSON.stringify(call.args)})</code>)}
        </div>
      ))}
      <small>
        thread: {threadId ?? '(new)'} · {stream.isLoading ? 'running' : 'idle'}
        {stream.error ? ` (${String((stream.error as Error).message ?? stream.error)})` : ''}
      </small>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (input.trim()) void stream.submit({ messages: [{ type: 'human', content: input }] })
          setInput('')
        }}
        style={{ display: 'flex', gap: 8 }}>
        <input value={input} onChange={(event) => setInput(event.target.value)} style={{ flex: 1 }} aria-label="Message" />
        <button type="submit" disabled={stream.isLoading}>
          Send
        </button>
        <button type="button" onClick={() => void stream.stop()} disabled={!stream.isLoading}>
          Stop
        </button>
        <button type="button" onClick={() => setThreadId(null)}>
          New thread
        </button>
      </form>
      <small>Try: “weather”, “fail”, or anything else (then Stop).</small>
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

/** The calls the recorder received, one a line. */
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
 * `useStream` from `@langchain/langgraph-sdk/react` against a LangGraph server mocked in the page
 * (its SSE run stream, no network), tracked by one line: `useStreamTracking(stream, { threadId })`.
 * A tool loop is one reply: Message Received once, then Action Invoked per tool call.
 */
export const UseStream: StoryObj = {
  render: function Render() {
    const [analytics] = useState(createMemoryAnalytics)
    return (
      <CopilotAnalyticsProvider analytics={analytics} properties={{ assistantId: 'storybook-demo' }} onError={() => {}}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 24, fontFamily: 'sans-serif' }}>
          <DemoChat />
          <Calls analytics={analytics} />
        </div>
      </CopilotAnalyticsProvider>
    )
  },
}
