// The council's register of providers (docs/providers.md): the command, the
// administrator's pages and the API, each council's register its own, and a
// provider account that sees only its own organisation. Run on both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, run, sql, startServer, Client, auditEntries, csrfFrom } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

// The demo's registers: Northshire's four, by name, and Southvale's one.
const NORTHSHIRE = ['Brightside Care', 'Green Fingers Garden Help', 'Meadow View Day Service', 'Tuesday Lunch Club']

async function signedIn (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

test(`provider add and list, and a provider account belongs to a provider of its council (${backend})`, () => {
  const db = demoDatabase()
  const north = ['--db', db, '--council', 'E10999901']
  const listed = run(['provider', 'list', ...north])
  assert.equal(listed.status, 0, listed.stderr)
  for (const name of NORTHSHIRE) assert.match(listed.stdout, new RegExp(name))
  assert.match(listed.stdout, /Brightside Care {2}\(Home care agency, CQC location 1-000000101\)/)
  assert.doesNotMatch(listed.stdout, /Southvale Home Support/)

  const added = run(['provider', 'add', ...north, '--name', 'Ann Smith', '--kind', 'personal_assistant', '--phone', '07700 900 456'])
  assert.equal(added.status, 0, added.stderr)
  const id = added.stdout.match(/provider (\d+)/)[1]
  assert.match(run(['provider', 'list', ...north]).stdout, new RegExp(`${id} {2}Ann Smith {2}\\(Personal assistant\\)`))

  // Bad input names each option, exits 2, and adds nothing.
  const before = sql(db, 'SELECT count(*) FROM providers')
  const bad = run(['provider', 'add', ...north, '--name', 'Bad Care', '--kind', 'care_home_chain', '--cqc', '12345', '--email', 'nope'])
  assert.equal(bad.status, 2)
  assert.match(bad.stderr, /--kind: Choose the kind of provider from the list/)
  assert.match(bad.stderr, /--cqc: The CQC location id must be "1-" followed by 9 to 11 digits/)
  assert.match(bad.stderr, /--email: /)
  const twice = run(['provider', 'add', ...north, '--name', 'Brightside again', '--kind', 'home_care_agency', '--cqc', '1-000000101'])
  assert.equal(twice.status, 2)
  assert.match(twice.stderr, /already on the register as Brightside Care/)
  assert.equal(sql(db, 'SELECT count(*) FROM providers'), before)
  assert.equal(run(['provider', 'list', '--db', db]).status, 1, 'two councils: --council is needed')

  const password = { input: 'a long enough password\n' }
  const user = (...extra) => run(['user', 'add', ...north, '--username', 'ann.smith', '--role', 'provider', '--password-stdin', ...extra], password)
  const none = user()
  assert.equal(none.status, 2)
  assert.match(none.stderr, /a provider account needs --provider/)
  const southvales = sql(db, "SELECT p.id FROM providers p JOIN councils c ON c.id = p.council_id WHERE c.code = 'E06999902'")
  const theirs = user('--provider', southvales)
  assert.equal(theirs.status, 1)
  assert.match(theirs.stderr, /there is no provider \d+ on that council's register/)
  const worker = run(['user', 'add', ...north, '--username', 'x.worker', '--role', 'social_worker', '--provider', id, '--password-stdin'], password)
  assert.equal(worker.status, 2)
  assert.match(worker.stderr, /--provider is only for provider accounts/)
  const ok = user('--provider', id)
  assert.equal(ok.status, 0, ok.stderr)
  assert.equal(sql(db, "SELECT provider_id FROM users WHERE username = 'ann.smith'"), id)
  // The demo's provider account belongs to its home care agency.
  assert.equal(sql(db, "SELECT p.name FROM users u JOIN providers p ON p.id = u.provider_id WHERE u.username = 'provider'"), 'Brightside Care')
})

test(`everyone who plans reads the register; finance and safeguarding do not (${backend})`, async () => {
  for (const username of ['social.worker', 'team.manager', 'commissioner', 'budget.holder', 'representative', 'admin']) {
    const r = await (await signedIn(username)).request('GET', '/api/v1/providers')
    assert.equal(r.status, 200, `${username}: ${r.text}`)
    const names = r.json().providers.map(p => p.name)
    for (const name of NORTHSHIRE) assert.ok(names.includes(name), `${username} sees ${name}`)
    assert.ok(!names.includes('Southvale Home Support'), 'never another council\'s')
  }
  const worker = await signedIn('social.worker')
  const brightside = (await worker.request('GET', '/api/v1/providers')).json().providers.find(p => p.name === 'Brightside Care')
  assert.deepEqual({ kind: brightside.kind, kind_label: brightside.kind_label, cqc: brightside.cqc_location_id },
    { kind: 'home_care_agency', kind_label: 'Home care agency', cqc: '1-000000101' })
  const lunchClub = (await worker.request('GET', '/api/v1/providers')).json().providers.find(p => p.name === 'Tuesday Lunch Club')
  assert.equal(lunchClub.cqc_location_id, null)
  assert.equal((await worker.request('GET', `/api/v1/providers/${brightside.id}`)).json().name, 'Brightside Care')
  for (const username of ['finance', 'safeguarding']) {
    const r = await (await signedIn(username)).request('GET', '/api/v1/providers')
    assert.equal(r.status, 403, username)
  }
  const southvale = await signedIn('southvale.worker')
  const theirs = (await southvale.request('GET', '/api/v1/providers')).json().providers
  assert.deepEqual(theirs.map(p => p.name), ['Southvale Home Support'])
  // Another council's provider ids are not found, whichever way round.
  assert.equal((await southvale.request('GET', `/api/v1/providers/${brightside.id}`)).status, 404)
  assert.equal((await worker.request('GET', `/api/v1/providers/${theirs[0].id}`)).status, 404)
  assert.equal((await worker.request('GET', '/api/v1/providers/999999')).status, 404)
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'view_providers' && e.outcome === 'refused'), JSON.stringify(trail.slice(0, 5)))
})

test(`a provider account sees only its own organisation (${backend})`, async () => {
  const provider = await signedIn('provider')
  const r = await provider.request('GET', '/api/v1/providers')
  assert.equal(r.status, 200, r.text)
  assert.deepEqual(r.json().providers.map(p => p.name), ['Brightside Care'])
  const own = r.json().providers[0].id
  assert.equal((await provider.request('GET', `/api/v1/providers/${own}`)).status, 200)
  const all = (await (await signedIn('social.worker')).request('GET', '/api/v1/providers')).json().providers
  for (const other of all.filter(p => p.id !== own)) {
    const seen = await provider.request('GET', `/api/v1/providers/${other.id}`)
    assert.equal(seen.status, 404, `${other.name} is another organisation's entry`)
  }
  assert.match((await provider.request('GET', '/home')).text, /You use Patchwork for Brightside Care\./)
  assert.equal((await provider.request('GET', '/admin/providers')).status, 403)
  assert.equal((await provider.send('POST', '/api/v1/providers', { json: { name: 'Mine', kind: 'other' } })).status, 403)
})

test(`administrators add and change providers through the API, bad input named, nothing stored (${backend})`, async () => {
  const admin = await signedIn('admin')
  const bad = await admin.send('POST', '/api/v1/providers', { json: { name: '', kind: 'nursing', cqc_location_id: '1-abc', phone: 'ring us' } })
  assert.equal(bad.status, 422, bad.text)
  assert.deepEqual(bad.json().errors.map(e => e.field).sort(), ['cqc_location_id', 'kind', 'name', 'phone'])
  const added = await admin.send('POST', '/api/v1/providers', {
    json: { name: 'Riverside Day Opportunities', kind: 'day_service', cqc_location_id: '1-000000909', email: 'hello@riverside.example' }
  })
  assert.equal(added.status, 201, added.text)
  const id = added.json().id
  assert.equal(added.headers.location, `/api/v1/providers/${id}`)
  const changed = await admin.send('PUT', `/api/v1/providers/${id}`, {
    json: { name: 'Riverside Day Opportunities CIC', kind: 'day_service', cqc_location_id: '1-000000909' }
  })
  assert.equal(changed.status, 200, changed.text)
  assert.equal(changed.json().email, '', 'PUT replaces the whole entry')
  const clash = await admin.send('PUT', `/api/v1/providers/${id}`, { json: { name: 'Riverside', kind: 'day_service', cqc_location_id: '1-000000101' } })
  assert.equal(clash.status, 422)
  assert.equal(clash.json().errors[0].field, 'cqc_location_id')
  assert.equal((await admin.request('GET', `/api/v1/providers/${id}`)).json().name, 'Riverside Day Opportunities CIC')
  const worker = await signedIn('social.worker')
  assert.equal((await worker.send('POST', '/api/v1/providers', { json: { name: 'X', kind: 'other' } })).status, 403)
  assert.equal((await worker.send('PUT', `/api/v1/providers/${id}`, { json: { name: 'X', kind: 'other' } })).status, 403)
  const southvaleAdmin = await signedIn('southvale.admin')
  assert.equal((await southvaleAdmin.send('PUT', `/api/v1/providers/${id}`, { json: { name: 'X', kind: 'other' } })).status, 404)
  const trail = await auditEntries(server, '?username=admin')
  assert.ok(trail.some(e => e.action === 'add_provider' && e.reason === `provider ${id}`))
  assert.ok(trail.some(e => e.action === 'change_provider' && e.reason === `provider ${id}`))
})

test(`the administrator's register pages: list, add and change, another council's 404 (${backend})`, async () => {
  const admin = await signedIn('admin')
  const list = await admin.request('GET', '/admin/providers')
  assert.equal(list.status, 200)
  for (const name of NORTHSHIRE) assert.match(list.text, new RegExp(name))
  assert.doesNotMatch(list.text, /Southvale Home Support/)
  assert.match(list.text, /1-000000101/)
  assert.match(list.text, /1 account/, 'the demo provider account belongs to Brightside Care')

  const form = await admin.request('GET', '/admin/providers/new')
  assert.equal(form.status, 200)
  const csrf = csrfFrom(form.text)
  const refused = await admin.request('POST', '/admin/providers', { form: { csrf_token: csrf, name: 'Hill Top Care', kind: '', cqc_location_id: '123' } })
  assert.equal(refused.status, 422)
  assert.match(refused.text, /Enter the kind of provider|Choose the kind of provider/)
  assert.match(refused.text, /The CQC location id must be/)
  assert.match(refused.text, /value="Hill Top Care"/, 'what was typed is kept')
  const saved = await admin.request('POST', '/admin/providers', { form: { csrf_token: csrf, name: 'Hill Top Care', kind: 'home_care_agency', cqc_location_id: '1-000000777' } })
  assert.equal(saved.status, 303, saved.text)
  assert.equal(saved.headers.location, '/admin/providers')
  const hillTop = (await admin.request('GET', '/api/v1/providers')).json().providers.find(p => p.name === 'Hill Top Care')
  assert.ok(hillTop)

  const edit = await admin.request('GET', `/admin/providers/${hillTop.id}`)
  assert.equal(edit.status, 200)
  assert.match(edit.text, /value="1-000000777"/)
  const changed = await admin.request('POST', `/admin/providers/${hillTop.id}`, {
    form: { csrf_token: csrfFrom(edit.text), name: 'Hill Top Home Care', kind: 'home_care_agency', cqc_location_id: '1-000000777', address: '1 Hill Top\nNorthtown' }
  })
  assert.equal(changed.status, 303, changed.text)
  const after = (await admin.request('GET', `/api/v1/providers/${hillTop.id}`)).json()
  assert.equal(after.name, 'Hill Top Home Care')
  assert.equal(after.address, '1 Hill Top\nNorthtown')

  const southvaleAdmin = await signedIn('southvale.admin')
  assert.equal((await southvaleAdmin.request('GET', `/admin/providers/${hillTop.id}`)).status, 404)
  const theirForm = await southvaleAdmin.request('GET', '/admin/providers')
  assert.doesNotMatch(theirForm.text, /Hill Top/)
  const forged = await southvaleAdmin.request('POST', `/admin/providers/${hillTop.id}`, {
    form: { csrf_token: csrfFrom(theirForm.text), name: 'Taken over', kind: 'other' }
  })
  assert.equal(forged.status, 404)
  assert.equal((await admin.request('GET', `/api/v1/providers/${hillTop.id}`)).json().name, 'Hill Top Home Care')
  for (const username of ['social.worker', 'team.manager', 'commissioner']) {
    const c = await signedIn(username)
    assert.equal((await c.request('GET', '/admin/providers')).status, 403, username)
    assert.equal((await c.request('GET', '/admin/providers/new')).status, 403, username)
  }
})
