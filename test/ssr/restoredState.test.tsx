// A reload in the same tab (Next.js, Remix, any server rendering): the server renders the empty state
// (it cannot see the browser's sessionStorage), the browser hydrates that HTML while sessionStorage
// holds a started conversation and a rating. Hydration must render exactly what the server did (or
// React reports a recoverable error and throws the server HTML away), then show the stored state.
import { StrictMode, useLayoutEffect } from 'react'
import { renderToString } from 'react-dom/server'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { act } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, useConversation, useFeedback, type AnalyticsClient } from '../../src/entries'
import { CopilotEventLog } from '../../src/entries/devtools'
import { createMemoryAnalytics, resetTrackedKeys } from '../../src/entries/testing'
import { tracks } from '../helpers'

function Chat() {
  const { messageCount, isStarted, isEnded, end } = useConversation()
  const { rating, submit } = useFeedback('m2')
  return (
    <main>
      <TrackedMessage id="m1" role="user" body="Hi" />
      <TrackedMessage id="m2" role="assistant" body="Hello" />
      <button aria-pressed={rating === 1} onClick={() => submit(1)}>
        up
      </button>
      <button disabled={isEnded} onClick={end}>
        {`End chat (${messageCount} messages${isStarted ? ', started' : ''})`}
      </button>
    </main>
  )
}

/** Records the container's HTML at the hydration commit, before any post-hydration update. */
function Probe({ container, seen }: { container: HTMLElement; seen: string[] }) {
  useLayoutEffect(() => {
    if (!seen.length) seen.push(container.innerHTML)
  }, [container, seen])
  return null
}

const App = ({ analytics, probe }: { analytics: AnalyticsClient; probe?: { container: HTMLElement; seen: string[] } }) => (
  <StrictMode>
    <CopilotAnalyticsProvider analytics={analytics} conversationId="c-ssr" userId="u1">
      <Chat />
    </CopilotAnalyticsProvider>
    {probe && <Probe {...probe} />}
  </StrictMode>
)

/** The tab's earlier page: two messages and a thumbs up, written through to sessionStorage. */
async function earlierPageInThisTab() {
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  const analytics = createMemoryAnalytics()
  await act(async () => root.render(<App analytics={analytics} />))
  await act(async () => container.querySelector<HTMLButtonElement>('[aria-pressed]')!.click())
  expect(analytics.calls[0].type).toBe('identify')
  expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Feedback Submitted'])
  act(() => root.unmount())
  container.remove()
  await act(async () => {}) // the key store writes to sessionStorage once per tick
}

/** A reload: the page's memory is gone, the tab's sessionStorage stays. */
async function reload() {
  const saved = Object.entries(sessionStorage)
  expect(saved.length).toBeGreaterThan(0)
  resetTrackedKeys() // forgets the in-memory store (and clears storage, put back below)
  await act(async () => {}) // the cleared store's own write
  for (const [key, value] of saved) sessionStorage.setItem(key, value)
}

afterEach(() => vi.restoreAllMocks())

test('hydrating over stored state renders what the server rendered, then the stored conversation and rating', async () => {
  // The server: no browser state, so a new conversation and no rating.
  const serverHtml = renderToString(<App analytics={createMemoryAnalytics()} />)
  expect(serverHtml).toContain('End chat (0 messages)')
  expect(serverHtml).toContain('aria-pressed="false"')

  await earlierPageInThisTab()
  await reload()

  const container = document.body.appendChild(document.createElement('div'))
  container.innerHTML = serverHtml
  const consoleError = vi.spyOn(console, 'error')
  const onRecoverableError = vi.fn()
  const analytics = createMemoryAnalytics()
  const seen: string[] = []
  let root!: ReturnType<typeof hydrateRoot>
  await act(async () => {
    root = hydrateRoot(container, <App analytics={analytics} probe={{ container, seen }} />, { onRecoverableError })
  })

  expect(onRecoverableError).not.toHaveBeenCalled()
  expect(consoleError).not.toHaveBeenCalled()
  expect(seen[0]).toBe(serverHtml) // the hydration commit kept the server's HTML as it was
  // ...and then showed what this tab stored.
  expect(container.querySelector('[aria-pressed]')!.getAttribute('aria-pressed')).toBe('true')
  expect(container.querySelector('main button:last-child')!.textContent).toBe('End chat (2 messages, started)')
  expect(analytics.calls).toEqual([]) // all of it was sent on the earlier page

  // The restored state is live: ending sends Conversation Ended with the restored count.
  await act(async () => container.querySelector<HTMLButtonElement>('button:last-child')!.click())
  expect(tracks(analytics).map(([event, properties]) => [event, properties.message_count])).toEqual([['Conversation Ended', 2]])
  expect(container.querySelector('button:last-child')!.hasAttribute('disabled')).toBe(true)
  act(() => root.unmount())
  container.remove()
})

test('a rating submitted in one useFeedback shows in every other one for the same message', async () => {
  function Thumb({ label }: { label: string }) {
    const { rating, submit } = useFeedback('m2')
    return <button aria-label={label} aria-pressed={rating === 1} onClick={() => submit(1)} />
  }
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  await act(async () =>
    root.render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={createMemoryAnalytics()} conversationId="c-two">
          <Thumb label="a" />
          <Thumb label="b" />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    ),
  )
  await act(async () => container.querySelector<HTMLButtonElement>('[aria-label=a]')!.click())
  expect([...container.querySelectorAll('button')].map((button) => button.getAttribute('aria-pressed'))).toEqual(['true', 'true'])
  act(() => root.unmount())
  container.remove()
})

test('a server render with a conversationId draws no random value, reads no clock and no storage', () => {
  sessionStorage.setItem('react-copilot-analytics:v1', JSON.stringify([['c:c-ssr', { isStarted: true, isEnded: false, messageCount: 7 }]]))
  // React 18 warns here that useLayoutEffect does nothing on the server: jsdom has a document, a
  // server has not (useIsomorphicLayoutEffect picks useEffect there). Printing it would read the clock.
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const random = vi.spyOn(crypto, 'randomUUID')
  const mathRandom = vi.spyOn(Math, 'random')
  const clock = vi.spyOn(Date, 'now')
  const storageRead = vi.spyOn(Storage.prototype, 'getItem')
  const html = renderToString(<App analytics={createMemoryAnalytics()} />)
  expect(random).not.toHaveBeenCalled()
  expect(mathRandom).not.toHaveBeenCalled()
  expect(clock).not.toHaveBeenCalled()
  expect(storageRead).not.toHaveBeenCalled()
  expect(html).toContain('End chat (0 messages)')
})

test('without a conversationId the browser draws one id for the provider, kept for its life', async () => {
  let ids: string[] = []
  function Id() {
    ids.push(useConversation().conversationId)
    return null
  }
  const random = vi.spyOn(crypto, 'randomUUID')
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  const ui = (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={createMemoryAnalytics()}>
        <Id />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  await act(async () => root.render(ui))
  await act(async () => root.render(ui))
  expect(new Set(ids).size).toBe(1)
  expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
  expect(random.mock.calls.length).toBeLessThanOrEqual(2) // StrictMode may build the first render twice
  ids = []
  act(() => root.unmount())
  container.remove()
})

test('the event log hydrates from an empty server log, then shows what the browser recorded', async () => {
  const serverRecorder = createMemoryAnalytics()
  const clock = vi.spyOn(Date, 'now')
  const serverHtml = renderToString(<CopilotEventLog recorder={serverRecorder} />)
  expect(clock).not.toHaveBeenCalled()
  // In the browser the recorder already holds a call when the log hydrates.
  const recorder = createMemoryAnalytics()
  recorder.track('Conversation Started', { conversation_id: 'c1' })
  const container = document.body.appendChild(document.createElement('div'))
  container.innerHTML = serverHtml
  const consoleError = vi.spyOn(console, 'error')
  const onRecoverableError = vi.fn()
  let root!: ReturnType<typeof hydrateRoot>
  await act(async () => {
    root = hydrateRoot(container, <CopilotEventLog recorder={recorder} />, { onRecoverableError })
  })
  expect(onRecoverableError).not.toHaveBeenCalled()
  expect(consoleError).not.toHaveBeenCalled()
  expect(container.textContent).toContain('Conversation Started')
  act(() => root.unmount())
  container.remove()
})
