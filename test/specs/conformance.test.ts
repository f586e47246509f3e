import { describe, expect, test } from 'vitest'
import { createCopilotTracker, createKeyStore, segmentCopilot, segmentCopilotLegacy, segmentLiveChat, screebCopilot, watsonxAssistant } from '../../src/entries/core'
import { assertConformance, checkCall, checkConformance, createMemoryAnalytics, specSchemas, validateJson, type SpecSchema } from '../../src/entries/testing'
import { builtInSpecs, checkedCalls, takeViolations } from '../conformance'

describe('validateJson (the JSON Schema subset)', () => {
  test('type, with integer a kind of number', () => {
    expect(validateJson({ type: 'string' }, 'x')).toEqual([])
    expect(validateJson({ type: 'string' }, 4)).toEqual(['(root): expected string, got integer 4'])
    expect(validateJson({ type: 'number' }, 4)).toEqual([])
    expect(validateJson({ type: 'integer' }, 4.5)).toEqual(['(root): expected integer, got number 4.5'])
    expect(validateJson({ type: ['string', 'null'] }, null)).toEqual([])
    expect(validateJson({ type: 'object' }, [])).toEqual(['(root): expected object, got array []'])
  })

  test('required, properties, additionalProperties, enum, items, anyOf, minimum', () => {
    const schema = {
      type: 'object' as const,
      required: ['a', 'b'],
      properties: { a: { type: 'string' as const, enum: ['x', 'y'] }, list: { type: 'array' as const, items: { type: 'number' as const } }, n: { type: 'integer' as const, minimum: 0 } },
      additionalProperties: false,
    }
    expect(validateJson(schema, { a: 'x', b: 1 })).toEqual(['b: not allowed here'])
    expect(validateJson(schema, { a: 'z', list: [1, 'two'], n: -1 })).toEqual([
      'b: required, missing',
      'a: expected one of ["x","y"], got "z"',
      'list[1]: expected number, got string "two"',
      'n: expected at least 0, got -1',
    ])
    const either = { anyOf: [{ required: ['userId'] }, { required: ['anonymousId'] }] }
    expect(validateJson(either, { anonymousId: 'a' })).toEqual([])
    expect(validateJson(either, {})).toHaveLength(1)
    // A key whose value is undefined is absent (it never reaches the wire).
    expect(validateJson({ required: ['a'] }, { a: undefined })).toEqual(['a: required, missing'])
  })
})

describe('checkConformance', () => {
  test('has schemas for every built-in spec, under its name, naming every event it sends', () => {
    expect(Object.keys(specSchemas).sort()).toEqual(builtInSpecs.map((spec) => spec.name).sort())
    expect(Object.keys(specSchemas['segment-ai-copilot'].events)).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Conversation Ended',
      'Action Invoked',
      'Media Generated',
      'Component Loaded',
      'Feedback Submitted',
      'Message Copied',
      'Reply Regenerated',
      'Message Edited',
    ])
    expect(Object.keys(specSchemas['segment-ai-copilot-legacy'].events)).toContain('Tool Invoked')
  })

  test('reports wrong types, missing properties and unknown events, with the index of each call', () => {
    const calls = [
      { type: 'track' as const, event: 'screeb_copilot_satisfaction', properties: { rating_scale: 5, rating: '4', conversation_id: 'c', session_id: 's' } },
      { type: 'track' as const, event: 'screeb_copilot_user_prompt', properties: { prompt: 'hi', conversation_id: 'c', session_id: 's' } },
      { type: 'track' as const, event: 'Item Purchased', properties: {} },
      { type: 'identify' as const, traits: {} },
    ]
    const violations = checkConformance(calls, screebCopilot)
    expect(violations.map(({ index, event }) => [index, event])).toEqual([
      [0, 'screeb_copilot_satisfaction'],
      [2, 'Item Purchased'],
      [3, 'Identify'],
    ])
    expect(violations[0].errors).toEqual(['properties.rating_scale: expected string, got integer 5'])
    expect(violations[1].errors[0]).toMatch(/^"Item Purchased" is not an event of screeb-copilot/)
    expect(() => assertConformance(calls, 'screeb-copilot')).toThrow('#0 "screeb_copilot_satisfaction" (screeb-copilot): properties.rating_scale: expected string, got integer 5')
    // The Segment vocabularies accept any other name as a standard Track call, with its conversation id.
    expect(checkCall({ type: 'track', event: 'Item Purchased', properties: {} }, segmentCopilot)).toEqual(['properties.conversationId: required, missing'])
  })

  test('accepts a SpecSchema of your own, and says so when a spec has none', () => {
    const mine: SpecSchema = { spec: 'our-plan', events: { 'Chat Opened': { type: 'object', required: ['chat_id'] } } }
    expect(checkConformance([{ type: 'track', event: 'Chat Opened', properties: {} }], mine)[0].errors).toEqual(['properties.chat_id: required, missing'])
    expect(() => checkConformance([], { name: 'unknown', map: () => [] })).toThrow('No schemas for spec "unknown"')
  })

  test('every built-in spec conforms to its own schemas on a conversation that uses every kind of event', () => {
    for (const spec of [segmentCopilot, segmentCopilotLegacy, segmentLiveChat, watsonxAssistant, screebCopilot]) {
      const analytics = createMemoryAnalytics()
      const tracker = createCopilotTracker({ analytics, spec, userId: 'u1', sessionId: 's1', properties: { assistantId: 'a1' }, keyStore: createKeyStore() })
      tracker.message({ conversationId: 'c1', id: 'm0', role: 'assistant', body: 'Hello' })
      tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi', agent: { id: 'a1' } })
      tracker.message({ conversationId: 'c1', id: 'm2', role: 'human_agent', body: 'Hey', agent: { id: 'a1', name: 'Ann', username: 'ann' } })
      tracker.startAction({ conversationId: 'c1', type: 'Search', action: 'docs', title: 'Search the docs', messageId: 'm2' }).complete({ reason: 'all_steps_done' })
      tracker.media({ conversationId: 'c1', type: 'image', subType: 'png', messageId: 'm2' })
      tracker.component({ conversationId: 'c1', type: 'Chart', messageId: 'm2' })
      tracker.feedback({ conversationId: 'c1', rating: 4, scale: 5, messageId: 'm2' })
      tracker.feedback({ conversationId: 'c1', rating: 1 })
      tracker.track('c1', 'Item Purchased', { price: 3 })
      tracker.conversion('c1', 'Plan Upgraded', { plan: 'pro' }, { messageId: 'm2' })
      tracker.end('c1')
      expect(analytics.calls.length, spec.name).toBeGreaterThan(3)
      // The screeb feedback without a scale is the one expected violation (see screebCopilot.test.ts).
      const violations = checkConformance(analytics.calls, spec)
      expect(violations.flatMap((v) => v.errors), spec.name).toEqual(spec === screebCopilot ? ['properties.rating_scale: required, missing'] : [])
    }
    takeViolations()
  })
})

describe('the suite-wide check (test/conformance.ts)', () => {
  test('sees the calls of every test, the default spec included', () => {
    const before = checkedCalls
    const tracker = createCopilotTracker({ analytics: createMemoryAnalytics(), keyStore: createKeyStore() })
    tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
    expect(checkedCalls - before).toBe(2)
  })

  test('catches a call that breaks its schema, and checks the properties as sent (provider properties included)', () => {
    const tracker = createCopilotTracker({
      analytics: createMemoryAnalytics(),
      spec: [segmentCopilot, watsonxAssistant],
      properties: { assistantId: 42 },
      keyStore: createKeyStore(),
    })
    tracker.start('c1')
    // watsonx says assistantId is a string: the provider's number breaks it; the Segment spec has no such property.
    expect(takeViolations()).toEqual(['"Session Started" (watsonx-assistant): properties.assistantId: expected string, got integer 42'])
  })
})
