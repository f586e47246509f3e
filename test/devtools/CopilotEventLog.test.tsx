import { StrictMode, useEffect } from 'react'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import {
  CopilotAnalyticsProvider,
  TrackedComponent,
  TrackedMessage,
  screebCopilot,
  segmentCopilot,
  segmentCopilotLegacy,
  segmentLiveChat,
  useActionTracking,
  useConversation,
  useCopilotAnalytics,
  useFeedback,
  useMediaTracking,
  watsonxAssistant,
  type CopilotSpec,
} from '../../src/entries'
import { CopilotEventLog, createMemoryAnalytics, type MemoryAnalytics } from '../../src/entries/devtools'

afterEach(() => vi.restoreAllMocks())

function Rate({ rating }: { rating: number }) {
  const { submit } = useFeedback('m2')
  return <button onClick={() => submit(rating)}>rate {rating}</button>
}

function App({ recorder, messages = 2 }: { recorder: MemoryAnalytics; messages?: number }) {
  return (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={recorder} conversationId="c1" userId="u1" traits={{ plan: 'pro' }}>
        <TrackedMessage id="m1" role="user" body="Hi" />
        {messages > 1 && <TrackedMessage id="m2" role="assistant" body="Hello there" />}
        <Rate rating={5} />
        <Rate rating={2} />
      </CopilotAnalyticsProvider>
      <CopilotEventLog recorder={recorder} />
    </StrictMode>
  )
}

const rows = () => within(screen.getByRole('log', { name: 'Recorded calls' })).queryAllByRole('listitem')
const names = () => rows().map((row) => row.getAttribute('data-event'))

test('shows every call the client received, in order, with its time and its properties as JSON', () => {
  vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 21, 9, 30, 15, 42))
  const recorder = createMemoryAnalytics()
  render(<App recorder={recorder} />)
  expect(names()).toEqual(['Identify', 'Conversation Started', 'Message Sent', 'Message Received'])
  const received = rows()[3]
  expect(JSON.parse(received.querySelector('pre')!.textContent!)).toEqual({ conversationId: 'c1', messageId: 'm2', message_body: 'Hello there', role: 'agent' })
  expect(received.querySelector('time')!.getAttribute('dateTime')).toBe('2026-11-21T09:30:15.042Z')
  expect(received.querySelector('time')!.textContent).toMatch(/^\d\d:30:15\.042$/)
  expect(JSON.parse(rows()[0].querySelector('pre')!.textContent!)).toEqual({ userId: 'u1', traits: { plan: 'pro' } })
  expect(screen.getByTestId('event-log-count').textContent).toBe('4 calls')
})

test('new calls appear as they are sent, stamped when they arrive; the recorded shape is untouched', () => {
  const now = vi.spyOn(Date, 'now').mockReturnValue(1_000)
  const recorder = createMemoryAnalytics()
  render(<App recorder={recorder} />)
  now.mockReturnValue(61_000)
  fireEvent.click(screen.getByText('rate 5'))
  expect(names().at(-1)).toBe('Feedback Submitted')
  expect(rows().map((row) => row.querySelector('time')!.getAttribute('dateTime'))).toEqual([
    ...Array(4).fill(new Date(1_000).toISOString()),
    new Date(61_000).toISOString(),
  ])
  // The public contract of the recorder's calls: the log adds nothing to them.
  expect(recorder.calls.at(-1)).toEqual({ type: 'track', event: 'Feedback Submitted', properties: { conversationId: 'c1', messageId: 'm2', rating: 5 } })
  expect(Object.keys(recorder.calls[1]).sort()).toEqual(['event', 'properties', 'type'])
})

test('filters by event name, from the box (case-insensitive, partial) or a count chip', () => {
  const recorder = createMemoryAnalytics()
  render(<App recorder={recorder} />)
  fireEvent.click(screen.getByText('rate 5'))
  fireEvent.click(screen.getByText('rate 2'))
  const counts = within(screen.getByRole('list', { name: 'Event counts' }))
  expect(counts.getAllByRole('button').map((b) => b.textContent)).toEqual([
    'Identify 1',
    'Conversation Started 1',
    'Message Sent 1',
    'Message Received 1',
    'Feedback Submitted 2',
  ])

  fireEvent.change(screen.getByLabelText('Filter by event name'), { target: { value: 'message' } })
  expect(names()).toEqual(['Message Sent', 'Message Received'])
  expect(screen.getByTestId('event-log-count').textContent).toBe('2 of 6 calls')

  fireEvent.click(counts.getByText(/Feedback Submitted/))
  expect(names()).toEqual(['Feedback Submitted', 'Feedback Submitted'])
  expect(counts.getByText(/Feedback Submitted/).closest('button')!.getAttribute('aria-pressed')).toBe('true')
  fireEvent.click(counts.getByText(/Feedback Submitted/))
  expect(names()).toHaveLength(6)

  fireEvent.change(screen.getByLabelText('Filter by event name'), { target: { value: 'nothing like it' } })
  expect(rows()).toHaveLength(0)
  expect(screen.getByText('No event matches the filter.')).toBeTruthy()
})

test('Clear empties the recorder and the log; later calls show again', () => {
  const recorder = createMemoryAnalytics()
  render(<App recorder={recorder} />)
  fireEvent.click(screen.getByText('Clear'))
  expect(recorder.calls).toEqual([])
  expect(rows()).toHaveLength(0)
  expect(screen.getByText(/No calls yet/)).toBeTruthy()
  fireEvent.click(screen.getByText('rate 2'))
  expect(names()).toEqual(['Feedback Submitted'])
  expect(rows()[0].textContent).toContain('#1')
})

test('Copy JSON copies the shown calls in the recorder shape', async () => {
  const writeText = vi.fn(async (_text: string) => {})
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
  const recorder = createMemoryAnalytics()
  render(<App recorder={recorder} />)
  fireEvent.change(screen.getByLabelText('Filter by event name'), { target: { value: 'Message' } })
  await act(async () => fireEvent.click(screen.getByText('Copy JSON')))
  expect(JSON.parse(writeText.mock.calls[0][0])).toEqual(recorder.calls.slice(2, 4))
  expect(screen.getByRole('status').textContent).toBe('Copied 2 calls')
  vi.unstubAllGlobals()
})

test('Copy JSON without a clipboard API falls back, and says so when that fails too', async () => {
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: () => Promise.reject(new Error('denied')) } })
  const execCommand = vi.fn((_command: string) => false)
  Object.assign(document, { execCommand })
  const recorder = createMemoryAnalytics()
  render(<App recorder={recorder} />)
  await act(async () => fireEvent.click(screen.getByText('Copy JSON')))
  expect(execCommand).toHaveBeenCalledWith('copy')
  expect(screen.getByRole('status').textContent).toBe('Copy failed')
  expect(document.querySelector('textarea')).toBeNull()
  execCommand.mockReturnValue(true)
  await act(async () => fireEvent.click(screen.getByText('Copy JSON')))
  expect(screen.getByRole('status').textContent).toBe('Copied 4 calls')
  vi.unstubAllGlobals()
})

test('two logs on one recorder agree, and a log mounted later keeps the first times', () => {
  const now = vi.spyOn(Date, 'now').mockReturnValue(5_000)
  const recorder = createMemoryAnalytics()
  const { rerender } = render(<App recorder={recorder} />)
  now.mockReturnValue(9_000)
  rerender(
    <>
      <App recorder={recorder} />
      <CopilotEventLog recorder={recorder} title="Second" />
    </>,
  )
  const second = within(screen.getByRole('region', { name: 'Second' }))
  expect(second.getAllByRole('listitem').filter((li) => li.hasAttribute('data-event')).map((li) => li.querySelector('time')!.getAttribute('dateTime'))).toEqual(
    Array(4).fill(new Date(5_000).toISOString()),
  )
})

/** Sends one event of every kind a vocabulary can name, once, as the chat would. */
function EveryKind() {
  const { submit } = useFeedback('m2', { scale: 5 })
  const actions = useActionTracking()
  const media = useMediaTracking()
  const { trackConversion, track } = useCopilotAnalytics()
  const { end } = useConversation()
  // Once per mount (twice under StrictMode): the hooks read the provider's latest state when called.
  useEffect(() => {
    submit(5)
    actions.start({ type: 'tool', action: 'lookup', messageId: 'm2', id: 'a1' }).complete()
    media.track({ type: 'image', subType: 'png', messageId: 'm2', id: 'img1' })
    trackConversion('Plan Upgraded')
    track('Custom Thing')
    end()
  }, []) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <TrackedComponent type="Chart" messageId="m2">
      chart
    </TrackedComponent>
  )
}

const VOCABULARIES = { segmentCopilot, segmentCopilotLegacy, segmentLiveChat, watsonxAssistant, screebCopilot }

test.each(Object.entries(VOCABULARIES))("colours every %s event by its kind, as the Segment Copilot event of that kind", (_, spec) => {
  const reference = createMemoryAnalytics()
  const recorder = createMemoryAnalytics()
  const chat = (analytics: MemoryAnalytics, vocabulary: CopilotSpec, conversationId: string) => (
    <CopilotAnalyticsProvider analytics={analytics} spec={vocabulary} conversationId={conversationId} userId="u1">
      <TrackedMessage id="m1" role="user" body="Hi" />
      <TrackedMessage id="m2" role="assistant" body="Hello there" />
      <EveryKind />
    </CopilotAnalyticsProvider>
  )
  render(
    <StrictMode>
      {chat(reference, segmentCopilot, 'reference')}
      {chat(recorder, spec, 'c1')}
      <CopilotEventLog recorder={reference} title="reference" />
      <CopilotEventLog recorder={recorder} title="vocabulary" />
    </StrictMode>,
  )
  const colorsIn = (title: string) => {
    const log = within(screen.getByRole('region', { name: title })).getByRole('log', { name: 'Recorded calls' })
    return new Map(within(log).getAllByRole('listitem').map((row) => [row.getAttribute('data-event')!, (row.querySelector('span') as HTMLElement).style.color]))
  }
  const segment = colorsIn('reference')
  const custom = segment.get('Custom Thing')
  // What each vocabulary's events are, in the Segment Copilot spec's words.
  const kindOf: Record<string, string> = {
    'Tool Invoked': 'Action Invoked',
    'Live Chat Conversation Started': 'Conversation Started',
    'Live Chat Conversation Ended': 'Conversation Ended',
    'Live Chat Message Sent': 'Message Sent',
    'Live Chat Message Received': 'Message Received',
    'Session Started': 'Conversation Started',
    'Message Handled': 'Message Received',
    'Action Started': 'Action Invoked',
    'Action Completed': 'Action Invoked',
    screeb_copilot_user_prompt: 'Message Sent',
    screeb_copilot_response: 'Message Received',
    screeb_copilot_satisfaction: 'Feedback Submitted',
  }
  const shown = colorsIn('vocabulary')
  expect(shown.size).toBeGreaterThan(3)
  for (const [name, color] of shown) {
    if (name === 'Custom Thing' || name === 'Plan Upgraded') continue
    expect(color, `${name} has no colour of its own`).not.toBe(custom)
    if (name === 'screeb_copilot_conversion') continue
    expect(color, `${name} is coloured unlike ${kindOf[name] ?? name}`).toBe(segment.get(kindOf[name] ?? name))
  }
  if (spec === screebCopilot) expect(shown.get('screeb_copilot_conversion')).not.toBe(custom)
})
