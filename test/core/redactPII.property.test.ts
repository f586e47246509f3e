// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { redactPII } from '../../src/core/redactPII'

// Defect 17: dates and times are never changed, and what redactPII caught it still catches.

const pad = (n: number) => String(n).padStart(2, '0')
const date = fc.record({
  year: fc.integer({ min: 1900, max: 2099 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  ms: fc.integer({ min: 0, max: 999 }),
  zero: fc.boolean(),
})
const formatted = fc.tuple(date, fc.nat(13), fc.nat(7)).map(([d, dateStyle, timeStyle]) => {
  const dd = d.zero ? pad(d.day) : String(d.day)
  const mm = d.zero ? pad(d.month) : String(d.month)
  const dates = [
    `${dd}/${mm}/${d.year}`, `${mm}/${dd}/${d.year}`, `${dd}.${mm}.${d.year}`, `${dd}-${mm}-${d.year}`,
    `${pad(d.day)}/${pad(d.month)}/${String(d.year).slice(2)}`, `${pad(d.day)}.${pad(d.month)}.${String(d.year).slice(2)}`,
    `${d.year}-${pad(d.month)}-${pad(d.day)}`, `${d.year}/${pad(d.month)}/${pad(d.day)}`, `${d.year}.${pad(d.month)}.${pad(d.day)}`,
  ]
  const h12 = `${d.hour % 12 || 12}:${pad(d.minute)}`
  const times = [
    '', ` ${pad(d.hour)}:${pad(d.minute)}`, ` ${d.hour}:${pad(d.minute)}:${pad(d.second)}`, `, ${pad(d.hour)}:${pad(d.minute)}`,
    ` ${h12} ${d.hour < 12 ? 'AM' : 'PM'}`, ` ${h12}${d.hour < 12 ? 'am' : 'pm'}`, ` ${pad(d.hour)}h${pad(d.minute)}`,
    ` ${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}.${String(d.ms).padStart(3, '0')}`,
  ]
  const iso = `${d.year}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}`
  const isoTimes = ['', `:${pad(d.second)}`, `:${pad(d.second)}Z`, `:${pad(d.second)}.${String(d.ms).padStart(3, '0')}Z`, `:${pad(d.second)}+02:00`, `-0500`]
  return dateStyle < 9 ? dates[dateStyle] + times[timeStyle] : iso + isoTimes[(dateStyle + timeStyle) % isoTimes.length]
})
const words = fc.constantFrom('', 'Meeting on ', 'See you ', 'Booked for ', '(', 'Termin am ', 'le ', 'from ')
const after = fc.constantFrom('', '.', ' please', ', thanks', ')', ' in room 12', ' - ok', ' and 13/05/2024 09:00 too')

const phone = fc.oneof(
  fc.tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 1000, max: 9999 })).chain(([a, b, c]) =>
    fc.constantFrom(`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, `${a} ${b} ${c}`),
  ),
  fc.array(fc.integer({ min: 10, max: 99 }), { minLength: 4, maxLength: 4 }).chain((g) =>
    fc.constantFrom(`06 ${g.join(' ')}`, `06.${g.join('.')}`, `+33 6 ${g.join(' ')}`, `06${g.join('')}`),
  ),
  fc.tuple(fc.integer({ min: 20, max: 89 }), fc.integer({ min: 1000000, max: 9999999 })).chain(([area, n]) =>
    fc.constantFrom(`+49 ${area} ${n}`, `0${area} ${n}`, `+44 ${area} ${String(n).slice(0, 4)} ${String(n).slice(4)}`),
  ),
)

describe('redactPII and dates', () => {
  test.each([
    'on 12/05/2024 10:30 at the desk',
    'on 12.05.2024 14:00 at the desk',
    'from 2024-05-12 10:30:00 on',
    'at 2024-05-12T10:30 sharp',
    'at 2024-05-12T10:30:00.000Z sharp',
    '05/12/2024 9:05 PM',
    '12.05.2024, 14:00',
    'Termin 12.05.24 14:00',
  ])('keeps %j', (text) => {
    expect(redactPII(text)).toBe(text)
  })

  test('random dates and times, formatted in common ways and embedded in text, are never changed', () => {
    fc.assert(
      fc.property(words, formatted, after, (before, when, rest) => {
        const text = before + when + rest
        expect(redactPII(text)).toBe(text)
      }),
      { numRuns: 3000 },
    )
  })

  test('random phone numbers are still redacted, also next to dates', () => {
    fc.assert(
      fc.property(phone, formatted, fc.boolean(), (number, when, dateFirst) => {
        const text = dateFirst ? `On ${when} call ${number} please` : `Call ${number} on ${when}`
        const redacted = redactPII(text)
        expect(redacted).toBe(dateFirst ? `On ${when} call [phone] please` : `Call [phone] on ${when}`)
      }),
      { numRuns: 3000 },
    )
  })

  test('French dotted phone numbers that begin like a date are still phone numbers', () => {
    expect(redactPII('ring 06.12.34.56.78 now')).toBe('ring [phone] now')
    expect(redactPII('ring 01.02.2024.56.78 now')).toBe('ring [phone] now')
  })

  test('cards, IBANs and e-mails next to dates are still caught', () => {
    expect(redactPII('12/05/2024 10:30 card 4111 1111 1111 1111, jane@example.com, DE89 3704 0044 0532 0130 00')).toBe('12/05/2024 10:30 card [card], [email], [iban]')
  })

  test('stays linear on a megabyte of date-like text', () => {
    const inputs = ['12/05/2024 10:30 '.repeat(60_000), '1/1/1'.repeat(200_000), '2024-05-12T'.repeat(90_000), '12.05.'.repeat(170_000)]
    const started = performance.now()
    for (const input of inputs) redactPII(input)
    expect(performance.now() - started).toBeLessThan(3000)
  })
})
