// Behind a TLS proxy (or with --secure-cookies) the session cookie is Secure and
// carries the __Host- prefix; without them a plain-HTTP cookie is used.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoDatabase, startServer, Client } from '../support/harness.mjs'

const signIn = { json: { username: 'admin', password: 'patchwork-demo' } }

test('a request the trusted proxy marks https gets a __Host- Secure cookie', async () => {
  const server = await startServer(demoDatabase(), ['--trust-proxy'])
  try {
    const c = new Client(server)
    const https = await c.request('POST', '/api/v1/sessions', { ...signIn, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' } })
    assert.equal(https.status, 201)
    const cookie = https.headers['set-cookie'].join(';')
    assert.match(cookie, /^__Host-pw_session=[0-9a-f]{64}; Path=\/; SameSite=Lax; HttpOnly; Secure/)
    assert.match(https.headers['strict-transport-security'], /max-age=/)
    // The session works over the proxy, under its prefixed name.
    const me = await c.request('GET', '/api/v1/me', { headers: { 'x-forwarded-proto': 'https' } })
    assert.equal(me.status, 200)
    const plain = await new Client(server).request('POST', '/api/v1/sessions', signIn)
    assert.doesNotMatch(plain.headers['set-cookie'].join(';'), /Secure/)
  } finally {
    await server.stop()
  }
})

test('--secure-cookies makes every cookie Secure; forwarded headers are ignored without --trust-proxy', async () => {
  const server = await startServer(demoDatabase(), ['--secure-cookies'])
  try {
    const r = await new Client(server).request('POST', '/api/v1/sessions', signIn)
    assert.match(r.headers['set-cookie'].join(';'), /^__Host-pw_session=.*Secure/)
  } finally {
    await server.stop()
  }
  const untrusted = await startServer(demoDatabase())
  try {
    const r = await new Client(untrusted).request('POST', '/api/v1/sessions', { ...signIn, headers: { 'x-forwarded-proto': 'https' } })
    assert.match(r.headers['set-cookie'].join(';'), /^pw_session=/)
  } finally {
    await untrusted.stop()
  }
})
