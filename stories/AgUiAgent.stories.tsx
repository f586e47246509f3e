import { useEffect, useState, type CSSProperties } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { Message, RunAgentInput } from '@ag-ui/client'
import { CopilotAnalyticsProvider } from '../src/entries'
import { useAgentTracking } from '../src/entries/ag-ui'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../src/entries/testing'
import { ScriptedAgent, finished, runError, started, text, toolCall, toolResult, type Step } from '../test/ag-ui/scriptedAgent'

const meta: Meta = { title: 'Demos/AG-UI agent (CopilotKit)' }
export default meta

const words = (messageId: string, sentence: string) => text(messageId, ...sentence.split(/(?<= )/))

/** What the scripted agent streams back, chosen by a word in the last user message. */
function script(input: RunAgentInput): Step[] {
  const last = input.messages.at(-1)
  const prompt = (typeof last?.content === 'string' ? last.content : '').toLowerCase()
  const id = 'reply-' + input.messages.length
  if (prompt.includes('weather'))
    return [
      started,
      ...toolCall(id + '-call', 'get_weather', id),
      toolResult(id + '-call', id + '-result', '{"temperature":21,"sky":"clear"}'),
      ...words(id + '-text', 'It is 21°C and clear in Oslo right now.'),
      finished({ usage: [{ provider: 'openai', model: 'gpt-5.1', inputTokens: 120, outputTokens: 14, totalTokens: 134 }] }),
    ]
  if (prompt.includes('fail')) return [started, ...words(id, 'Let me look that up and').slice(0, -1), runError('The model is overloaded.')]
  return [
    started,
    ...words(id, 'Here is a long answer, streamed word by word, so that you can press Stop halfway and see the reply reported once, as aborted. ' + 'It goes on for a while. '.repeat(6)),
    finished(),
  ]
}

/** The agent's messages and whether it runs, as React state. */
function useAgentState(agent: ScriptedAgent) {
  const [state, setState] = useState(() => ({ messages: agent.messages, running: agent.isRunning, error: '' }))
  useEffect(() => {
    const { unsubscribe } = agent.subscribe({
      onMessagesChanged: ({ messages }) => setState((s) => ({ ...s, messages: messages as Message[] })),
      onRunInitialized: () => setState((s) => ({ ...s, running: true, error: '' })),
      onRunErrorEvent: ({ event }) => setState((s) => ({ ...s, error: event.message })),
      onRunFinalized: () => setState((s) => ({ ...s, running: false })),
    })
    return unsubscribe
  }, [agent])
  return state
}

function DemoChat() {
  const [agent] = useState(() => new ScriptedAgent(script, { delayMs: 60 }))
  useAgentTracking(agent)
  const { messages, running, error } = useAgentState(agent)
  const [input, setInput] = useState('What is the weather in Oslo?')
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      {messages.map((message) =>
        message.role === 'user' || message.role === 'assistant' ? (
          <div key={message.id} style={bubble(message.role === 'user')}>
            {typeof message.content === 'string' ? message.content : null}
            {message.role === 'assistant' &&
              message.toolCalls?.map((call) => (
                <code key={call.id} style={{ display: 'block' }}>
                  {call.function.name}({call.function.arguments})
                </code>
              ))}
          </div>
        ) : message.role === 'tool' ? (
          <code key={message.id} style={{ fontSize: 12 }}>
            → {typeof message.content === 'string' ? message.content : ''}
          </code>
        ) : null,
      )}
      <small>
        {running ? 'running' : 'idle'}
        {error ? ` (${error})` : ''}
      </small>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (!input.trim()) return
          agent.addMessage({ id: 'user-' + agent.messages.length, role: 'user', content: input })
          agent.runAgent().catch(() => {})
          setInput('')
        }}
        style={{ display: 'flex', gap: 8 }}>
        <input value={input} onChange={(event) => setInput(event.target.value)} style={{ flex: 1 }} aria-label="Message" />
        <button type="submit" disabled={running}>
          Send
        </button>
        <button type="button" onClick={() => agent.abortRun()} disabled={!running}>
          Stop
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

/** The calls the recorder received, as they come. */
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
 * A local AG-UI agent (a real `AbstractAgent` of `@ag-ui/client` playing scripted events: no
 * network, no key), tracked by one line: `useAgentTracking(agent)`. With CopilotKit, the agent is
 * the one `useAgent()` returns. The run's events: RUN_STARTED, TOOL_CALL_*, TEXT_MESSAGE_*,
 * RUN_FINISHED (or RUN_ERROR), and Stop calls `agent.abortRun()`.
 */
export const Agent: StoryObj = {
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
