// The delivery test page: the packed library (imported by its package name, as users do) around a
// scripted chat, reporting through the real AnalyticsBrowser to the local collector. Playwright
// drives it through `window.chat`; the query string configures it:
//   apiHost=127.0.0.1:PORT/v1  conversationId=c1  userId=u1  strategy=batching|standard
//   endOnPageHide=1  endOnUnmount=1  loadDelay=ms (calls made before AnalyticsBrowser loads)
//   dedupe=<namespace> deterministic messageIds scoped to it; dedupe=writeKey: scoped to the client's write key
// Plain JSX rather than TSX: it is built only from the packed tarball, never type-checked against src/.
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { flushSync } from 'react-dom'
import { AnalyticsBrowser } from '@segment/analytics-next'
import {
  CopilotAnalyticsProvider,
  TrackedComponent,
  TrackedMessage,
  useActionTracking,
  useConversation,
  useFeedback,
  useMediaTracking,
} from 'react-copilot-analytics'
import { deterministicMessageIds } from 'react-copilot-analytics/dedupe'

const query = new URLSearchParams(location.search)
const apiHost = query.get('apiHost')
const strategy = query.get('strategy') ?? 'batching'
const loadDelay = Number(query.get('loadDelay') ?? 0)
const dedupe = query.get('dedupe')
const messageIds = dedupe ? deterministicMessageIds(dedupe === 'writeKey' ? {} : { namespace: dedupe }) : undefined

// The options docs/delivery.md recommends for chat: batching (few requests, retried with back-off) with
// keepalive (the last batch survives the tab closing). cdnSettings skips the CDN settings download.
const integration = { apiHost, protocol: 'http' }
const settings = {
  writeKey: 'e2e-write-key',
  cdnSettings: { integrations: { 'Segment.io': { apiKey: 'e2e-write-key', ...integration } }, metrics: { sampleRate: 0 } },
}
const options = {
  integrations: {
    'Segment.io': {
      ...integration,
      ...(strategy === 'batching' && { deliveryStrategy: { strategy: 'batching', config: { size: 10, timeout: 1000, keepalive: true } } }),
    },
  },
  disableClientPersistence: true,
}
const analytics = new AnalyticsBrowser()
if (loadDelay > 0) setTimeout(() => analytics.load(settings, options), loadDelay)
else analytics.load(settings, options)

// What the library handed to the client, to compare with what the collector got.
window.sent = []
for (const method of ['track', 'identify']) {
  const original = analytics[method]
  analytics[method] = (...args) => {
    window.sent.push(method === 'track' ? args[0] : 'Identify')
    return original(...args)
  }
}
window.analytics = analytics
window.loaded = false
analytics.then(() => (window.loaded = true))

function Bubble({ message }) {
  const { submit } = useFeedback(message.id, { scale: 1 })
  window.chat.rate[message.id] = submit
  return (
    <TrackedMessage id={message.id} role={message.role} body={message.text} status={message.status}>
      {message.text}
      {message.chart && <TrackedComponent type="Stock Price Chart" messageId={message.id}>[chart]</TrackedComponent>}
    </TrackedMessage>
  )
}

function Chat() {
  const [messages, setMessages] = useState([])
  const conversation = useConversation()
  const actions = useActionTracking()
  const media = useMediaTracking()
  // Runs twice in a development build under StrictMode (mount, unmount, mount): the e2e checks it.
  useEffect(() => void window.mountEffects++, [])
  useEffect(() => {
    Object.assign(window.chat, {
      // Each call renders synchronously, so its events are handed to the client before it returns.
      say: (message) => flushSync(() => setMessages((list) => [...list.filter((m) => m.id !== message.id), message])),
      end: conversation.end,
      action: actions.track,
      media: media.track,
    })
  })
  return (
    <main>
      {messages.map((message) => (
        <Bubble key={message.id} message={message} />
      ))}
    </main>
  )
}

function App() {
  const [mounted, setMounted] = useState(true)
  useEffect(() => {
    window.chat.unmount = () => flushSync(() => setMounted(false))
  }, [])
  if (!mounted) return <p>chat closed</p>
  return (
    <CopilotAnalyticsProvider
      analytics={analytics}
      conversationId={query.get('conversationId') ?? undefined}
      userId={query.get('userId') ?? undefined}
      properties={{ assistantId: 'e2e-bot' }}
      endOnPageHide={query.has('endOnPageHide')}
      endOnUnmount={query.has('endOnUnmount')}
      messageIds={messageIds}
      onError={(error) => window.errors.push(`${error.code}: ${error.message}`)}
    >
      <Chat />
    </CopilotAnalyticsProvider>
  )
}

window.errors = []
window.chat = { rate: {} }
window.mountEffects = 0
window.mode = import.meta.env.MODE
createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
