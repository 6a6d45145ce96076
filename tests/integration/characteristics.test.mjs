// The characteristics figures are split by (dementia, primary support reason,
// accommodation, unpaid carer, date of death) keep their history with the
// dates changes took effect, on both back ends: a change makes an entry, a
// date answers what held then, and a decision keeps what held when it was made.
// Also the national fields on the person: Client_Type, Employment_Status, GP.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

const everyAnswer = {
  washing: 'some_help', dressing: 'painful', toilet: 'alone', meals: 'forgets', moving_home: 'falls', housework: 'some_help',
  seeing_people: 'fine', going_out: 'with_someone', occupation: 'not_wanted', caring_child: 'no', memory: 'often',
  safety: 'sometimes', carer_help: 'some'
}

// A date `days` before today, as YYYY-MM-DD (UTC, as the server counts).
const daysAgo = days => new Date(Date.now() - days * 86400000).toISOString().slice(0, 10)

test(`a change makes an entry, as_at answers what held, and decisions keep it (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const created = await worker.send('POST', '/api/v1/people', {
    json: { given_name: 'Winifred', family_name: 'Hartley', date_of_birth: '1936-02-09', primary_support_reason: 'Support with Memory & Cognition',
      has_unpaid_carer: 'Yes', gp_practice_code: 'a81001', gp_practice_name: 'Northshire Health Centre', employment_status: 'Not in paid employment: Not actively seeking work or retired' }
  })
  assert.equal(created.status, 201, created.text)
  const person = created.json()
  const base = `/api/v1/people/${person.id}/characteristics`
  // The national fields: stored and shown as release 1 values, the GP code in capitals.
  assert.equal(person.client_type, 'Service User')
  assert.equal(person.employment_status, 'Not in Paid Employment (not actively seeking work / retired)')
  assert.equal(person.gp_practice_code, 'A81001')
  assert.equal(person.gp_practice_name, 'Northshire Health Centre')

  // Recording her begins the history: one entry for each characteristic, by the worker, from today.
  let shown = (await worker.request('GET', base)).json()
  assert.equal(shown.history.length, 4)
  assert.ok(shown.history.every(h => h.effective_from === daysAgo(0) && h.recorded_by !== null && h.recorded_by_name.length > 0), shown.text)
  assert.equal(shown.current.dementia, 'Not known')
  assert.equal(shown.current.national.Dementia, 'Unknown')

  // Dementia suspected from 200 days ago, then diagnosed from 30 days ago: each a new entry.
  const suspected = await worker.send('PATCH', `/api/v1/people/${person.id}`, { json: { dementia: 'Suspected', effective_from: daysAgo(200) } })
  assert.equal(suspected.status, 200, suspected.text)
  assert.equal(suspected.json().dementia, 'Suspected')
  const diagnosed = await worker.send('PATCH', `/api/v1/people/${person.id}`, { json: { dementia: 'Diagnosed', effective_from: daysAgo(30) } })
  assert.equal(diagnosed.status, 200, diagnosed.text)
  shown = (await worker.request('GET', base)).json()
  assert.equal(shown.history.length, 6)
  assert.equal(shown.current.dementia, 'Diagnosed')
  assert.equal(shown.current.national.Dementia, 'Yes')
  // The last recorded first: the first of each characteristic is the one in effect.
  assert.deepEqual(shown.history.filter(h => h.characteristic === 'dementia').map(h => [h.value, h.effective_from]),
    [['Diagnosed', daysAgo(30)], ['Suspected', daysAgo(200)], ['Not known', daysAgo(0)]])

  // What held on a date.
  const then = (await worker.request('GET', `${base}?as_at=${daysAgo(100)}`)).json()
  assert.equal(then.as_at, daysAgo(100))
  assert.equal(then.characteristics.dementia, 'Suspected')
  assert.equal(then.characteristics.national.Dementia, 'Unknown', 'suspected is not exported as a diagnosis')
  assert.equal(then.characteristics.has_unpaid_carer, 'Unknown', 'not yet recorded then')
  assert.equal((await worker.request('GET', `${base}?as_at=${daysAgo(0)}`)).json().characteristics.dementia, 'Diagnosed')
  const beforeAll = (await worker.request('GET', `${base}?as_at=${daysAgo(365)}`)).json()
  assert.equal(beforeAll.characteristics, null)
  assert.match(beforeAll.detail, /Nothing was recorded/)

  // A decision and an allocation keep what held when they were made.
  const started = await worker.send('POST', `/api/v1/people/${person.id}/assessments`, { json: { completed_with: 'Winifred and her son' } })
  assert.equal(started.status, 201, started.text)
  const assessment = started.json()
  assert.equal((await worker.send('PATCH', `/api/v1/people/${person.id}/assessments/${assessment.id}`, { json: { answers: everyAnswer, submit: true } })).status, 200)
  assert.equal((await worker.send('POST', `/api/v1/people/${person.id}/assessments/${assessment.id}/confirmation`, { json: {} })).status, 200)
  const proposal = (await worker.request('GET', `/api/v1/people/${person.id}/eligibility`)).json().proposal
  const decided = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: true,
      impact_note: 'Winifred is not eating well and is at risk of falls.', method_of_assessment: 'Service user only', outcomes: proposal.findings.outcomes }
  })
  assert.equal(decided.status, 201, decided.text)
  assert.equal(decided.json().characteristics.dementia, 'Diagnosed')
  assert.equal(decided.json().characteristics.accommodation_status, 'Unknown')
  const allocated = await worker.send('POST', `/api/v1/people/${person.id}/allocations`, { json: { assessment_id: assessment.id } })
  assert.equal(allocated.status, 201, allocated.text)
  assert.equal(allocated.json().characteristics.has_unpaid_carer, 'Yes')

  // Later she moves into a care home and her son stops caring: the decision still says what held then.
  const moved = await worker.send('PATCH', `/api/v1/people/${person.id}`, {
    json: { accommodation_status: 'Registered care home', has_unpaid_carer: 'No' }
  })
  assert.equal(moved.status, 200, moved.text)
  const decision = (await worker.request('GET', `/api/v1/people/${person.id}/eligibility`)).json().decisions[0]
  assert.equal(decision.characteristics.accommodation_status, 'Unknown')
  assert.equal(decision.characteristics.dementia, 'Diagnosed')
  const allocation = (await worker.request('GET', `/api/v1/people/${person.id}/allocations`)).json().allocations[0]
  assert.equal(allocation.characteristics.has_unpaid_carer, 'Yes')
  assert.equal(allocation.characteristics.national.Dementia, 'Yes')
  assert.equal((await worker.request('GET', base)).json().current.accommodation_status, 'Registered care home')

  // A date of death takes effect on the day of death.
  const died = await worker.send('PATCH', `/api/v1/people/${person.id}`, { json: { date_of_death: daysAgo(2) } })
  assert.equal(died.status, 200, died.text)
  assert.equal((await worker.request('GET', `${base}?as_at=${daysAgo(3)}`)).json().characteristics.date_of_death, null)
  assert.equal((await worker.request('GET', `${base}?as_at=${daysAgo(1)}`)).json().characteristics.date_of_death, daysAgo(2))

  // The record page shows the history.
  const page = await worker.request('GET', `/people/${person.id}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Changes over time/)
  assert.match(page.text, /Dementia: Suspected, not diagnosed/)
  assert.match(page.text, /Where they live: Care home/)
  assert.match(page.text, /GP practice<\/dt><dd class="govuk-summary-list__value">Northshire Health Centre \(A81001\)/)

  // Reads and writes are in the audit trail.
  const trail = await auditEntries(server, `?person_id=${person.id}`)
  assert.ok(trail.some(e => e.action === 'change_characteristics' && /dementia: Suspected from/.test(e.reason)), 'change audited')
  assert.ok(trail.some(e => e.action === 'view_characteristics' && e.outcome === 'allowed'), 'look audited')
})

test(`bad values are named and nothing is stored (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const created = await worker.send('POST', '/api/v1/people', { json: { given_name: 'Albert', family_name: 'Noakes', date_of_birth: '1940-07-01' } })
  assert.equal(created.status, 201, created.text)
  const id = created.json().id
  const history = async () => (await worker.request('GET', `/api/v1/people/${id}/characteristics`)).json().history.length
  const before = await history()

  const cases = [
    [{ dementia: 'Maybe' }, ['dementia']],
    [{ dementia: 'Suspected', effective_from: '2999-01-01' }, ['effective_from']],
    [{ dementia: 'Suspected', effective_from: 'last week' }, ['effective_from']],
    [{ dementia: 'Suspected', effective_from: '1930-01-01' }, ['effective_from']],
    [{ client_type: 'Patient', employment_status: 'Retired', gp_practice_code: '12345' }, ['client_type', 'employment_status', 'gp_practice_code']],
    [{ accommodation_status: 'Temporary accommodation' }, ['accommodation_status']]
  ]
  for (const [json, fields] of cases) {
    const r = await worker.send('PATCH', `/api/v1/people/${id}`, { json })
    assert.equal(r.status, 422, JSON.stringify(json))
    assert.deepEqual(r.json().errors.map(e => e.field), fields, JSON.stringify(json))
  }
  assert.equal(await history(), before, 'no entry added')
  const person = (await worker.request('GET', `/api/v1/people/${id}`)).json()
  assert.equal(person.dementia, 'Not known')
  assert.equal(person.client_type, 'Service User')

  const badDate = await worker.request('GET', `/api/v1/people/${id}/characteristics?as_at=2026-02-30`)
  assert.equal(badDate.status, 422)
  assert.equal(badDate.json().errors[0].field, 'as_at')

  // Release 2 spellings are accepted and stored as release 1 values.
  const r2 = await worker.send('PATCH', `/api/v1/people/${id}`, { json: { client_type: 'Unpaid carer', employment_status: 'Not in paid employment: Seeking work' } })
  assert.equal(r2.status, 200, r2.text)
  assert.equal(r2.json().client_type, 'Carer')
  assert.equal(r2.json().employment_status, 'Not in Paid Employment (seeking work)')
  assert.equal(await history(), before, 'only the characteristics kept with history add entries')
})

test(`another council's person, and someone not working with them, are refused (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const created = await worker.send('POST', '/api/v1/people', { json: { given_name: 'Ivy', family_name: 'Lund', date_of_birth: '1945-01-01' } })
  const id = created.json().id
  const southvale = new Client(server)
  await southvale.signIn('southvale.worker')
  assert.equal((await southvale.request('GET', `/api/v1/people/${id}/characteristics`)).status, 404)
  const finance = new Client(server)
  await finance.signIn('finance')
  assert.equal((await finance.request('GET', `/api/v1/people/${id}/characteristics`)).status, 403)
  const provider = new Client(server)
  await provider.signIn('provider')
  assert.equal((await provider.request('GET', `/api/v1/people/${id}/characteristics?as_at=2026-01-01`)).status, 403)
})
