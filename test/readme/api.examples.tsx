// The code blocks of docs/api.md, word for word, so that `npm run typecheck` checks them. Each
// follows a `// example: name` line naming the `<!-- example: name -->` marker above its block
// (test/readme/docExamples.test.ts keeps the two in step). Never rendered: types only.
import type { ReactNode } from 'react'
import { expect } from 'vitest'
import { useChat } from '@ai-sdk/react'
import { AnalyticsBrowser } from '@segment/analytics-next'
import {
  CopilotAnalyticsProvider,
  TrackedComponent,
  TrackedMessage,
  redactPII,
  segmentCopilot,
  useActionTracking,
  useComponentTracking,
  useConversation,
  useCopilotAnalytics,
  useFeedback,
  useMediaTracking,
  useMessageTracking,
  type AnalyticsClient,
} from '../../src/entries'
import { createCopilotTracker, createKeyStore } from '../../src/entries/core'
import { checkConformance, createMemoryAnalytics } from '../../src/entries/testing'
import { CopilotEventLog, teeAnalytics, type MemoryAnalytics } from '../../src/entries/devtools'
import { useChatTracking } from '../../src/entries/ai-sdk'

declare const m: { id: string; role: 'user' | 'assistant'; text: string; done: boolean }
declare const chat: { id: string }
declare const user: { id: string }
declare const analytics: AnalyticsClient
declare const StockChart: (props: { symbol: string }) => ReactNode
declare const toolCallId: string
declare const imageUrl: string
declare const recorder: MemoryAnalytics

export function ProviderExample() {
  return (
// example: apiProvider
<CopilotAnalyticsProvider analytics={analytics} conversationId={chat.id} userId={user.id} privacy={{ redact: redactPII }} onError={(error) => error.code === 'client_error' && console.error(error.cause)}>
  <TrackedMessage id={m.id} role={m.role} body={m.text} status={m.done ? 'complete' : 'streaming'} />
  <TrackedComponent type="Stock Price Chart" messageId={m.id}>
    <StockChart symbol="ACME" />
  </TrackedComponent>
</CopilotAnalyticsProvider>
  )
}

export function HookExamples() {
// example: apiHooks
useMessageTracking({ id: m.id, role: m.role, body: m.text, status: m.done ? 'complete' : 'streaming' })
useComponentTracking('Stock Price Chart', { messageId: m.id })
const { end, isEnded, messageCount } = useConversation()
const { submit, rating } = useFeedback(m.id, { scale: 5 }) // submit(4); useFeedback() rates the whole chat
useActionTracking().track({ type: 'Inventory Request', action: 'check stock level', messageId: m.id, id: toolCallId })
useMediaTracking().track({ type: 'image', subType: 'png', messageId: m.id, id: imageUrl })
const { track, trackConversion } = useCopilotAnalytics() // track('Item Purchased', { itemId: 'item101112' }, { messageId: m.id })
  submit(4)
  track('Item Purchased', { itemId: 'item101112' }, { messageId: m.id })
  return [end, isEnded, messageCount, rating, trackConversion]
}

export function CoreExample(analytics: AnalyticsClient) {
// example: apiCore
const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore({ limit: 500 }) }) // memory only, e.g. on a server
tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' }) // Conversation Started, Message Sent
tracker.end('c1') // Conversation Ended { message_count: 1 }
}

export function TestingExample() {
// example: apiTesting
const analytics = createMemoryAnalytics() // <CopilotAnalyticsProvider analytics={analytics}>
expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
expect(checkConformance(analytics.calls, segmentCopilot)).toEqual([])
}

export function DevtoolsClient() {
// example: apiDevtoolsClient
const analytics = teeAnalytics(AnalyticsBrowser.load({ writeKey: 'YOUR_WRITE_KEY' }), recorder)
  return analytics
}

export function DevtoolsLog() {
  return (
// example: apiDevtoolsLog
<CopilotEventLog recorder={recorder} defaultFilter="Feedback" />
  )
}

export function AiSdkExample() {
// example: apiAiSdk
const chat = useChat()
useChatTracking(chat, { describeAction: (part) => (part.state === 'output-error' ? 'failed' : 'done') })
}

export function ContentPartsExample() {
  return (
// example: apiContentParts
<TrackedMessage id="m1" role="user" body={[{ type: 'text', text: 'What is ' }, { type: 'text', text: 'ACME at?' }]} />
// Message Sent { messageId: 'm1', message_body: 'What is ACME at?', role: 'customer' }
  )
}
