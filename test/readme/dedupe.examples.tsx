// The short code blocks of docs/exactly-once.md ("Beyond the page") and docs/server.md, word for word
// (test/readme/docExamples.test.ts keeps them in step). Types only, never rendered; the server
// block runs in test/server/analyticsNodeClient.test.ts in the same shape.
import { Analytics } from '@segment/analytics-node'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { createCopilotTracker, createKeyStore } from '../../src/entries/core'
import { deterministicMessageIds } from '../../src/entries/dedupe'
import { analyticsNodeClient } from '../../src/entries/server'
import { analytics } from './analytics'
import { Chat } from './Chat'

declare const chatId: string
declare const user: { id: string }
declare const reply: { id: string; text: string }

// example: dedupeProvider
// Once, at module level: a namespace unique to your app, the same on your server.
const messageIds = deterministicMessageIds({ namespace: 'acme-support-copilot' })

export const ChatPage = () => (
  <CopilotAnalyticsProvider analytics={analytics} conversationId={chatId} messageIds={messageIds}>
    <Chat />
  </CopilotAnalyticsProvider>
)

export function serverTracker() {
// example: serverTracker
const segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY! }) // once per process
const keyStore = createKeyStore() // memory only (no storage on a server), bounded: 2,000 keys

// Per request, for that request's user:
const tracker = createCopilotTracker({
  analytics: analyticsNodeClient(segment, { userId: user.id }),
  keyStore,
  messageIds: deterministicMessageIds({ namespace: 'acme-support-copilot' }),
})
tracker.message({ conversationId: chatId, id: reply.id, role: 'assistant', body: reply.text })
}
