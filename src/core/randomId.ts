/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); elsewhere (a dev
 * server on a LAN address) one is filled in from Math.random, with the version (4) and variant (8)
 * digits fixed: an id, not a secret, so Math.random is random enough.
 */
export function randomId(): string {
  return (
    crypto.randomUUID?.() ?? 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => ((Math.random() * 16) | 0).toString(16))
  )
}
