/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); elsewhere (a dev
 * server on a LAN address) the classic replace trick makes one: an id, not a secret, so
 * Math.random is random enough.
 */
export function randomId(): string {
  return (
    crypto.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ ((Math.random() * 16) >> (+c / 4))).toString(16))
  )
}
