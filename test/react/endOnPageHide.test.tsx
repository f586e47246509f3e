import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import { expect, test } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage } from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'

// The real-browser proof (analytics-next loses what is tracked in pagehide) is in test/e2e.
function setup(endOnPageHide = true) {
  const analytics = createMemoryAnalytics()
  const view = render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c-hide" endOnPageHide={endOnPageHide}>
        <TrackedMessage id="m1" role="user" body="Hi" />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  return { analytics, view }
}
const ended = (analytics: ReturnType<typeof createMemoryAnalytics>) => analytics.events().filter((e) => e === 'Conversation Ended').length

test('endOnPageHide ends at beforeunload, once, even when pagehide follows', () => {
  const { analytics } = setup()
  dispatchEvent(new Event('beforeunload'))
  // Already sent: with analytics-next, pagehide would be too late for it to leave the page.
  expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Conversation Ended'])
  dispatchEvent(new Event('pagehide'))
  expect(ended(analytics)).toBe(1)
  expect(analytics.calls.at(-1)).toMatchObject({ properties: { conversationId: 'c-hide', message_count: 1 } })
})

test('endOnPageHide ends at pagehide when no beforeunload came (e.g. iOS Safari)', () => {
  const { analytics } = setup()
  dispatchEvent(new Event('pagehide'))
  expect(ended(analytics)).toBe(1)
})

test('a tab switch (visibilitychange) does not end the conversation', () => {
  const { analytics } = setup()
  document.dispatchEvent(new Event('visibilitychange'))
  expect(ended(analytics)).toBe(0)
})

test('without endOnPageHide, or after the provider unmounted, page hide sends nothing', () => {
  const off = setup(false)
  dispatchEvent(new Event('beforeunload'))
  expect(ended(off.analytics)).toBe(0)
  off.view.unmount()
  const on = setup()
  on.view.unmount()
  dispatchEvent(new Event('beforeunload'))
  dispatchEvent(new Event('pagehide'))
  expect(ended(on.analytics)).toBe(0)
})
