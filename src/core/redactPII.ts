// Every pattern starts only where a run of its characters starts (a lookbehind) and repeats a bounded
// number of times, so a megabyte of text costs linear time: no catastrophic backtracking.
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g
const PHONE = /(?<![\w+(])[+(]?\d[\d .()/-]{6,20}\d(?!\w)/g
// A date (day and month either way round, or ISO year first) and an optional time: kept as it is,
// so that its digits never read as a phone number. Not a date when more digit groups follow
// (06.12.34.56.78 is a French phone number). Bounded repeats only, like the patterns above.
const DAY = '(?:0?[1-9]|[12]\\d|3[01])'
const MONTH = '(?:0?[1-9]|1[0-2])'
const TIME = '(?:(?:,? |T)\\d\\d?[:h]\\d\\d(?::\\d\\d(?:[.,]\\d{1,9})?)?(?: ?[AaPp]\\.?[Mm]\\.?)?(?: ?(?:Z|[+-]\\d\\d(?::?\\d\\d)?))?)?'
const DATE_TIME = new RegExp(`((?<![\\w./-])(?:\\d{4}[-/.]${MONTH}[-/.]${DAY}|${DAY}[-/.]${DAY}[-/.](?:\\d{4}|\\d\\d))(?![./-]?\\d)${TIME})`)

const digits = (text: string) => text.replace(/\D/g, '')

/**
 * The Luhn checksum that every payment card number passes (and most other digit runs fail).
 *
 * @example
 * passesLuhn('4111 1111 1111 1111') // true: a card number, redacted by redactPII
 * passesLuhn('1234 5678 9012 3456') // false: left alone
 */
export function passesLuhn(number: string): boolean {
  let sum = 0
  for (let i = 0; i < number.length; i++) {
    let digit = +number[number.length - 1 - i]
    if (i % 2) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return number.length > 0 && sum % 10 === 0
}

/** ISO 13616: country code and check digits first, then mod 97 of the whole as digits must be 1. */
function isIban(text: string): boolean {
  const compact = text.replace(/ /g, '')
  if (compact.length < 15 || compact.length > 34) return false
  let rest = 0
  for (const char of compact.slice(4) + compact.slice(0, 4)) rest = (rest * (char > '9' ? 100 : 10) + parseInt(char, 36)) % 97
  return rest === 1
}

/**
 * A ready-made `privacy.redact`: replaces email addresses, payment card numbers (13-19 digits that
 * pass the Luhn check), IBANs (valid checksum) and phone numbers (9-15 digits) with
 * `[email]`, `[card]`, `[iban]`, `[phone]`. Dates and times (`12/05/2024 10:30`, `12.05.2024 14:00`,
 * `2024-05-12T10:30:00Z`) are never changed. Heuristic by nature: compose it with your own rules.
 * Fields named as ids (`messageId`, `conversation_id`, `id`, ...) are left alone: an id such as
 * `Date.now()` would otherwise read as a phone number, and ids are keys, not free text.
 *
 * @example
 * import { redactPII } from 'react-copilot-analytics'
 * <CopilotAnalyticsProvider privacy={{ redact: redactPII }}>
 * // compose: privacy={{ redact: (text, field) => redactPII(text).replace(/ACME-\d+/g, '[account]') }}
 */
export function redactPII(text: string, field?: string): string {
  if (field && /(^|_)id$|Id$/.test(field)) return text
  return text
    .replace(EMAIL, '[email]')
    .replace(IBAN, (match) => (isIban(match) ? '[iban]' : match))
    .replace(CARD, (match) => (passesLuhn(digits(match)) ? '[card]' : match))
    .split(DATE_TIME)
    // Dates land at the odd indexes: only the text between them is searched for phone numbers.
    .map((part, index) => (index % 2 ? part : part.replace(PHONE, phone)))
    .join('')
}

const phone = (match: string) => {
  const count = digits(match).length
  return count >= 9 && count <= 15 && !/^\d{4}[-/.]\d\d[-/.]\d\d/.test(match) ? '[phone]' : match
}
