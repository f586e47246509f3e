import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import { hydrateRoot } from 'react-dom/client'
import { act } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, TrackedComponent, TrackedMessage, useConversation, type AnalyticsClient } from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'

function Footer() {
  const { messageCount } = useConversation()
  return <footer>{messageCount}</footer>
}
const App = ({ analytics }: { analytics: AnalyticsClient }) => (
  <StrictMode>
    <CopilotAnalyticsProvider analytics={analytics} conversationId="h1" userId="u1">
      <TrackedMessage id="m1" role="user" body="Hi" />
      <TrackedMessage id="m2" role="assistant" body={<em>Hello</em>} />
      <TrackedComponent type="Chart" messageId="m2">
        <svg />
      </TrackedComponent>
      <Footer />
    </CopilotAnalyticsProvider>
  </StrictMode>
)

test('server HTML sends nothing; hydrating it in the browser sends each event once, in order', async () => {
  const server = createMemoryAnalytics()
  const html = renderToString(<App analytics={server} />)
  expect(server.calls).toEqual([])

  const container = document.createElement('div')
  container.innerHTML = html
  document.body.appendChild(container)
  const consoleError = vi.spyOn(console, 'error')
  const client = createMemoryAnalytics()
  let root!: ReturnType<typeof hydrateRoot>
  await act(async () => {
    root = hydrateRoot(container, <App analytics={client} />)
  })
  expect(consoleError).not.toHaveBeenCalled() // no hydration mismatch
  expect(client.calls.map((c) => (c.type === 'track' ? c.event : 'Identify'))).toEqual([
    'Identify',
    'Conversation Started',
    'Message Sent',
    'Message Received',
    'Component Loaded',
  ])
  expect(container.querySelector('footer')!.textContent).toBe('2')
  await act(async () => root.render(<App analytics={client} />))
  expect(client.calls).toHaveLength(5)
  act(() => root.unmount())
  container.remove()
  consoleError.mockRestore()
})
