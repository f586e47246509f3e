// @vitest-environment node
import { describe, expect, test } from 'vitest'
import { passesLuhn, redactPII } from '../../src/core/redactPII'

describe('redactPII', () => {
  test.each([
    ['Mail me at jane.doe+chat@example.co.uk please', 'Mail me at [email] please'],
    ['card 4111 1111 1111 1111 exp 12/29', 'card [card] exp 12/29'],
    ['card 4111-1111-1111-1111.', 'card [card].'],
    ['amex 378282246310005', 'amex [card]'],
    ['IBAN DE89 3704 0044 0532 0130 00 thanks', 'IBAN [iban] thanks'],
    ['IBAN GB82WEST12345698765432', 'IBAN [iban]'],
    ['call +44 20 7946 0958 or (555) 123-4567', 'call [phone] or [phone]'],
    ['ring 0612345678 tomorrow', 'ring [phone] tomorrow'],
  ])('redacts %j', (input, output) => {
    expect(redactPII(input)).toBe(output)
  })

  test.each([
    'order 4111 1111 1111 1112 (fails Luhn)',
    'DE89 3704 0044 0532 0130 01 has a wrong checksum',
    'meeting on 2024-01-15 10:30 in room 12',
    'version 1.2.3, 42 items, total 1234.56',
    'an @ sign alone, user@localhost',
  ])('keeps %j', (input) => {
    expect(redactPII(input)).toBe(input)
  })

  test('runs in linear time on a megabyte of hostile text', () => {
    const inputs = ['a'.repeat(1 << 20), '1'.repeat(1 << 20), 'a.'.repeat(1 << 19), '+1 '.repeat(350_000), 'x@'.repeat(1 << 19)]
    const started = performance.now()
    for (const input of inputs) expect(redactPII(input).length).toBeGreaterThan(0)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  test('leaves id fields alone (a Date.now() id reads like a phone number)', () => {
    for (const field of ['messageId', 'conversationId', 'message_id', 'conversation_id', 'id']) expect(redactPII('1732180000000', field)).toBe('1732180000000')
    for (const field of ['message_body', 'paid', 'video', undefined]) expect(redactPII('call 1732180000000', field)).toBe('call [phone]')
  })

  test('passesLuhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true)
    expect(passesLuhn('4111111111111112')).toBe(false)
    expect(passesLuhn('')).toBe(false)
  })
})
