// The code blocks of the LangGraph section of docs/frameworks.md, word for word, so that `npm run
// typecheck` checks them (test/readme/docExamples.test.ts keeps the two in step). Never rendered:
// types only. The imports the blocks need are here, and the prose beside each block names them.
import { useState } from 'react'
import { useStream } from '@langchain/langgraph-sdk/react'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useStreamTracking } from '../../src/entries/langgraph'
import { analytics } from './analytics'

declare const stream: ReturnType<typeof useStream>
declare const threadId: string | null

// example: langGraphChat
export const ChatPage = () => (
  <CopilotAnalyticsProvider analytics={analytics}>
    <Chat />
  </CopilotAnalyticsProvider>
)

function Chat() {
  // The thread shown: null until the first submit() creates one (onThreadId), or the one you reopen.
  const [threadId, setThreadId] = useState<string | null>(null)
  const stream = useStream({ apiUrl: 'http://localhost:2024', assistantId: 'agent', threadId, onThreadId: setThreadId })
  useStreamTracking(stream, { threadId }) // <- the one line
  return (
    <>
      {stream.messages.map((m) => (
        <p key={m.id}>{typeof m.content === 'string' ? m.content : ''}</p>
      ))}
      <button onClick={() => stream.submit({ messages: [{ type: 'human', content: 'Hello' }] })}>Send</button>
    </>
  )
}

export function Options() {
// example: langGraphDescribeAction
useStreamTracking(stream, {
  threadId,
  // The Action Invoked `action`, from the tool call and the ToolMessage that answered it.
  describeAction: (call) => (call.result?.status === 'error' ? 'failed' : `${call.name} answered`),
})
}

declare const apiUrl: string
declare const setThreadId: (id: string) => void

export function Api() {
// example: apiLangGraph
const stream = useStream({ apiUrl, assistantId: 'agent', threadId, onThreadId: setThreadId })
useStreamTracking(stream, { threadId })
}
