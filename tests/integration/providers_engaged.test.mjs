// Providers engaged through plans (#15, docs/providers.md "Engagement"): a
// provider account sees a person's contact details and plan only while its
// organisation is named on a line, or holds an individual service fund part, of
// the person's approved plan in force today; not before that version takes
// effect, not after a new version without them takes over; another provider
// never. Lines and parts naming a provider not on the council's register are
// refused naming provider_id. And the RAS learning report (API and page) by
// role. Approval is set in the database, as plans.test.mjs does: the approvals
// flow's own tests cover the decision itself. Run on both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, run, sql, startServer, Client, auditEntries } from '../support/harness.mjs'
import { eligiblePerson as assessedPerson } from '../support/planning.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10)
// A function: `db` is set by before(), after this module's top level has run.
const north = () => ['--db', db, '--council', 'E10999901']

async function signedIn (username, password) {
  const c = new Client(server)
  await c.signIn(username, password)
  return c
}

// A person with eligible needs and an indicative budget, with an address a provider may see.
async function eligiblePerson (worker, given) {
  const details = { family_name: 'Engaged', date_of_birth: '1940-05-06', dementia: 'Suspected', address_line_1: '4 Mill Lane', town: 'Northshire' }
  return (await assessedPerson(worker, given, details)).person
}

function addProvider (name) {
  const added = run(['provider', 'add', ...north(), '--name', name, '--kind', 'home_care_agency'])
  assert.equal(added.status, 0, added.stderr)
  return added.stdout.match(/provider (\d+)/)[1]
}

function addProviderAccount (username, providerId) {
  const made = run(['user', 'add', ...north(), '--username', username, '--name', username, '--role', 'provider', '--provider', providerId, '--password-stdin'],
    { input: 'a long enough password\n' })
  assert.equal(made.status, 0, made.stderr)
}

const line = (extra) => ({
  description: 'Help to wash and dress each morning', supplier_kind: 'provider', supplier_name: 'Engaged Care', unit_cost: '25.00',
  cost_frequency: 'Hourly', planned_units_per_week: '7', service_type: 'Long Term Support: Community', service_component: 'Home Care',
  part: 'A', outcomes: '1', ...extra
})

test(`a provider sees a person only while a plan in force names it (${backend})`, async () => {
  const first = addProvider('Engaged Care')
  const second = addProvider('Fund Holders Ltd')
  addProviderAccount('engaged.care', first)
  addProviderAccount('fund.holders', second)
  const worker = await signedIn('social.worker')
  const person = await eligiblePerson(worker, 'Winifred')
  const base = `/api/v1/people/${person}/plans`
  const started = await worker.send('POST', base, { json: { helped_by: 'family_or_friends', views_included: 'fully' } })
  assert.equal(started.status, 201, started.text)
  const plan = started.json()
  const at = `${base}/${plan.id}`
  assert.equal((await worker.send('POST', `${at}/outcomes`, { json: { words: 'I want to stay at home', aim: 'keep', needs: plan.eligible_needs.join(',') } })).status, 201)
  assert.equal((await worker.send('POST', `${at}/parts`, { json: { key: 'A', mechanism: 'council_managed' } })).status, 201)

  // A provider not on this council's register, or none at all, is refused naming provider_id; nothing stored.
  const southvales = sql(db, "SELECT p.id FROM providers p JOIN councils c ON c.id = p.council_id WHERE c.code = 'E06999902'")
  for (const extra of [{ provider_id: '999999' }, { provider_id: southvales }, { provider_id: '' }]) {
    const r = await worker.send('POST', `${at}/lines`, { json: line(extra) })
    assert.equal(r.status, 422, r.text)
    assert.equal(r.json().errors[0].field, 'provider_id', r.text)
  }
  const isfElsewhere = await worker.send('POST', `${at}/parts`, { json: { key: 'B', mechanism: 'individual_service_fund', provider_id: southvales, terms: 'Arranges support as she chooses' } })
  assert.equal(isfElsewhere.status, 422, isfElsewhere.text)
  assert.equal(isfElsewhere.json().errors[0].field, 'provider_id')
  assert.equal((await worker.request('GET', at)).json().lines.length, 0)
  assert.equal((await worker.request('GET', at)).json().parts.length, 1)

  assert.equal((await worker.send('POST', `${at}/lines`, { json: line({ provider_id: first }) })).status, 201)

  const care = await signedIn('engaged.care', 'a long enough password')
  const funds = await signedIn('fund.holders', 'a long enough password')
  const sees = async (client) => (await client.request('GET', `/api/v1/people/${person}`)).status === 200
  const listed = async (client) => (await client.request('GET', '/home')).text.includes('Winifred')

  // A draft names the provider: not engaged.
  assert.equal(await sees(care), false)
  // Approved, but from tomorrow: not yet.
  sql(db, `UPDATE support_plans SET status = 'approved', effective_from = '${day(1)}' WHERE id = ${plan.id}`)
  assert.equal(await sees(care), false)
  assert.equal(await listed(care), false)
  // In force since yesterday: contact details and the plan, nothing else.
  sql(db, `UPDATE support_plans SET effective_from = '${day(-1)}' WHERE id = ${plan.id}`)
  const shown = await care.request('GET', `/api/v1/people/${person}`)
  assert.equal(shown.status, 200, shown.text)
  assert.equal(shown.json().view, 'contact')
  assert.equal((await care.request('GET', at)).status, 200)
  assert.equal((await care.request('GET', `/api/v1/people/${person}/budgets`)).status, 403)
  assert.equal((await care.send('POST', `${at}/lines`, { json: line({ provider_id: first }) })).status, 403)
  assert.equal(await listed(care), true)
  const record = await care.request('GET', `/people/${person}`)
  assert.equal(record.status, 200)
  assert.match(record.text, /4 Mill Lane/)
  assert.match(record.text, /Their support plan/)
  assert.doesNotMatch(record.text, /Unpaid carers/)
  // Another provider never.
  assert.equal(await sees(funds), false)
  assert.equal(await listed(funds), false)

  // A new version without the line, its support given by a fund another provider holds, from the day after tomorrow.
  const next = await worker.send('POST', `${at}/versions`, { json: { effective_from: day(2) } })
  assert.equal(next.status, 201, next.text)
  const v2 = `${base}/${next.json().id}`
  assert.equal((await worker.send('DELETE', `${v2}/lines/1`)).status, 200)
  assert.equal((await worker.send('POST', `${v2}/parts`, { json: { key: 'B', mechanism: 'individual_service_fund', provider_id: second, terms: 'Arranges support as she chooses' } })).status, 201)
  assert.equal((await worker.send('POST', `${v2}/lines`, { json: line({ supplier_kind: 'personal_assistant', supplier_name: 'Ann Bright', part: 'B' }) })).status, 201)
  sql(db, `UPDATE support_plans SET status = 'approved' WHERE id = ${next.json().id}`)
  sql(db, `UPDATE support_plans SET status = 'superseded' WHERE id = ${plan.id}`)
  // Until it takes over, the first provider is still engaged and the second not yet.
  assert.equal(await sees(care), true)
  assert.equal(await sees(funds), false)
  // Once it is in force, the engagement ends with the line, and the fund holder's begins.
  sql(db, `UPDATE support_plans SET effective_from = '${day(0)}' WHERE id = ${next.json().id}`)
  assert.equal(await sees(care), false)
  assert.equal(await listed(care), false)
  assert.equal(await sees(funds), true)
  assert.equal(await listed(funds), true)
  assert.equal((await funds.request('GET', v2)).status, 200)

  const trail = await auditEntries(server, '?username=engaged.care')
  assert.ok(trail.some(e => e.action === 'view_supported_people'), 'the provider home page is audited')
  assert.ok(trail.some(e => e.action === 'view_person_record' && e.outcome === 'refused'), 'a refusal is audited')
})

test(`the RAS learning report: API and page for those who see council figures (${backend})`, async () => {
  for (const username of ['team.manager', 'commissioner', 'admin']) {
    const client = await signedIn(username)
    const api = await client.request('GET', '/api/v1/reports/ras-learning')
    assert.equal(api.status, 200, `${username}: ${api.text}`)
    // Winifred's plan (the test above) is in force and began from an indicative amount.
    assert.ok(api.json().groups.some(g => g.dimension === 'Dementia' && g.label === 'Suspected' && g.plans >= 1), api.text)
    const page = await client.request('GET', '/reports/ras-learning')
    assert.equal(page.status, 200, `${username}: ${page.text}`)
    assert.match(page.text, /How agreed plans compare with the RAS/)
    // Only an administrator is offered the button that loads the proposal.
    assert.ok(api.json().proposal, api.text)
    assert.equal(page.text.includes('Load this model as a new version'), username === 'admin', username)
  }
  for (const username of ['social.worker', 'provider', 'budget.holder', 'representative', 'safeguarding']) {
    const client = await signedIn(username)
    assert.equal((await client.request('GET', '/api/v1/reports/ras-learning')).status, 403, username)
    assert.equal((await client.request('GET', '/reports/ras-learning')).status, 403, username)
  }
})
