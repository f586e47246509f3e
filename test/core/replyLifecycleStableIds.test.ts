// The lifecycle's `stableIds` option, without React: for a framework that never replaces a message's
// id (assistant-ui), no message is an earlier copy of another, so none is dropped for looking like one.
import { expect, test } from 'vitest'
import { advance, initialReplyState, type ChatSnapshot, type ReplyMessage } from '../../src/core/replyLifecycle'

const user: ReplyMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Story?' }] }
const stopped: ReplyMessage = { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Once upon', streaming: true }] }
const regenerated: ReplyMessage = { id: 'a2', role: 'assistant', parts: [{ type: 'text', text: 'Once upon a time', streaming: true }] }
const snapshot = (status: ChatSnapshot['status'], ...messages: ReplyMessage[]): ChatSnapshot => ({ chat: 'c', conversationId: 'c', status, messages })

/** Streams a1, stops it (held, settling), then a2 takes its place: the effects of that last snapshot. */
function replaced(options: { stableIds?: boolean }) {
  let state = initialReplyState
  for (const next of [snapshot('busy', user), snapshot('busy', user, stopped), snapshot('idle', user, stopped)]) state = advance(state, next, options).state
  expect(state.held?.phase).toBe('settling')
  return advance(state, snapshot('busy', user, regenerated), options).effects
}

test('a stopped reply replaced by one that starts with its text: reported, by default (a stop ends the request) and with stableIds', () => {
  for (const options of [{}, { stableIds: true }])
    expect(replaced(options).filter((effect) => effect.type === 'reply')).toEqual([{ type: 'reply', conversationId: 'c', message: stopped, status: 'aborted', live: true }])
})

test('two assistant messages in a row, the second extending the first: one reply by default, two with stableIds', () => {
  const first: ReplyMessage = { id: 'g1', role: 'assistant', parts: [{ type: 'text', text: 'Hello' }] }
  const second: ReplyMessage = { id: 'g2', role: 'assistant', parts: [{ type: 'text', text: 'Hello again' }] }
  const replies = (options: { stableIds?: boolean }) =>
    advance(initialReplyState, snapshot('idle', user, first, second), { ...options, sendHistory: true }).effects.flatMap((effect) => (effect.type === 'reply' ? [effect.message.id] : []))
  expect(replies({})).toEqual(['g2'])
  expect(replies({ stableIds: true })).toEqual(['g1', 'g2'])
})
