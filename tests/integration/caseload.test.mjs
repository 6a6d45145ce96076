// GET /api/v1/caseload: a social worker's allocated people, as their home page
// shows them, through the policy, with each person listed in the audit trail.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

const names = r => r.json().people.map(p => `${p.given_name} ${p.family_name}`).sort()

test(`a social worker's caseload is the four demo people allocated to them (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const r = await worker.request('GET', '/api/v1/caseload')
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json().social_worker.username, 'social.worker')
  assert.equal(r.json().people.length, 4)
  assert.ok(names(r).some(n => n.endsWith('Okafor')))
  // The audit trail names each person the list showed.
  const listed = (await auditEntries(server, '?username=social.worker')).filter(e => e.action === 'list_person' && /the caseload of social.worker/.test(e.reason))
  assert.deepEqual(listed.map(e => e.person_id).sort(), r.json().people.map(p => p.id).sort())
})

test('a team manager sees a named social worker\'s caseload; others are refused', async () => {
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const own = await manager.request('GET', '/api/v1/caseload')
  assert.equal(own.status, 422, 'a team manager has no caseload of their own')
  assert.equal(own.headers['content-type'], 'application/problem+json')
  const theirs = await manager.request('GET', '/api/v1/caseload?username=social.worker')
  assert.equal(theirs.status, 200, theirs.text)
  assert.equal(theirs.json().people.length, 4)
  assert.equal((await manager.request('GET', '/api/v1/caseload?username=admin')).status, 404)
  assert.equal((await manager.request('GET', '/api/v1/caseload?username=no.one')).status, 404)

  const worker = new Client(server)
  await worker.signIn('social.worker')
  assert.equal((await worker.request('GET', '/api/v1/caseload?username=social.worker')).status, 403,
    'only team managers see a caseload by name')
  for (const who of ['admin', 'commissioner', 'budget.holder', 'representative']) {
    const c = new Client(server)
    await c.signIn(who)
    assert.equal((await c.request('GET', '/api/v1/caseload')).status, 403, who)
  }
  assert.equal((await new Client(server).request('GET', '/api/v1/caseload')).status, 401)
})
