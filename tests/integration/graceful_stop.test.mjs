// SIGTERM lets requests in flight finish, then the process exits cleanly.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoDatabase, startServer, Client } from '../support/harness.mjs'

test('a request in flight when SIGTERM arrives still gets its answer', async () => {
  // With stronger hashing than the demo accounts were made with, sign-in
  // rehashes the password (Argon2id "moderate": most of a second), so the
  // request is certainly being handled when the signal arrives.
  const server = await startServer(demoDatabase(), ['--strong-password-hashes'])
  const c = new Client(server)
  const pending = c.request('POST', '/api/v1/sessions', { json: { username: 'admin', password: 'patchwork-demo' } })
  await new Promise(resolve => setTimeout(resolve, 150))
  server.proc.kill('SIGTERM')
  const r = await pending
  assert.equal(r.status, 201)
  const { code } = await server.exited
  assert.equal(code, 0)
  assert.match(server.log(), /stopping/)
  assert.match(server.log(), /stopped/)
})

test('an idle keep-alive connection does not hold up the stop', async () => {
  const server = await startServer(demoDatabase())
  const net = await import('node:net')
  const socket = net.connect(server.port, '127.0.0.1')
  await new Promise(resolve => socket.on('connect', resolve))
  const started = Date.now()
  server.proc.kill('SIGINT')
  const { code } = await server.exited
  assert.equal(code, 0)
  assert.ok(Date.now() - started < 5000)
  socket.destroy()
})
