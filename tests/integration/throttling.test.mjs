// Sign-in is paused per network address too, whichever usernames are tried.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoDatabase, startServer, Client, sql } from '../support/harness.mjs'

test('failures from one address pause sign-in from it for every account', async () => {
  const db = demoDatabase()
  const server = await startServer(db, ['--sign-in-failures-per-address', '3'])
  try {
    const c = new Client(server)
    for (const username of ['nobody.one', 'nobody.two', 'finance']) {
      const r = await c.request('POST', '/api/v1/sessions', { json: { username, password: 'a wrong password' } })
      assert.equal(r.status, 401)
    }
    const paused = await c.request('POST', '/api/v1/sessions', { json: { username: 'safeguarding', password: 'patchwork-demo' } })
    assert.equal(paused.status, 429)
    assert.match(paused.json().detail, /Wait 15 minutes/)
    // The refusal is in the audit trail, against the account that was tried.
    assert.equal(sql(db, "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = 'safeguarding' " +
      "AND a.action = 'sign_in' AND a.outcome = 'refused' AND a.reason = 'too many failed attempts from this address'"), '1')
  } finally {
    await server.stop()
  }
})

// Behind a proxy that appends to X-Forwarded-For, the left entries are the
// client's to write: only the right-most, added by our proxy, is the address.
test('behind --trust-proxy, a client-written X-Forwarded-For entry does not dodge the address pause', async () => {
  const db = demoDatabase()
  const server = await startServer(db, ['--trust-proxy', '--sign-in-failures-per-address', '3'])
  try {
    const c = new Client(server)
    let n = 0
    const via = () => ({ 'x-forwarded-for': `10.9.8.${++n}, 203.0.113.7` })
    for (const username of ['nobody.one', 'nobody.two', 'finance']) {
      const r = await c.request('POST', '/api/v1/sessions', { json: { username, password: 'a wrong password' }, headers: via() })
      assert.equal(r.status, 401)
    }
    const paused = await c.request('POST', '/api/v1/sessions', { json: { username: 'safeguarding', password: 'patchwork-demo' }, headers: via() })
    assert.equal(paused.status, 429, 'a new left-hand entry is still the same client')
    assert.equal(sql(db, "SELECT DISTINCT address FROM sign_in_attempts"), '203.0.113.7')
    // Another address, as the proxy saw it, is not paused.
    const other = await c.request('POST', '/api/v1/sessions', {
      json: { username: 'safeguarding', password: 'patchwork-demo' }, headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.4' }
    })
    assert.equal(other.status, 201)
  } finally {
    await server.stop()
  }
})
