// The whole path of #15 over real HTTP, on both back ends: an indicative
// budget, a support plan built with the person, submitted into the approval
// queue, refused, changed and submitted again, an approval over the approver's
// limit refused naming it, approved within a manager's limit, the personal
// budget made from the plan's parts (a direct payment and a council-managed
// part), and an approved change that makes the budget on a later date differ
// from the budget today.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries } from '../support/harness.mjs'
import { eligiblePerson, involve } from '../support/planning.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

const isoDay = offset => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10)

const morning = {
  description: 'Help to wash and dress each morning', supplier_kind: 'personal_assistant', supplier_name: 'Ann Bright',
  unit_cost: '15.00', cost_frequency: 'Hourly', planned_units_per_week: '10', service_type: 'Long Term Support: Community',
  service_component: 'Home Care', part: 'A', outcomes: '1', payee_relationship: 'not_related'
}
const lunchClub = sessions => ({
  description: 'Lunch club at the church hall', supplier_kind: 'community_group', supplier_name: 'Tuesday Lunch Club',
  unit_cost: '12.50', cost_frequency: 'Per session', planned_units_per_week: String(sessions), service_type: 'Long Term Support: Community',
  service_component: 'Day Care', part: 'B', outcomes: '1'
})

async function requestFor (client, planId) {
  const r = await client.request('GET', '/api/v1/approvals')
  assert.equal(r.status, 200, r.text)
  return r.json().approvals.find(a => a.plan_id === planId)
}

test(`indicative budget to plan, refused, resubmitted, approved, and the budget it makes, changed from a later date (${backend})`, async () => {
  const worker = await as('social.worker')
  const manager = await as('team.manager')
  const { person, indicative } = await eligiblePerson(worker, 'Winifred')
  const base = `/api/v1/people/${person}/plans`

  // The plan, built with the person: a direct payment for her own assistant, the lunch club arranged by the council.
  const started = await worker.send('POST', base, { json: { helped_by: 'family_or_friends', views_included: 'fully' } })
  assert.equal(started.status, 201, started.text)
  const v1 = started.json()
  const at = `${base}/${v1.id}`
  for (const [path, json] of [
    ['outcomes', { words: 'I want to stay in my own home and get out to see people', aim: 'keep', needs: v1.eligible_needs.join(',') }],
    ['parts', { key: 'A', mechanism: 'direct_payment', recipient: 'person', held_in: 'bank_account', manages: 'by_themself', manages_decided_by: 'Sam Patel', manages_decided_on: isoDay(-1) }],
    ['parts', { key: 'B', mechanism: 'council_managed' }],
    ['lines', morning],
    ['lines', lunchClub(2)]
  ]) {
    const r = await worker.send('POST', `${at}/${path}`, { json })
    assert.equal(r.status, 201, `${path}: ${r.text}`)
  }
  assert.equal((await worker.send('PUT', at, { json: { backup_cover: 'Her niece stays over', who_to_call: 'Jan, 07700 900456', contingency_amount: '100.00', wellbeing: 'Seeing my family', prevention_advice: 'A falls check at the GP' } })).status, 200)
  await involve(worker, at)
  assert.equal((await worker.send('POST', `${at}/agreement`, { json: { agreed_by_kind: 'person', agreed_by_name: 'Winifred Planner' } })).status, 200)

  // Submitted: frozen, and waiting in the team manager's queue with the worked-out cost (£150 + 2 x £12.50).
  const submitted = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(submitted.status, 200, submitted.text)
  assert.equal(submitted.json().status, 'submitted')
  const first = await requestFor(manager, v1.id)
  assert.ok(first, 'in the team manager\'s queue')
  assert.equal(first.weekly_cost_pence, 17500)
  assert.equal(first.indicative_weekly_pence, indicative)
  assert.equal(first.plan_version, 1)

  // Refused with reasons: the plan says so, and no budget is made.
  const refused = await manager.send('POST', `/api/v1/approvals/${first.id}/decision`, {
    json: { decision: 'refuse', reasons: 'Winifred told me she wants the lunch club once a week, not twice.' }
  })
  assert.equal(refused.status, 200, refused.text)
  assert.equal(refused.json().plan_status, 'refused')
  assert.equal((await worker.request('GET', at)).json().status, 'refused')
  // Whoever reads the plan sees why it was not approved.
  const refusedPage = await worker.request('GET', `/people/${person}/plans/${v1.id}`)
  assert.match(refusedPage.text, /Why the plan was not approved/)
  assert.match(refusedPage.text, /wants the lunch club once a week, not twice/)
  assert.deepEqual((await worker.request('GET', `/api/v1/people/${person}/budgets`)).json().budgets, [])

  // Changed and submitted again, as a new version of the same plan.
  const again = await worker.send('POST', `${at}/versions`, { json: {} })
  assert.equal(again.status, 201, again.text)
  const v2 = again.json()
  assert.equal(v2.version, 2)
  const v2at = `${base}/${v2.id}`
  assert.equal((await worker.send('DELETE', `${v2at}/lines/2`)).status, 200)
  assert.equal((await worker.send('POST', `${v2at}/lines`, { json: lunchClub(1) })).status, 201)
  await involve(worker, v2at)
  assert.equal((await worker.send('POST', `${v2at}/agreement`, { json: { agreed_by_kind: 'person', agreed_by_name: 'Winifred Planner' } })).status, 200)
  assert.equal((await worker.send('POST', `${v2at}/submit`, { json: {} })).status, 200)
  const second = await requestFor(manager, v2.id)
  assert.equal(second.weekly_cost_pence, 16250)
  // The approver sees whether the person agreed (Care Act s.25(5)).
  assert.match((await manager.request('GET', `/approvals/${second.id}`)).text, /Agreed by the person[\s\S]*Winifred Planner on/)

  // The worker who submitted it may approve their own plan only up to the author's limit (£150.00).
  const own = await worker.send('POST', `/api/v1/approvals/${second.id}/decision`, {
    json: { decision: 'approve', variance_reason: 'needs_not_reflected', variance_text: 'She wants her own assistant.' }
  })
  assert.equal(own.status, 403, own.text)
  assert.match(own.json().detail, /£150\.00/)
  assert.match(own.json().detail, /£162\.50/)
  assert.equal((await worker.request('GET', v2at)).json().status, 'submitted', 'nothing changed')

  // Approved by the team manager, with the reason the cost differs from the indicative amount.
  const decision = { decision: 'approve' }
  if (indicative !== 16250) Object.assign(decision, { variance_reason: 'needs_not_reflected', variance_text: 'She wants her own assistant in the mornings.' })
  const approved = await manager.send('POST', `/api/v1/approvals/${second.id}/decision`, { json: decision })
  assert.equal(approved.status, 200, approved.text)
  assert.equal(approved.json().plan_status, 'approved')
  assert.equal(approved.json().budget_version, 1)
  const approvedPlan = (await worker.request('GET', v2at)).json()
  assert.equal(approvedPlan.status, 'approved')
  assert.equal(approvedPlan.effective_from, isoDay(0))

  // The budget: the plan's cost, in two parts managed two ways.
  const budgets = (await worker.request('GET', `/api/v1/people/${person}/budgets`)).json().budgets
  assert.equal(budgets.length, 1)
  const b = budgets[0]
  assert.equal(b.weekly, '162.50')
  assert.equal(b.yearly, '8450.00')
  assert.equal(b.effective_from, isoDay(0))
  assert.equal(b.plan_id, v2.id)
  assert.equal(b.contribution, 'not_yet_assessed')
  assert.equal(b.client_funding_status, 'Unknown', 'never blank in the national return')
  assert.equal(b.deployment, 'Part direct payment')
  assert.deepEqual(b.parts.map(p => [p.key, p.mechanism, p.delivery_mechanism, p.weekly]), [
    ['A', 'direct_payment', 'Direct payment', '150.00'],
    ['B', 'council_managed', 'CASSR managed personal budget', '12.50']
  ])
  assert.equal(b.parts[0].recipient, 'person')

  // The letter states the figures in words a person can follow.
  const letter = await worker.request('GET', `/people/${person}/budgets/1/letter`)
  assert.equal(letter.status, 200)
  for (const figure of ['£162.50', '£150.00', '£12.50']) assert.ok(letter.text.includes(figure), figure)

  // A change after approval: a new version from four weeks on, with a cleaner paid from the direct payment.
  const later = isoDay(28)
  const change = await worker.send('POST', `${v2at}/versions`, { json: { effective_from: later } })
  assert.equal(change.status, 201, change.text)
  const v3at = `${base}/${change.json().id}`
  const cleaner = { ...morning, description: 'A cleaner', supplier_kind: 'micro_enterprise', supplier_name: 'Tidy Homes', unit_cost: '100.00', cost_frequency: 'Monthly', planned_units_per_week: '' }
  assert.equal((await worker.send('POST', `${v3at}/lines`, { json: cleaner })).status, 201)
  await involve(worker, v3at)
  assert.equal((await worker.send('POST', `${v3at}/agreement`, { json: { agreed_by_kind: 'person', agreed_by_name: 'Winifred Planner' } })).status, 200)
  assert.equal((await worker.send('POST', `${v3at}/submit`, { json: {} })).status, 200)
  const third = await requestFor(manager, change.json().id)
  // £100 a month is £23.08 a week (x 12 / 52, rounded once).
  assert.equal(third.weekly_cost_pence, 16250 + 2308)
  const decision3 = { decision: 'approve' }
  if (indicative !== 18558) Object.assign(decision3, { variance_reason: 'needs_not_reflected', variance_text: 'Housework is now beyond her.' })
  const approved3 = await manager.send('POST', `/api/v1/approvals/${third.id}/decision`, { json: decision3 })
  assert.equal(approved3.status, 200, approved3.text)
  assert.equal(approved3.json().budget_version, 2)

  // The budget on two dates: today's is the first, from the change's date the second.
  const on = async date => (await worker.request('GET', `/api/v1/people/${person}/budgets?on=${date}`)).json().budget
  const today = await on(isoDay(0))
  assert.equal(today.version, 1)
  assert.equal(today.weekly, '162.50')
  const dayBefore = await on(isoDay(27))
  assert.equal(dayBefore.version, 1)
  const changed = await on(later)
  assert.equal(changed.version, 2)
  assert.equal(changed.weekly, '185.58')
  assert.deepEqual(changed.parts.map(p => [p.key, p.weekly]), [['A', '173.08'], ['B', '12.50']])
  assert.equal(await on(isoDay(-1)), null)

  const trail = await auditEntries(server, `?person_id=${person}`)
  for (const action of ['submit_plan', 'submit_for_approval', 'record_approval_decision', 'record_plan_decision', 'create_budget'])
    assert.ok(trail.some(e => e.action === action), `${action} audited`)
})

test(`a plan over the team manager's limit waits for the head of service, and the manager cannot approve it (${backend})`, async () => {
  const worker = await as('social.worker')
  const manager = await as('team.manager')
  const head = await as('head.of.service')
  const { person } = await eligiblePerson(worker, 'Beatrice')
  const base = `/api/v1/people/${person}/plans`
  const plan = (await worker.send('POST', base, { json: { helped_by: 'council', views_included: 'mostly' } })).json()
  const at = `${base}/${plan.id}`
  await worker.send('POST', `${at}/outcomes`, { json: { words: 'Stay safe at home at night', aim: 'change', needs: plan.eligible_needs.join(',') } })
  await worker.send('POST', `${at}/parts`, { json: { key: 'A', mechanism: 'council_managed' } })
  // Waking nights: 70 hours at £13.00 = £910.00 a week, over the team manager's £800.00.
  const nights = { ...morning, description: 'Waking nights', supplier_kind: 'still_to_find', supplier_name: 'To be found', unit_cost: '13.00', planned_units_per_week: '70', part: 'A' }
  assert.equal((await worker.send('POST', `${at}/lines`, { json: nights })).status, 201)
  await worker.send('PUT', at, { json: { backup_cover: 'Her son', who_to_call: 'Tom, 07700 900789', contingency_amount: '0', wellbeing: 'Seeing my family', prevention_advice: 'A falls check at the GP' } })
  await involve(worker, at, 'Beatrice Planner')
  assert.equal((await worker.send('POST', `${at}/submit`, { json: {} })).status, 200)

  assert.equal(await requestFor(manager, plan.id), undefined, 'not in the team manager\'s queue')
  const waiting = await requestFor(head, plan.id)
  assert.ok(waiting)
  assert.equal(waiting.queued_for, 'head_of_service')
  const tried = await manager.send('POST', `/api/v1/approvals/${waiting.id}/decision`, { json: { decision: 'approve', variance_reason: 'needs_not_reflected', variance_text: 'Nights.' } })
  assert.equal(tried.status, 403, tried.text)
  assert.equal(tried.json().detail, 'Your limit as a team manager is £800.00 a week; this plan costs £910.00 a week.')
  assert.equal((await worker.request('GET', at)).json().status, 'submitted')
  assert.deepEqual((await worker.request('GET', `/api/v1/people/${person}/budgets`)).json().budgets, [])
})

test(`the worker who wrote a plan is its author even when someone else sends it, so their own limit applies (${backend})`, async () => {
  const worker = await as('social.worker')
  const manager = await as('team.manager')
  const { person } = await eligiblePerson(worker, 'Clementine')
  const base = `/api/v1/people/${person}/plans`
  const plan = (await worker.send('POST', base, { json: { helped_by: 'council', views_included: 'fully' } })).json()
  const at = `${base}/${plan.id}`
  await worker.send('POST', `${at}/outcomes`, { json: { words: 'Keep clean and fed', aim: 'change', needs: plan.eligible_needs.join(',') } })
  await worker.send('POST', `${at}/parts`, { json: { key: 'A', mechanism: 'council_managed' } })
  // £21.50 x 10 = £215.00: within a social worker's £300.00, over the author's £150.00.
  assert.equal((await worker.send('POST', `${at}/lines`, { json: { ...morning, unit_cost: '21.50', part: 'A' } })).status, 201)
  await worker.send('PUT', at, { json: { backup_cover: 'Her daughter', who_to_call: 'Ruth, 07700 900321', contingency_amount: '0', wellbeing: 'Seeing my family', prevention_advice: 'A falls check at the GP' } })
  await involve(worker, at, 'Clementine Planner')
  // Someone else presses "send".
  assert.equal((await manager.send('POST', `${at}/submit`, { json: {} })).status, 200)
  const request = await requestFor(manager, plan.id)
  const own = await worker.send('POST', `/api/v1/approvals/${request.id}/decision`, {
    json: { decision: 'approve', variance_reason: 'needs_not_reflected', variance_text: 'Mornings.' }
  })
  assert.equal(own.status, 403, own.text)
  assert.match(own.json().detail, /£150\.00/)
  assert.equal((await worker.request('GET', at)).json().status, 'submitted')
})
