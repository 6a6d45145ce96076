// Involvement and agreement (Care Act 2014 s.25(3), s.25(5)), reviews (s.27;
// Direct Payments Regulations 2014 reg. 7), what a provider may see of a plan,
// interim plans after their end date, and unknown members on the plan
// endpoints (#15, docs/planning.md "Involvement and agreement" and "Reviews").
// Run on both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, sql, startServer, Client, auditEntries } from '../support/harness.mjs'
import { eligiblePerson } from '../support/planning.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const MARGARET = 1 // the first Northshire demo person: interim plan in force, Brightside Care on a line
const today = () => new Date().toISOString().slice(0, 10)

async function as (username, password) {
  const c = new Client(server)
  await c.signIn(username, password)
  return c
}

const morning = {
  description: 'Help to wash and dress each morning', supplier_kind: 'personal_assistant', supplier_name: 'Ann', unit_cost: '20.00',
  cost_frequency: 'Hourly', planned_units_per_week: '7', service_type: 'Long Term Support: Community', service_component: 'Home Care',
  part: 'A', outcomes: '1'
}

async function readyPlan (worker, given) {
  const { person } = await eligiblePerson(worker, given)
  const base = `/api/v1/people/${person}/plans`
  const plan = (await worker.send('POST', base, { json: { helped_by: 'council', views_included: 'fully' } })).json()
  const at = `${base}/${plan.id}`
  assert.equal((await worker.send('POST', `${at}/outcomes`, { json: { words: 'Keep clean', aim: 'change', needs: plan.eligible_needs.join(',') } })).status, 201)
  assert.equal((await worker.send('POST', `${at}/parts`, { json: { key: 'A', mechanism: 'council_managed' } })).status, 201)
  assert.equal((await worker.send('POST', `${at}/lines`, { json: morning })).status, 201)
  assert.equal((await worker.send('PUT', at, { json: { backup_cover: 'Her son', who_to_call: 'Tom, 07700 900789', wellbeing: 'Staying at home', prevention_advice: 'A falls check at the GP' } })).status, 200)
  return { person, at, plan }
}

test(`a plan is sent only with the person involved and their agreement, or why not (${backend})`, async () => {
  const worker = await as('social.worker')
  const { person, at } = await readyPlan(worker, 'Agnes')
  const refused = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(refused.status, 422, refused.text)
  assert.deepEqual(refused.json().errors.map(e => e.field).sort(), ['agreement', 'involved'])
  assert.equal((await worker.request('GET', at)).json().status, 'draft', 'nothing half-written')

  // A carer from the record, then the person; someone not on the record is refused.
  const carer = await worker.send('POST', `/api/v1/people/${person}/carers`, { json: { name: 'Nell Agnes', relationship: 'daughter', hours_per_week: 12, lives_with_person: true } })
  assert.equal(carer.status, 201, carer.text)
  const viaCarer = await worker.send('POST', `${at}/involved`, { json: { from_record: `carer:${carer.json().id}` } })
  assert.equal(viaCarer.status, 201, viaCarer.text)
  assert.deepEqual(viaCarer.json().involved.map(i => [i.kind, i.name]), [['carer', 'Nell Agnes']])
  const stranger = await worker.send('POST', `${at}/involved`, { json: { from_record: 'carer:999999' } })
  assert.equal(stranger.status, 422, stranger.text)
  assert.equal(stranger.json().errors[0].field, 'from_record')
  const stillRefused = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.deepEqual(stillRefused.json().errors.map(e => e.field).sort(), ['agreement', 'involved'], 'a carer alone is not the person')
  assert.equal((await worker.send('POST', `${at}/involved`, { json: { from_record: 'person', how: 'At home' } })).status, 201)

  // Agreement could not be reached: the reason is needed, and then the plan may go.
  const empty = await worker.send('POST', `${at}/no-agreement`, { json: { reason: '' } })
  assert.equal(empty.status, 422)
  assert.equal(empty.json().errors[0].field, 'reason')
  const no = await worker.send('POST', `${at}/no-agreement`, { json: { reason: 'We met twice; she wants to think it over and agreed we send it meanwhile' } })
  assert.equal(no.status, 200, no.text)
  assert.equal(no.json().no_agreement_on, today())
  const submitted = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(submitted.status, 200, submitted.text)

  // The approver's page shows who was involved and why agreement was not reached.
  const manager = await as('team.manager')
  const queue = (await manager.request('GET', '/api/v1/approvals')).json().approvals
  const request = queue.find(r => r.plan_id === submitted.json().id)
  assert.ok(request, JSON.stringify(queue))
  const page = await manager.request('GET', `/approvals/${request.id}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Nell Agnes \(a carer\)/)
  assert.match(page.text, /Agreement could not be reached/)
  assert.match(page.text, /she wants to think it over/)
  const trail = await auditEntries(server, `?person_id=${person}`)
  assert.ok(trail.some(e => e.action === 'agree_plan' && /could not be reached/.test(e.reason)), 'the reason recorded is audited')
})

test(`unknown members on the plan endpoints are refused, naming them; nothing is stored (${backend})`, async () => {
  const worker = await as('social.worker')
  const { at, person } = await readyPlan(worker, 'Bertha')
  const cases = [
    ['POST', `/api/v1/people/${person}/plans`, { helped_by: 'council', helpd_by: 'x' }, 'helpd_by'],
    ['PUT', at, { backup_cover: 'Someone', contingency: '10' }, 'contingency'],
    ['POST', `${at}/lines`, { ...morning, planned_units: '7' }, 'planned_units'],
    ['POST', `${at}/outcomes`, { words: 'x', aim: 'keep', needs: 'nutrition', priority: '1' }, 'priority'],
    ['POST', `${at}/involved`, { from_record: 'person', role: 'x' }, 'role'],
    ['POST', `${at}/agreement`, { agreed_by_kind: 'person', agreed_by_name: 'B', signed: 'yes' }, 'signed'],
    ['POST', `${at}/no-agreement`, { reason: 'x', steps: 'y' }, 'steps']
  ]
  const before = (await worker.request('GET', at)).json()
  for (const [method, path, json, member] of cases) {
    const r = await worker.send(method, path, { json })
    assert.equal(r.status, 422, `${method} ${path}: ${r.text}`)
    assert.deepEqual(r.json().errors.map(e => e.field), [member], r.text)
  }
  const after = (await worker.request('GET', at)).json()
  assert.equal(after.lines.length, before.lines.length)
  assert.equal(after.outcomes.length, before.outcomes.length)
  assert.deepEqual(after.involved, [])
  assert.equal(after.backup_cover, before.backup_cover)
  assert.equal((await worker.request('GET', `/api/v1/people/${person}/plans`)).json().plans.length, 1)
})

test(`a provider sees only the version of a plan in force today; refusals are audited (${backend})`, async () => {
  const provider = await as('provider')
  const worker = await as('social.worker')
  const plans = (await worker.request('GET', `/api/v1/people/${MARGARET}/plans`)).json().plans
  const inForce = plans.find(p => p.status === 'approved')
  const waiting = plans.find(p => p.status === 'submitted')
  assert.ok(inForce && waiting, JSON.stringify(plans))
  const base = `/api/v1/people/${MARGARET}/plans`
  assert.equal((await provider.request('GET', `${base}/${inForce.id}`)).status, 200)
  assert.equal((await provider.request('GET', `/people/${MARGARET}/plans/${inForce.id}/print`)).status, 200)
  const refused = await provider.request('GET', `${base}/${waiting.id}`)
  assert.equal(refused.status, 403, refused.text)
  assert.equal((await provider.request('GET', `/people/${MARGARET}/plans/${waiting.id}`)).status, 403)
  assert.equal((await provider.request('GET', `/people/${MARGARET}/plans/${waiting.id}/print`)).status, 403)
  // The list shows the provider only the version in force.
  assert.deepEqual((await provider.request('GET', base)).json().plans.map(p => p.id), [inForce.id])
  const listPage = await provider.request('GET', `/people/${MARGARET}/plans`)
  assert.equal(listPage.status, 200)
  assert.doesNotMatch(listPage.text, new RegExp(`/plans/${waiting.id}"`))
  // The worker still sees every version.
  assert.equal((await worker.request('GET', `${base}/${waiting.id}`)).status, 200)
  const trail = await auditEntries(server, '?username=provider')
  assert.ok(trail.some(e => e.action === 'view_plan' && e.outcome === 'refused' && /in force today/.test(e.reason)), 'refusals audited')
})

test(`reviews: scheduled on approval, on the caseload lists overdue first, recorded once, the next a year on (${backend})`, async () => {
  const worker = await as('social.worker')
  const margaret = (await worker.request('GET', `/api/v1/people/${MARGARET}/reviews`)).json()
  // Her interim plan was approved in the demo: its light-touch review is due
  // 6-8 weeks after it started (2 November 2026), and her direct payment's first review by 7 May 2027.
  const planReview = margaret.due.find(r => r.review.startsWith('plan:'))
  assert.ok(planReview, JSON.stringify(margaret))
  assert.equal(planReview.due_on, '2026-12-28')
  assert.equal(planReview.earliest_on, '2026-12-14')
  const dpReview = margaret.due.find(r => r.review === 'direct_payment:A')
  assert.equal(dpReview.due_on, '2027-05-07')

  // The worker's home page lists them, overdue ones first.
  const home = await worker.request('GET', '/home')
  assert.match(home.text, /data-testid="reviews-due"/)
  const table = home.text.slice(home.text.indexOf('data-testid="reviews-due"'))
  const dates = [...table.matchAll(/href="\/people\/\d+\/reviews">([^<]+)</g)].map(m => Date.parse(m[1]))
  assert.ok(dates.length >= 2, table.slice(0, 2000))
  for (let i = 1; i < dates.length; ++i) assert.ok(dates[i - 1] <= dates[i], 'overdue first, then by date')

  // Recording: a provider or the representative may not; the worker may, once.
  const rep = await as('representative')
  const body = { review: planReview.review, done_on: today(), done_by: 'Sam Patel', outcome: 'no_change', notes: 'Working well' }
  assert.equal((await rep.send('POST', `/api/v1/people/${MARGARET}/reviews`, { json: body })).status, 403)
  const bad = await worker.send('POST', `/api/v1/people/${MARGARET}/reviews`, { json: { ...body, outcome: 'fine', done_on: '2999-01-01' } })
  assert.equal(bad.status, 422)
  assert.deepEqual(bad.json().errors.map(e => e.field).sort(), ['done_on', 'outcome'])
  const unknown = await worker.send('POST', `/api/v1/people/${MARGARET}/reviews`, { json: { ...body, next: '2027-01-01' } })
  assert.equal(unknown.status, 422)
  assert.equal(unknown.json().errors[0].field, 'next')
  const recorded = await worker.send('POST', `/api/v1/people/${MARGARET}/reviews`, { json: body })
  assert.equal(recorded.status, 201, recorded.text)
  const nextYear = new Date(today())
  nextYear.setUTCFullYear(nextYear.getUTCFullYear() + 1)
  assert.equal(recorded.json().next_due_on, nextYear.toISOString().slice(0, 10))
  const twice = await worker.send('POST', `/api/v1/people/${MARGARET}/reviews`, { json: body })
  assert.equal(twice.status, 422)
  assert.equal(twice.json().errors[0].field, 'review')
  const after = (await worker.request('GET', `/api/v1/people/${MARGARET}/reviews`)).json()
  assert.equal(after.done[0].outcome, 'no_change')
  assert.ok(after.due.some(r => r.review.startsWith('plan:') && r.due_on === nextYear.toISOString().slice(0, 10)))
  // Recorded by page too: the direct payment review.
  const form = await worker.request('GET', `/people/${MARGARET}/reviews/record?review=direct_payment:A`)
  assert.equal(form.status, 200)
  const trail = await auditEntries(server, `?person_id=${MARGARET}`)
  assert.ok(trail.some(e => e.action === 'record_review'), 'recorded reviews are audited')
  assert.ok(trail.some(e => e.action === 'review_plan' && e.outcome === 'refused'), 'refused attempts are audited')
})

test(`an interim plan after its end date is no longer in force; the budget page says the review is overdue (${backend})`, async () => {
  const provider = await as('provider')
  const worker = await as('social.worker')
  assert.equal((await provider.request('GET', `/api/v1/people/${MARGARET}`)).status, 200, 'engaged while the interim plan is in force')
  sql(db, `UPDATE support_plans SET interim_ends_on = '2026-01-05' WHERE person_id = ${MARGARET} AND interim = 1`)
  sql(db, `UPDATE personal_budgets SET interim_ends_on = '2026-01-05', interim_review_on = '2025-12-22' WHERE person_id = ${MARGARET} AND interim_ends_on IS NOT NULL`)
  assert.equal((await provider.request('GET', `/api/v1/people/${MARGARET}`)).status, 403, 'engagement ended with the interim period')
  const budget = await worker.request('GET', `/people/${MARGARET}/budgets`)
  assert.equal(budget.status, 200)
  assert.match(budget.text, /The interim period ended on 5 January 2026\. A review is overdue/)
})
