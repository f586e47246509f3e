import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, type AnalyticsClient, type CopilotAnalyticsError } from '../../src/entries'
import { createMemoryAnalytics, teeAnalytics } from '../../src/entries/devtools'

test('records each call and forwards it unchanged, returning what the real client returns', () => {
  const delivered = Promise.resolve('ctx')
  const real = { track: vi.fn(() => delivered), identify: vi.fn(() => 'id') }
  const recorder = createMemoryAnalytics()
  const tee = teeAnalytics(real, recorder)
  expect(tee.track('Message Sent', { messageId: 'm1' }, { context: { page: 'x' } })).toBe(delivered)
  expect(tee.identify(null, { plan: 'pro' }, { anonymousId: 'a1' })).toBe('id')
  expect(real.track).toHaveBeenCalledWith('Message Sent', { messageId: 'm1' }, { context: { page: 'x' } })
  expect(real.identify).toHaveBeenCalledWith(null, { plan: 'pro' }, { anonymousId: 'a1' })
  expect(recorder.calls).toEqual([
    { type: 'track', event: 'Message Sent', properties: { messageId: 'm1' } },
    { type: 'identify', anonymousId: 'a1', traits: { plan: 'pro' } },
  ])
})

test('a real client that fails: the log still shows the call, and onError gets client_error', async () => {
  const recorder = createMemoryAnalytics()
  const real: AnalyticsClient = {
    track: (event) => (event === 'Message Sent' ? Promise.reject(new Error('HTTP 503')) : undefined),
    identify: () => {
      throw new Error('blocked')
    },
  }
  const errors: CopilotAnalyticsError[] = []
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={teeAnalytics(real, recorder)} conversationId="c1" userId="u1" onError={(e) => errors.push(e)}>
        <TrackedMessage id="m1" role="user" body="Hi" />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  await vi.waitFor(() => expect(errors).toHaveLength(2))
  expect(recorder.events()).toEqual(['Conversation Started', 'Message Sent'])
  expect(recorder.calls[0]).toEqual({ type: 'identify', userId: 'u1', traits: {} })
  expect(errors.map((e) => [e.code, e.message])).toEqual([
    ['client_error', expect.stringContaining('"Identify"')],
    ['client_error', expect.stringContaining('HTTP 503')],
  ])
})

test('a recorder that throws does not cost the real delivery', () => {
  const real = { track: vi.fn(), identify: vi.fn() }
  const broken: AnalyticsClient = {
    track: () => {
      throw new Error('log listener bug')
    },
    identify: () => {
      throw new Error('log listener bug')
    },
  }
  const tee = teeAnalytics(real, broken)
  expect(() => tee.track('Message Sent', {})).toThrow('log listener bug')
  expect(() => tee.identify('u1')).toThrow('log listener bug')
  expect(real.track).toHaveBeenCalledTimes(1)
  expect(real.identify).toHaveBeenCalledTimes(1)
})
