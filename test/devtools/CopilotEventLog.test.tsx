import { StrictMode } from 'react'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, useFeedback } from '../../src'
import { CopilotEventLog, createMemoryAnalytics, type MemoryAnalytics } from '../../src/devtools'

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
