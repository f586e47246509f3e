// The code blocks of the AG-UI section of docs/frameworks.md (and its line in docs/api.md), word for
// word, so that `npm run typecheck` checks them (test/readme/docExamples.test.ts keeps the two in
// step). The imports each block needs are at the top here. CopilotKit is not installed in this
// repository: `useAgent` and `CopilotChat` are declared with the shapes its v2 docs give
// (`useAgent(options?): { agent: AbstractAgent }`), so that block is checked against those only.
import { useEffect, useState } from 'react'
import { HttpAgent, type AbstractAgent, type Message } from '@ag-ui/client'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { trackAgent, useAgentTracking } from '../../src/entries/ag-ui'
import { createCopilotTracker } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'

declare function useAgent(options?: { agentId?: string }): { agent: AbstractAgent }
declare function CopilotChat(): React.JSX.Element
const analytics = createMemoryAnalytics()

// example: agUiCopilotKit
// Inside <CopilotKit> (v2: useAgent from '@copilotkit/react-core/v2') and <CopilotAnalyticsProvider>.
export function TrackedCopilotChat() {
  const { agent } = useAgent()
  useAgentTracking(agent) // <- the one line
  return <CopilotChat />
}

// example: agUiHttpAgent
// Any AG-UI agent: an HttpAgent on your agent's endpoint, or your own AbstractAgent.
const agent = new HttpAgent({ url: '/api/agent', threadId: 'thread-42' })

export const AgentPage = () => (
  <CopilotAnalyticsProvider analytics={analytics} conversationId={agent.threadId}>
    <AgentChat />
  </CopilotAnalyticsProvider>
)

function AgentChat() {
  useAgentTracking(agent) // <- the one line
  const [messages, setMessages] = useState<Message[]>(agent.messages)
  useEffect(() => agent.subscribe({ onMessagesChanged: () => setMessages([...agent.messages]) }).unsubscribe, [])
  const send = (text: string) => {
    agent.addMessage({ id: crypto.randomUUID(), role: 'user', content: text })
    void agent.runAgent()
  }
  return (
    <>
      {messages.map((m) => (
        <p key={m.id}>{typeof m.content === 'string' ? m.content : ''}</p>
      ))}
      <button onClick={() => send('Hello')}>Send</button>
      <button onClick={() => agent.abortRun()}>Stop</button>
    </>
  )
}

// example: agUiTrackAgent
// Without React: the same rules, against a tracker from react-copilot-analytics/core.
const tracker = createCopilotTracker({ analytics })
const stopTracking = trackAgent(tracker, agent, { conversationId: agent.threadId })
// ...and when the chat goes away (a held reply, and one still streaming, are sent then):
stopTracking()

// example: agUiDescribeAction
useAgentTracking(agent, {
  describeAction: ({ toolCall, result }) => (result.error ? 'failed' : toolCall.function.name === 'book_flight' ? 'booked' : 'completed'),
})
