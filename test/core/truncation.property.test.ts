// @vitest-environment node
import fc from 'fast-check'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createCopilotTracker, createKeyStore } from '../../src/entries/core'
import { truncate } from '../../src/core/privacy'
import { createMemoryAnalytics } from '../../src/entries/testing'

// Defect 16: a capped body never ends inside a user-perceived character, and never exceeds the cap.

const utf8 = (text: string) => new TextEncoder().encode(text)
const segmenter = new Intl.Segmenter()
const boundaries = (text: string) => new Set([...segmenter.segment(text)].map((s) => s.index).concat(text.length))
const cut = (text: string, max: number) => truncate(text, max)

// The pieces that make graphemes longer than a code point, and plain text around them.
const piece = fc.constantFrom(
  'a', 'é', 'e\u0301', 'n\u0303\u0323', 'Z\u0351\u036b\u0343\u036a', '字', '😀', '👍🏽', '👩‍👩‍👧‍👦', '🧑🏾‍💻', '🏳️‍🌈', '❤️', '1️⃣', '#️⃣',
  '🇫🇷', '🇯🇵', '🇺🇸', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', ' ', '\n', '\u200d', '\u0301', '\ufe0f', '🏽', '🇩', 'क्ष', 'ก่', '각', '\u1100\u1161\u11a8',
)
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''))

function check(text: string, max: number, exact: boolean) {
  const result = cut(text, max)
  expect(text.startsWith(result)).toBe(true)
  expect(utf8(result).length).toBeLessThanOrEqual(max)
  expect(boundaries(text).has(result.length)).toBe(true)
  if (exact) {
    // The longest such prefix: the next grapheme would not fit.
    const next = [...boundaries(text)].filter((i) => i > result.length).sort((a, b) => a - b)[0]
    if (next !== undefined) expect(utf8(text.slice(0, next)).length).toBeGreaterThan(max)
  }
}

describe('truncate with Intl.Segmenter', () => {
  test('cuts only between graphemes, keeps the longest prefix within the cap, never exceeds it', () => {
    fc.assert(
      fc.property(text, fc.nat(200), (body, max) => {
        fc.pre(utf8(body).length > max)
        check(body, max, true)
      }),
      { numRuns: 2000 },
    )
  })

  test.each([
    ['a flag', 'ab🇫🇷', 7, 'ab'],
    ['a skin tone', 'ok👍🏽', 7, 'ok'],
    ['a ZWJ family', 'x👩‍👩‍👧‍👦', 20, 'x'],
    ['a keycap', 'n1️⃣', 4, 'n'],
    ['an accent', 'cafe\u0301', 5, 'caf'],
  ])('never inside %s', (_, body, max, expected) => {
    expect(cut(body, max)).toBe(expected)
  })
})

describe('truncate without Intl.Segmenter (React Native Hermes, older browsers)', () => {
  afterEach(() => vi.unstubAllGlobals())
  const withoutSegmenter = () => vi.stubGlobal('Intl', { ...Intl, Segmenter: undefined })

  test('cuts only between graphemes (as Intl.Segmenter sees them) and never exceeds the cap', () => {
    withoutSegmenter()
    // Decomposed Hangul (conjoining jamo) is the one case the fallback leaves out (rare in chat text).
    const withoutJamo = text.filter((body) => !/[\u1100-\u11ff]/.test(body))
    fc.assert(
      fc.property(withoutJamo, fc.nat(200), (body, max) => {
        fc.pre(utf8(body).length > max)
        check(body, max, false)
      }),
      { numRuns: 2000 },
    )
  })

  test('random text (any code points, lone surrogates too) is cut between graphemes, within the cap', () => {
    withoutSegmenter()
    const units = fc.constantFrom('grapheme', 'grapheme-composite', 'binary').chain((unit) => fc.string({ unit: unit as 'binary', maxLength: 3 }))
    // Less the two cases it leaves out: conjoining jamo, prepended concatenation marks.
    const leftOut = /[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]/u
    const any = fc.string({ unit: units, maxLength: 30 }).filter((body) => !leftOut.test(body))
    fc.assert(
      fc.property(any, fc.nat(120), (body, max) => {
        fc.pre(utf8(body).length > max)
        check(body, max, false)
      }),
      { numRuns: 3000 },
    )
  })

  test('emoji and accented text lose at most the grapheme at the cut, a run of flags at the cut goes whole', () => {
    withoutSegmenter()
    const common = fc.array(fc.constantFrom('a', 'e\u0301', '👍🏽', '👩‍👩‍👧‍👦', '1️⃣', '🇫🇷', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', ' ', '字'), { maxLength: 40 }).map((p) => p.join(''))
    fc.assert(
      fc.property(common, fc.nat(200), (body, max) => {
        fc.pre(utf8(body).length > max)
        check(body, max, false)
        // The longest prefix Intl.Segmenter allows, less the flags it ends with.
        const longest = [...boundaries(body)].filter((i) => utf8(body.slice(0, i)).length <= max).sort((a, b) => b - a)[0]
        expect(cut(body, max)).toBe(body.slice(0, longest).replace(/\p{RI}+$/u, ''))
      }),
      { numRuns: 2000 },
    )
  })

  test.each([
    ['a run of flags (it goes whole)', 'hi 🇫🇷🇯🇵🇺🇸', 17, 'hi '],
    ['a flag and the text after it', 'ok🇫🇷 and more', 12, 'ok🇫🇷 a'],
    ['a skin tone', 'ok👍🏽', 7, 'ok'],
    ['a ZWJ family', 'x👩‍👩‍👧‍👦', 20, 'x'],
    ['a keycap', 'n1️⃣', 4, 'n'],
    ['a subdivision flag (tags)', 'a🏴󠁧󠁢󠁳󠁣󠁴󠁿', 12, 'a'],
    ['CR LF', 'ab\r\n', 3, 'ab'],
  ])('never inside %s', (_, body, max, expected) => {
    withoutSegmenter()
    expect(cut(body, max)).toBe(expected)
  })
})

test('the tracker caps message_body at a grapheme boundary and flags it', () => {
  const analytics = createMemoryAnalytics()
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore(), privacy: { maxBodyBytes: 30 } })
  const body = 'Bonjour ' + '🇫🇷'.repeat(10)
  tracker.message({ conversationId: 'c', id: 'm1', role: 'assistant', body })
  const sent = (analytics.calls[0] as { properties: Record<string, unknown> }).properties
  expect(sent.message_body).toBe('Bonjour 🇫🇷🇫🇷') // 8 + 2 x 8 = 24 bytes; a third flag would be 32
  expect(sent.message_body_truncated).toBe(true)
})
