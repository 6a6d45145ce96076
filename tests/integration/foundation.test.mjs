// The foundation over real HTTP against a real `patchwork serve` process, on the
// back end named by PATCHWORK_BACKEND (sqlite or postgres).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, csrfFrom, rawExchange, auditEntries } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase(), ['--request-timeout-seconds', '2']) })
after(async () => { await server.stop() })

test(`health and readiness answer (${backend})`, async () => {
  const c = new Client(server)
  assert.equal((await c.request('GET', '/healthz')).status, 200)
  const ready = await c.request('GET', '/readyz')
  assert.equal(ready.status, 200)
  assert.match(ready.text, /ready/)
})

test('every response carries the security headers', async () => {
  const r = await new Client(server).request('GET', '/')
  assert.equal(r.status, 200)
  assert.match(r.headers['content-security-policy'], /script-src 'self'/)
  assert.match(r.headers['content-security-policy'], /frame-ancestors 'none'/)
  assert.doesNotMatch(r.headers['content-security-policy'], /unsafe-inline/)
  assert.equal(r.headers['x-content-type-options'], 'nosniff')
  assert.equal(r.headers['referrer-policy'], 'same-origin')
  assert.match(r.headers['x-request-id'], /^[0-9a-f]{16}$/)
  const missing = await new Client(server).request('GET', '/no-such-page')
  assert.equal(missing.status, 404)
  assert.equal(missing.headers['x-content-type-options'], 'nosniff')
})

test('static assets are served with cache headers and revalidate by ETag', async () => {
  const c = new Client(server)
  const css = await c.request('GET', '/assets/patchwork.css')
  assert.equal(css.status, 200)
  assert.match(css.headers['content-type'], /text\/css/)
  assert.match(css.headers['cache-control'], /max-age=/)
  assert.ok(css.headers.etag)
  assert.doesNotMatch(css.text, /GDS Transport/)
  const again = await c.request('GET', '/assets/patchwork.css', { headers: { 'if-none-match': css.headers.etag } })
  assert.equal(again.status, 304)
  assert.equal((await c.request('GET', '/assets/govuk/images/favicon.ico')).status, 200)
  assert.equal((await c.request('GET', '/assets/../CMakeLists.txt')).status, 404)
  assert.equal((await c.request('GET', '/assets/govuk/fonts/light-94a07e06a1-v2.woff2')).status, 404, 'the GDS Transport font is never served')
})

test('API sign-in returns a CSRF token and a session cookie; me and sign-out work', async () => {
  const c = new Client(server)
  const r = await c.request('POST', '/api/v1/sessions', { json: { username: 'social.worker', password: 'patchwork-demo' } })
  assert.equal(r.status, 201)
  assert.match(r.json().csrf_token, /^[0-9a-f]{64}$/)
  const cookie = r.headers['set-cookie'].join(';')
  assert.match(cookie, /HttpOnly/)
  assert.match(cookie, /SameSite=Lax/)
  c.csrf = r.json().csrf_token
  const me = await c.request('GET', '/api/v1/me')
  assert.equal(me.status, 200)
  assert.equal(me.json().role, 'social_worker')
  assert.equal(me.json().council.name, 'Northshire Council')
  const out = await c.send('DELETE', '/api/v1/sessions/current')
  assert.equal(out.status, 204)
  assert.equal((await c.request('GET', '/api/v1/me')).status, 401)
})

test('a wrong password and an unknown username get the same answer', async () => {
  const c = new Client(server)
  const wrong = await c.request('POST', '/api/v1/sessions', { json: { username: 'finance', password: 'not-the-password' } })
  const unknown = await c.request('POST', '/api/v1/sessions', { json: { username: 'nobody.here', password: 'not-the-password' } })
  assert.equal(wrong.status, 401)
  assert.equal(unknown.status, 401)
  assert.equal(wrong.json().detail, unknown.json().detail)
  assert.match(wrong.headers['content-type'], /application\/problem\+json/)
})

test('sign-in is throttled per account after repeated failures, and the refusals are audited', async () => {
  const c = new Client(server)
  for (let i = 0; i < 5; i++) {
    const r = await c.request('POST', '/api/v1/sessions', { json: { username: 'commissioner', password: 'guess-' + i } })
    assert.equal(r.status, 401)
  }
  // Even the right password is refused while the account is paused.
  const paused = await c.request('POST', '/api/v1/sessions', { json: { username: 'commissioner', password: 'patchwork-demo' } })
  assert.equal(paused.status, 429)
  const entries = await auditEntries(server, '?username=commissioner')
  assert.ok(entries.filter(e => e.action === 'sign_in' && e.outcome === 'refused').length >= 6)
})

test('malformed and incomplete sign-in requests are named', async () => {
  const c = new Client(server)
  const notJson = await c.request('POST', '/api/v1/sessions', { body: '{"username":', headers: { 'content-type': 'application/json' } })
  assert.equal(notJson.status, 400)
  assert.match(notJson.json().detail, /not valid JSON/)
  const missing = await c.request('POST', '/api/v1/sessions', { json: { username: 'admin' } })
  assert.equal(missing.status, 422)
  assert.deepEqual(missing.json().errors.map(e => e.field), ['password'])
  const wrongType = await c.request('POST', '/api/v1/sessions', { json: { username: 7, password: 'x' } })
  assert.equal(wrongType.status, 422)
  assert.equal(wrongType.json().errors[0].field, 'username')
  const form = await c.request('POST', '/api/v1/sessions', { form: { username: 'admin', password: 'patchwork-demo' } })
  assert.equal(form.status, 403)
})

test('state-changing API calls without the CSRF token, or from another site, are refused', async () => {
  const c = new Client(server)
  await c.signIn('team.manager')
  const noToken = await c.request('DELETE', '/api/v1/sessions/current')
  assert.equal(noToken.status, 403)
  assert.match(noToken.headers['content-type'], /problem\+json/)
  assert.match(noToken.json().detail, /X-CSRF-Token/)
  const crossSite = await c.send('DELETE', '/api/v1/sessions/current', { headers: { origin: 'https://evil.example' } })
  assert.equal(crossSite.status, 403)
  // Still signed in: neither forged request did anything.
  assert.equal((await c.request('GET', '/api/v1/me')).status, 200)
  const entries = await auditEntries(server, '?username=team.manager')
  assert.ok(entries.some(e => e.action === 'request_check' && e.outcome === 'refused'))
})

test('forms need the CSRF token: the sign-in form works, a forged form post does not', async () => {
  const c = new Client(server)
  const page = await c.request('GET', '/sign-in')
  const token = csrfFrom(page.text)
  assert.ok(token, 'the sign-in form carries a token')
  const forged = await new Client(server).request('POST', '/sign-in', { form: { username: 'admin', password: 'patchwork-demo', csrf_token: token } })
  assert.equal(forged.status, 403, 'a token without its cookie is refused')
  const ok = await c.request('POST', '/sign-in', { form: { username: 'admin', password: 'patchwork-demo', csrf_token: token, next: '/audit' } })
  assert.equal(ok.status, 303)
  assert.equal(ok.headers.location, '/audit')
  const audit = await c.request('GET', '/audit')
  assert.equal(audit.status, 200)
  const sessionToken = csrfFrom(audit.text)
  assert.notEqual(sessionToken, token, 'signing in gives a new token')
  const badSignOut = await c.request('POST', '/sign-out', { form: { csrf_token: token } })
  assert.equal(badSignOut.status, 403)
  const signOut = await c.request('POST', '/sign-out', { form: { csrf_token: sessionToken } })
  assert.equal(signOut.status, 303)
  assert.equal((await c.request('GET', '/audit')).status, 303, 'signed out: sent to sign in')
})

test('a page that needs sign-in sends the visitor to sign in and back', async () => {
  const r = await new Client(server).request('GET', '/people/1')
  assert.equal(r.status, 303)
  assert.equal(r.headers.location, '/sign-in?next=%2Fpeople%2F1')
  const offsite = await new Client(server).request('GET', '/sign-in?next=//evil.example/')
  assert.match(offsite.text, /name="next" value="\/home"/)
})

test('role and relationship decide access, with 403 problem documents, and every look is audited', async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const allowed = await worker.request('GET', '/api/v1/people/1')
  assert.equal(allowed.status, 200)
  assert.equal(allowed.json().family_name, 'Ellis')
  // Aisha Rahman (person 4) is not on this worker's caseload.
  const refused = await worker.request('GET', '/api/v1/people/4')
  assert.equal(refused.status, 403)
  assert.match(refused.headers['content-type'], /application\/problem\+json/)
  assert.equal(refused.json().status, 403)

  // A finance officer sees who the person is (to pay them), never the care record.
  const finance = new Client(server)
  await finance.signIn('finance')
  const identity = await finance.request('GET', '/api/v1/people/1')
  assert.equal(identity.status, 200)
  assert.equal(identity.json().view, 'identity')
  assert.equal(identity.json().dementia, undefined)
  assert.equal((await finance.request('GET', '/api/v1/audit')).status, 403)


  const rep = new Client(server)
  await rep.signIn('representative')
  assert.equal((await rep.request('GET', '/api/v1/people/1')).status, 200, 'attorney for Margaret Ellis')
  assert.equal((await rep.request('GET', '/api/v1/people/2')).status, 403)

  const holder = new Client(server)
  await holder.signIn('budget.holder')
  assert.equal((await holder.request('GET', '/api/v1/people/2')).status, 200, 'Joseph Okafor sees his own record')
  assert.equal((await holder.request('GET', '/api/v1/people/1')).status, 403)

  const forPerson1 = await auditEntries(server, '?person_id=1')
  const worker1 = forPerson1.find(e => e.username === 'social.worker' && e.action === 'view_person_record')
  assert.equal(worker1.outcome, 'allowed')
  assert.ok(forPerson1.some(e => e.username === 'budget.holder' && e.outcome === 'refused'))
  assert.ok(forPerson1.some(e => e.username === 'finance' && e.outcome === 'allowed' && e.reason === 'saw identity'))
  const forPerson4 = await auditEntries(server, '?person_id=4')
  assert.ok(forPerson4.some(e => e.username === 'social.worker' && e.outcome === 'refused'))
})

test('the audit trail search names bad filters and cannot be changed through the API', async () => {
  const admin = new Client(server)
  await admin.signIn('admin')
  const bad = await admin.request('GET', '/api/v1/audit?from=2026-02-30&person_id=abc')
  assert.equal(bad.status, 422)
  assert.deepEqual(bad.json().errors.map(e => e.field).sort(), ['from', 'person_id'])
  for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) {
    const r = await admin.send(method, '/api/v1/audit', { json: {} })
    assert.equal(r.status, 405, method)
  }
  const today = new Date().toISOString().slice(0, 10)
  const dated = await admin.request('GET', `/api/v1/audit?from=${today}&to=${today}&username=admin`)
  assert.equal(dated.status, 200)
  assert.ok(dated.json().entries.every(e => e.occurred_at.startsWith(today) && e.username === 'admin'))
  assert.ok(dated.json().entries.some(e => e.action === 'sign_in'))
})

test('oversized headers get 431 and oversized bodies 413, and the server keeps serving', async () => {
  const c = new Client(server)
  const big = await c.request('GET', '/healthz', { headers: { 'x-filler': 'a'.repeat(20000) } })
  assert.equal(big.status, 431)
  const huge = await rawExchange(server.port,
    'POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n' + 'x'.repeat(65536))
  assert.match(huge, /^HTTP\/1\.1 413/)
  assert.equal((await c.request('GET', '/healthz')).status, 200)
})

test('malformed requests get 400 and a slow request 408, never a crash', async () => {
  assert.match(await rawExchange(server.port, 'GARBAGE\r\n\r\n'), /^HTTP\/1\.1 400/)
  assert.match(await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'), /^HTTP\/1\.1 400/)
  assert.match(await rawExchange(server.port, 'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 400/)
  assert.match(await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Partial'), /^HTTP\/1\.1 408/)
  const c = new Client(server)
  const badForm = await c.request('GET', '/sign-in')
  const r = await c.request('POST', '/sign-in', { body: 'csrf_token=%zz&username=%', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  assert.equal(r.status, 403)
  assert.ok(badForm)
  assert.equal((await c.request('GET', '/healthz')).status, 200)
})

test('unknown methods on known paths get 405 with Allow', async () => {
  const r = await new Client(server).request('PUT', '/sign-in')
  assert.equal(r.status, 405)
  assert.match(r.headers.allow, /GET/)
})

test('team managers see every caseload; social workers only their own', async () => {
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const list = await manager.request('GET', '/caseloads')
  assert.equal(list.status, 200)
  assert.match(list.text, /Sam Patel<\/a><\/th><td class="govuk-table__cell govuk-table__cell--numeric">4</)
  const one = await manager.request('GET', '/caseloads/2')
  assert.equal(one.status, 200)
  assert.match(one.text, /Margaret Ellis/)
  assert.doesNotMatch(one.text, /Aisha Rahman/)
  assert.equal((await manager.request('GET', '/caseloads/1')).status, 404, 'the administrator has no caseload')
  const worker = new Client(server)
  await worker.signIn('social.worker')
  assert.equal((await worker.request('GET', '/caseloads')).status, 403)
})
