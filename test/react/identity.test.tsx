import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import { expect, test } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage } from '../../src/entries'
import { createMemoryAnalytics, type MemoryAnalytics } from '../../src/entries/testing'

// Issue 12, defect 11: Identify before a client's first track call, and again whenever the identity
// that client holds changes; never twice in a row for the same identity.
const label = (analytics: MemoryAnalytics) =>
  analytics.calls.map((c) => (c.type === 'identify' ? `Identify ${c.userId ?? c.anonymousId}` : `${c.event} ${c.properties.messageId ?? ''}`.trim()))

const App = ({ analytics, userId, ids }: { analytics: MemoryAnalytics; userId?: string; ids: string[] }) => (
  <StrictMode>
    <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId={userId} anonymousId="anon-7">
      {ids.map((id) => (
        <TrackedMessage key={id} id={id} role="user" body={id} />
      ))}
    </CopilotAnalyticsProvider>
  </StrictMode>
)

test('u1 -> u2 -> u1 identifies u1 again, so later events are not attributed to u2', () => {
  const analytics = createMemoryAnalytics()
  const { rerender } = render(<App analytics={analytics} userId="u1" ids={['m1']} />)
  rerender(<App analytics={analytics} userId="u2" ids={['m1', 'm2']} />)
  rerender(<App analytics={analytics} userId="u1" ids={['m1', 'm2', 'm3']} />)
  rerender(<App analytics={analytics} userId="u1" ids={['m1', 'm2', 'm3', 'm4']} />)
  expect(label(analytics)).toEqual([
    'Identify u1',
    'Conversation Started',
    'Message Sent m1',
    'Identify u2',
    'Message Sent m2',
    'Identify u1',
    'Message Sent m3',
    'Message Sent m4',
  ])
})

test('a client swapped mid-conversation gets Identify before its first track call', () => {
  const first = createMemoryAnalytics()
  const second = createMemoryAnalytics()
  const { rerender } = render(<App analytics={first} userId="u1" ids={['m1']} />)
  rerender(<App analytics={second} userId="u1" ids={['m1', 'm2']} />)
  rerender(<App analytics={first} userId="u1" ids={['m1', 'm2', 'm3']} />)
  expect(label(first)).toEqual(['Identify u1', 'Conversation Started', 'Message Sent m1', 'Message Sent m3'])
  expect(label(second)).toEqual(['Identify u1', 'Message Sent m2'])
})

test('a provider remounted with the same client does not identify it again', () => {
  const analytics = createMemoryAnalytics()
  const view = render(<App analytics={analytics} userId="u1" ids={['m1']} />)
  view.unmount()
  render(<App analytics={analytics} userId="u1" ids={['m1', 'm2']} />)
  expect(label(analytics)).toEqual(['Identify u1', 'Conversation Started', 'Message Sent m1', 'Message Sent m2'])
})
