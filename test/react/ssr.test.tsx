// @vitest-environment node
import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import { expect, test, vi } from 'vitest'

// Server rendering: no window, document or storage exists here, so any access at import or render
// time would throw a ReferenceError; the client must receive nothing and onError must stay silent.
test('rendering a tracked chat on the server sends nothing and throws nothing', async () => {
  expect(typeof window).toBe('undefined')
  expect(typeof document).toBe('undefined')
  expect(typeof sessionStorage).toBe('undefined')
  const { CopilotAnalyticsProvider, TrackedMessage, TrackedComponent, useConversation, useFeedback, redactPII } = await import('../../src/entries')
  const { createMemoryAnalytics } = await import('../../src/entries/testing')
  const analytics = createMemoryAnalytics()
  const onError = vi.fn()
  const consent = vi.fn(() => true)
  function Footer() {
    const { messageCount, isStarted } = useConversation()
    const { rating } = useFeedback('m2')
    return <footer>{`${messageCount} ${isStarted} ${rating ?? 'unrated'}`}</footer>
  }
  const html = renderToString(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="ssr-1" userId="u1" endOnUnmount endOnPageHide onError={onError} privacy={{ redact: redactPII }} consent={consent}>
        <TrackedMessage id="m1" role="user" body="Hi, I am a@b.co" />
        <TrackedMessage id="m2" role="assistant" body={<b>Hello</b>} />
        <TrackedComponent type="Chart" messageId="m2">
          <svg />
        </TrackedComponent>
        <Footer />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  expect(html).toContain('Hi, I am a@b.co')
  expect(html).toContain('<footer>0 false unrated</footer>')
  expect(analytics.calls).toEqual([])
  expect(onError).not.toHaveBeenCalled()
  expect(consent).not.toHaveBeenCalled() // a CMP check that reads window must not run on the server
})

test('a provider without an analytics client renders on the server too', async () => {
  const { CopilotAnalyticsProvider, TrackedMessage } = await import('../../src/entries')
  expect(renderToString(<CopilotAnalyticsProvider><TrackedMessage id="m1" role="user" body="x" /></CopilotAnalyticsProvider>)).toBe('<div>x</div>')
})
