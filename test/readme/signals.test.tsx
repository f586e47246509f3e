import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { StrictMode } from 'react'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, MESSAGE_ACTION_EVENTS, segmentCopilot, useMessageActions, withCost } from '../../src/entries'
import { createMemoryAnalytics, specSchemas, type MemoryAnalytics } from '../../src/entries/testing'
import { AiSdkChat, CostedChat, HandRenderedReply, POST, ReplyActions, Thumbs } from './signals.examples'
import { analytics as exampleAnalytics } from './analytics'

afterEach(async () => {
  vi.unstubAllGlobals()
  exampleAnalytics.clear()
  await new Promise((resolve) => setTimeout(resolve, 0))
})

// Vitest runs from the repository's root.
const doc = readFileSync(join(process.cwd(), 'docs/llm-signals.md'), 'utf8')

/** The rows of the first table under a heading, as arrays of cells. */
function table(heading: string): string[][] {
  const section = doc.slice(doc.indexOf('\n' + heading + '\n'))
  const lines = section.split('\n').filter((line) => line.startsWith('|'))
  const rows: string[][] = []
  for (const line of lines.slice(2)) {
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()))
    if (!section.slice(section.indexOf(line) + line.length + 1).startsWith('|')) break
  }
  return rows
}
const names = (cell: string) => [...cell.matchAll(/`([\w$]+)`/g)].map((match) => match[1])
const lastCall = (analytics: MemoryAnalytics, event: string) =>
  (analytics.calls.filter((call) => call.type === 'track' && call.event === event).at(-1) as { properties: Record<string, unknown> } | undefined)?.properties

/** Every signal, produced by the documented examples, in one recorder. */
async function everySignal() {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => POST(new Request(new URL(url, 'http://localhost'), { ...init, headers: { ...init.headers, 'x-trace-id': 'trace-7' } })))
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => {} } })
  const regenerated = vi.fn()
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c-signals" spec={withCost(segmentCopilot, { 'gpt-5.1': { input: 1.25, output: 10 } })} onError={(e) => errors.push(e.code)}>
        <AiSdkChat />
        <Thumbs messageId="a-hand" />
        <ReplyActions reply={{ id: 'a-hand', text: 'Twelve left.' }} onRegenerate={regenerated} />
        <EditButton />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  fireEvent.click(screen.getByText('ask'))
  await waitFor(() => expect(analytics.events()).toContain('Message Received'))
  fireEvent.click(screen.getByText('👎'))
  fireEvent.click(screen.getByText('Copy'))
  fireEvent.click(screen.getByText('Copy'))
  fireEvent.click(screen.getByText('Regenerate'))
  fireEvent.click(screen.getByText('edit'))
  return { analytics, errors, regenerated }
}

function EditButton() {
  const { edit } = useMessageActions('u-hand')
  return <button onClick={() => edit()}>edit</button>
}

describe('docs/llm-signals.md, run as written', () => {
  test('the AI SDK route attaches the metadata, useChatTracking sends it, withCost adds cost_usd; feedback, copy twice, regenerate, edit', async () => {
    const { analytics, errors, regenerated } = await everySignal()
    expect(lastCall(analytics, 'Message Received')).toMatchObject({
      model: 'gpt-5.1',
      provider: 'openai',
      trace_id: 'trace-7',
      input_tokens: 1200,
      output_tokens: 300,
      total_tokens: 1500,
      finish_reason: 'stop',
      cost_usd: 0.0045,
      message_body: 'Twelve left.',
    })
    expect(lastCall(analytics, 'Feedback Submitted')).toEqual({ conversationId: 'c-signals', messageId: 'a-hand', rating: 0, reason: 'inaccurate', comment: 'The date is wrong' })
    expect(analytics.events().slice(-5)).toEqual(['Feedback Submitted', 'Message Copied', 'Message Copied', 'Reply Regenerated', 'Message Edited'])
    expect(regenerated).toHaveBeenCalledTimes(1)
    expect(errors).toEqual([])
  })

  test('the table of signals names each event and property byte for byte as they are sent and as the schemas declare them', async () => {
    const { analytics } = await everySignal()
    const rows = table('## The signals')
    expect(rows.map(([signal]) => signal)).toEqual(['reply metadata', 'reply cost', 'feedback with a reason and a comment', 'copy', 'regenerate', 'edit'])
    for (const [signal, event, properties] of rows) {
      const sent = lastCall(analytics, event)
      expect(sent, `${signal}: no "${event}" was sent`).toBeDefined()
      const schema = specSchemas['segment-ai-copilot'].events[event] as { properties: Record<string, unknown> }
      expect(schema, `${event} has no schema`).toBeDefined()
      for (const name of names(properties)) {
        expect(sent, `${signal}: "${event}" lacks "${name}"`).toHaveProperty([name])
        expect(Object.keys(schema.properties), `${event}'s schema lacks "${name}"`).toContain(name)
      }
    }
    // The other way round: what the tracker adds beyond the Segment spec's own names is in the table.
    const spec = ['conversationId', 'messageId', 'message_body', 'role', 'rating', 'reply_status', 'time_to_first_token_ms', 'response_time_ms']
    const documented = rows.flatMap(([, , properties]) => names(properties))
    for (const call of analytics.calls) if (call.type === 'track') for (const key of Object.keys(call.properties)) if (!spec.includes(key)) expect(documented).toContain(key)
    expect(rows.slice(3).map(([, event]) => event)).toEqual(Object.values(MESSAGE_ACTION_EVENTS))
  })

  test('the reply metadata table lists the metadata fields the schema declares on Message Received', () => {
    const fields = table('## Reply metadata').map(([property]) => names(property)[0])
    expect(fields).toEqual(['model', 'provider', 'input_tokens', 'output_tokens', 'total_tokens', 'finish_reason', 'trace_id'])
    const schema = specSchemas['segment-ai-copilot'].events['Message Received'] as { properties: Record<string, unknown> }
    for (const field of [...fields, 'cost_usd']) expect(Object.keys(schema.properties)).toContain(field)
  })

  test('a hand-rendered reply with metadata: the known figures sent, the unknown absent', () => {
    render(
      <StrictMode>
        <CostedChat />
        <CopilotAnalyticsProvider analytics={exampleAnalytics} conversationId="c-hand">
          <HandRenderedReply reply={{ id: 'r1', text: 'Hi', done: true, model: 'gpt-5.1', traceId: 't-1' }} />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    expect(exampleAnalytics.calls).toEqual([
      { type: 'track', event: 'Message Received', properties: { conversationId: 'c-hand', messageId: 'r1', message_body: 'Hi', role: 'agent', model: 'gpt-5.1', trace_id: 't-1' } },
    ])
  })
})

test('the route alone streams the metadata chunks a browser merges into message.metadata', async () => {
  const response = await POST(new Request('http://localhost/api/chat', { method: 'POST', body: JSON.stringify({ messages: [{ id: 'u', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }] }) }))
  const text = await act(() => response.text())
  const chunks = text.split('\n').filter((line) => line.startsWith('data: {')).map((line) => JSON.parse(line.slice(6)))
  expect(chunks.find((chunk) => chunk.type === 'start').messageMetadata).toEqual({ model: 'gpt-5.1', provider: 'openai' })
  expect(chunks.find((chunk) => chunk.type === 'finish').messageMetadata).toEqual({ input_tokens: 1200, output_tokens: 300, total_tokens: 1500, finish_reason: 'stop' })
})
