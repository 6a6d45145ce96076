// Support plans (#15, the plan part): started from the person's eligible needs
// and indicative budget, built one piece at a time, refused bad input naming the
// field with nothing stored, frozen once submitted, a new version after a
// decision, agreement recorded; role and relationship checked and audited.
// Approval itself is tested in plan_flow.test.mjs and approvals.test.mjs:
// here a decision is set in the database, to test versions on their own.
// Run on both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, sql } from '../support/harness.mjs'
import { eligiblePerson, involve } from '../support/planning.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const hourly = { description: 'Help to wash and dress each morning', supplier_kind: 'personal_assistant', supplier_name: 'Ann Bright', unit_cost: '21.50', cost_frequency: 'Hourly', planned_units_per_week: '10.25', service_type: 'Long Term Support: Community', service_component: 'Home Care', part: 'A', outcomes: '1' }

test(`a worker builds a plan: costed lines, totals per part, bad input refused naming the field (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const { person, indicative } = await eligiblePerson(worker, 'Edna')
  const base = `/api/v1/people/${person}/plans`
  const started = await worker.send('POST', base, { json: { helped_by: 'family_or_friends', views_included: 'fully' } })
  assert.equal(started.status, 201, started.text)
  const plan = started.json()
  assert.equal(plan.status, 'draft')
  assert.equal(plan.version, 1)
  assert.equal(plan.drafted_by_kind, 'council_worker')
  assert.equal(plan.indicative_weekly_pence, indicative)
  assert.ok(plan.eligible_needs.length > 0, started.text)
  const at = `${base}/${plan.id}`

  assert.equal((await worker.send('POST', `${at}/outcomes`, { json: { words: 'I want to stay at home and keep clean', aim: 'change', needs: plan.eligible_needs.join(',') } })).status, 201)
  assert.equal((await worker.send('POST', `${at}/parts`, { json: { key: 'A', mechanism: 'council_managed' } })).status, 201)
  assert.equal((await worker.send('POST', `${at}/parts`, { json: { key: 'B', mechanism: 'direct_payment', recipient: 'person', held_in: 'bank_account', manages: 'by_themself', manages_decided_by: 'Sam Patel', manages_decided_on: '2026-11-02' } })).status, 201)

  // Bad input: each refused naming the field, and nothing stored.
  const refusals = [
    [{ ...hourly, part: 'Z' }, 'part'],
    [{ ...hourly, unit_cost: '-5.00' }, 'unit_cost'],
    [{ ...hourly, unit_cost: '99999999.00', cost_frequency: 'Weekly', planned_units_per_week: '' }, 'unit_cost'],
    [{ ...hourly, cost_frequency: '' }, 'cost_frequency'],
    [{ ...hourly, cost_frequency: 'Weekly' }, 'planned_units_per_week'],
    [{ ...hourly, part: 'B', supplier_kind: 'family_member', supplier_name: 'Her son', family_in_household: 'yes' }, 'payee_relationship'],
    [{ ...hourly, part: 'B', supplier_name: 'Her husband', payee_relationship: 'spouse_or_partner' }, 'necessity_reason']
  ]
  for (const [line, field] of refusals) {
    const r = await worker.send('POST', `${at}/lines`, { json: line })
    assert.equal(r.status, 422, r.text)
    assert.ok(r.json().errors.some(e => e.field === field), `${field}: ${r.text}`)
  }
  assert.equal((await worker.request('GET', at)).json().lines.length, 0)

  assert.equal((await worker.send('POST', `${at}/lines`, { json: hourly })).status, 201)
  const monthly = await worker.send('POST', `${at}/lines`, { json: { ...hourly, description: 'A cleaner', supplier_kind: 'micro_enterprise', supplier_name: 'Tidy Homes', unit_cost: '100.00', cost_frequency: 'Monthly', planned_units_per_week: '', part: 'B', payee_relationship: 'not_related' } })
  assert.equal(monthly.status, 201, monthly.text)
  const built = monthly.json()
  // £21.50 x 10.25 = £220.38 a week; £100 a month = £23.08 a week, £1,200 a year.
  assert.equal(built.totals.weekly_pence, 22038 + 2308)
  assert.equal(built.totals.yearly_pence, 1145950 + 120000)
  assert.deepEqual(built.parts.map(p => p.cost.weekly_pence), [22038, 2308])
  assert.deepEqual(built.needs_without_lines, [])

  // Submitting an incomplete plan names what is missing; nothing changes.
  const early = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(early.status, 422, early.text)
  assert.ok(early.json().errors.some(e => e.field === 'backup_cover'), early.text)
  assert.equal((await worker.request('GET', at)).json().status, 'draft')
  const absurd = await worker.send('PUT', at, { json: { contingency_amount: '-10' } })
  assert.equal(absurd.status, 422, absurd.text)
  assert.equal(absurd.json().errors[0].field, 'contingency_amount')
  assert.equal((await worker.send('PUT', at, { json: { backup_cover: 'Her son Mark comes in', who_to_call: 'Mark, 07700 900123', contingency_amount: '150.00', wellbeing: 'Seeing my family', prevention_advice: 'A falls check at the GP' } })).status, 200)

  // The person took part and agreed (s.25(3), s.25(5); plan_lifecycle.test.mjs has the refusals).
  await involve(worker, at, 'Edna Planner')
  const submitted = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(submitted.status, 200, submitted.text)
  assert.equal(submitted.json().status, 'submitted')
  assert.ok(submitted.json().submitted_at)

  // Frozen: every change refused, naming why.
  for (const [method, path, json] of [['POST', `${at}/lines`, hourly], ['PUT', at, { helped_by: 'nobody' }], ['DELETE', `${at}/lines/1`, undefined]]) {
    const r = await worker.send(method, path, json ? { json } : {})
    assert.equal(r.status, 422, `${method} ${path}: ${r.text}`)
    assert.equal(r.json().errors[0].field, 'status')
    assert.match(r.json().errors[0].message, /sent for approval/)
  }
  // A new version only from a decided plan.
  assert.equal((await worker.send('POST', `${at}/versions`, { json: { effective_from: '2030-01-01' } })).status, 422)

  // Agreement by the person, recorded by the worker who heard it.
  const agreed = await worker.send('POST', `${at}/agreement`, { json: { agreed_by_kind: 'person', agreed_by_name: 'Edna Planner' } })
  assert.equal(agreed.status, 200, agreed.text)
  assert.equal(agreed.json().agreed_by_name, 'Edna Planner')

  // The approvals flow approves it (services::mark_plan_decided); then a change is a new version.
  sql(db, `UPDATE support_plans SET status = 'approved', effective_from = '2027-01-04' WHERE id = ${plan.id}`)
  const tooEarly = await worker.send('POST', `${at}/versions`, { json: { effective_from: '2027-01-04' } })
  assert.equal(tooEarly.status, 422, tooEarly.text)
  assert.equal(tooEarly.json().errors[0].field, 'effective_from')
  const next = await worker.send('POST', `${at}/versions`, { json: { effective_from: '2027-04-05' } })
  assert.equal(next.status, 201, next.text)
  const v2 = next.json()
  assert.equal(v2.version, 2)
  assert.equal(v2.plan_number, plan.plan_number)
  assert.equal(v2.status, 'draft')
  assert.equal(v2.previous_version_id, plan.id)
  assert.equal(v2.lines.length, 2)
  assert.equal(v2.agreed_by_name, null)
  const removed = await worker.send('DELETE', `${base}/${v2.id}/lines/2`)
  assert.equal(removed.status, 200, removed.text)
  assert.equal(removed.json().totals.weekly_pence, 22038)
  // The old version stays readable and unchanged.
  const old = (await worker.request('GET', at)).json()
  assert.equal(old.status, 'approved')
  assert.equal(old.lines.length, 2)
  const versions = (await worker.request('GET', base)).json().plans
  assert.deepEqual(versions.map(v => v.version), [2, 1])

  const trail = await auditEntries(server, `?person_id=${person}`)
  for (const action of ['draft_plan', 'change_plan', 'submit_plan', 'agree_plan', 'new_plan_version', 'view_plan'])
    assert.ok(trail.some(e => e.action === action), `${action} audited`)
})

test(`who may see and write a plan: role and relationship, another council's ids are 404 (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const { person } = await eligiblePerson(worker, 'Iris')
  const started = await worker.send('POST', `/api/v1/people/${person}/plans`, { json: {} })
  assert.equal(started.status, 201, started.text)
  const at = `/api/v1/people/${person}/plans/${started.json().id}`

  const southvale = new Client(server)
  await southvale.signIn('southvale.worker')
  assert.equal((await southvale.request('GET', at)).status, 404)
  assert.equal((await southvale.request('GET', `/api/v1/people/${person}/plans`)).status, 404)
  assert.equal((await southvale.send('POST', `${at}/outcomes`, { json: { words: 'x', aim: 'keep', needs: 'nutrition' } })).status, 404)

  for (const username of ['provider', 'finance', 'commissioner']) {
    const other = new Client(server)
    await other.signIn(username)
    assert.equal((await other.request('GET', at)).status, 403, username)
    assert.equal((await other.send('POST', `/api/v1/people/${person}/plans`, { json: {} })).status, 403, username)
  }
  // A safeguarding lead may read but not write.
  const safeguarding = new Client(server)
  await safeguarding.signIn('safeguarding')
  assert.equal((await safeguarding.request('GET', at)).status, 200)
  assert.equal((await safeguarding.send('PUT', at, { json: { helped_by: 'nobody' } })).status, 403)
  // A plan id of another person is not found through this person.
  assert.equal((await worker.request('GET', `/api/v1/people/3/plans/${started.json().id}`)).status, 404)

  const trail = await auditEntries(server, `?person_id=${person}`)
  assert.ok(trail.some(e => e.action === 'view_plan' && e.outcome === 'refused'), 'refusals audited')
})

test(`a plan needs eligible needs first (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const created = await worker.send('POST', '/api/v1/people', { json: { given_name: 'Nora', family_name: 'Noplan', date_of_birth: '1950-05-05' } })
  const r = await worker.send('POST', `/api/v1/people/${created.json().id}/plans`, { json: {} })
  assert.equal(r.status, 422, r.text)
  assert.equal(r.json().errors[0].field, 'eligibility')
})
