// Issue #15, the printed plan, one-off costs, refusals and wording, over real
// HTTP on both back ends: a plan of only a one-off cost and free support is
// approved and makes a budget of £0.00 a week with its one-off amount; a
// refused plan says what happens next and stays on the worker's list until a
// new version is made (a returned one until it is sent again); the demo's
// plans say they were sent on the day the demo's story sent them.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client } from '../support/harness.mjs'
import { eligiblePerson, involve } from '../support/planning.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

const details = {
  backup_cover: 'Her son Mark comes in', who_to_call: 'Mark, 07700 900123', contingency_amount: '0',
  wellbeing: 'Keeping my garden and seeing Mark on Sundays', prevention_advice: 'The handyperson scheme fits grab rails for free'
}

// A plan with one outcome about every eligible need, the given parts and lines, ready to send.
async function planWith (worker, person, parts, lines) {
  const base = `/api/v1/people/${person}/plans`
  const started = await worker.send('POST', base, { json: { helped_by: 'family_or_friends', views_included: 'fully' } })
  assert.equal(started.status, 201, started.text)
  const plan = started.json()
  const at = `${base}/${plan.id}`
  const steps = [['outcomes', { words: 'I want to stay in my own home', aim: 'keep', needs: plan.eligible_needs.join(',') }],
    ...parts.map(p => ['parts', p]), ...lines.map(l => ['lines', l])]
  for (const [what, json] of steps) {
    const r = await worker.send('POST', `${at}/${what}`, { json })
    assert.equal(r.status, 201, `${what}: ${r.text}`)
  }
  assert.equal((await worker.send('PUT', at, { json: details })).status, 200)
  await involve(worker, at, 'The person')
  return { plan, at }
}

const line = (over) => ({
  description: 'Help to wash and dress', supplier_kind: 'personal_assistant', supplier_name: 'Ann Bright', unit_cost: '20.00',
  cost_frequency: 'Hourly', planned_units_per_week: '10', service_type: 'Long Term Support: Community', service_component: 'Home Care',
  part: 'A', outcomes: '1', payee_relationship: 'not_related', ...over
})

async function requestFor (client, planId) {
  const r = await client.request('GET', '/api/v1/approvals')
  assert.equal(r.status, 200, r.text)
  return r.json().approvals.find(a => a.plan_id === planId)
}

test(`a plan of only a one-off cost and free support is approved, and its budget keeps the one-off amount (${backend})`, async () => {
  const worker = await as('social.worker')
  const manager = await as('team.manager')
  const { person } = await eligiblePerson(worker, 'Ottilie')
  const { plan, at } = await planWith(worker, person,
    [{ key: 'A', mechanism: 'direct_payment', recipient: 'person', held_in: 'bank_account', manages: 'by_themself', manages_decided_by: 'Sam Patel', manages_decided_on: '2026-11-01' }],
    [line({ description: 'A riser recliner chair', supplier_kind: 'micro_enterprise', supplier_name: 'Northshire Mobility', unit_cost: '520.00', cost_frequency: 'One-off', planned_units_per_week: '', service_component: 'Equipment and Adaptations' }),
      line({ description: 'The Tuesday lunch club', supplier_kind: 'community_group', supplier_name: 'Tuesday Lunch Club', unit_cost: '0.00', cost_frequency: 'Weekly', planned_units_per_week: '', service_component: 'Day Care' })])
  const sent = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(sent.status, 200, sent.text)

  // £0.00 a week and £520.00 once, weighed against the limits as £10.00 a week.
  const request = await requestFor(manager, plan.id)
  assert.ok(request, 'in the team manager\'s queue')
  assert.equal(request.weekly_cost_pence, 0)
  assert.equal(request.one_off_cost_pence, 52000)
  assert.equal(request.weighed_weekly_cost_pence, 1000)
  const page = await manager.request('GET', `/approvals/${request.id}`)
  assert.match(page.text, /£520\.00, paid once/)
  assert.match(page.text, /£10\.00 a week \(the weekly cost, and the one-off cost spread over 52 weeks\)/)

  const decided = await manager.send('POST', `/api/v1/approvals/${request.id}/decision`,
    { json: { decision: 'approve', variance_reason: 'community_support', variance_text: 'A chair and the lunch club meet her needs.' } })
  assert.equal(decided.status, 200, decided.text)

  // Care Act 2014 s.26(1)(a): the budget is the whole cost, the one-off cost kept apart, never folded into the week.
  const budgets = (await worker.request('GET', `/api/v1/people/${person}/budgets`)).json().budgets
  assert.equal(budgets.length, 1, JSON.stringify(budgets))
  assert.equal(budgets[0].weekly, '0.00')
  assert.equal(budgets[0].one_off, '520.00')
  assert.equal(budgets[0].parts[0].one_off, '520.00')
  assert.equal(budgets[0].parts[0].weekly, '0.00')

  const letter = await worker.request('GET', `/people/${person}/budgets/1/letter`)
  assert.equal(letter.status, 200)
  assert.match(letter.text, /It also pays one-off costs of £520\.00, paid once and not each week\./)
  assert.match(letter.text, /£520\.00 once, is a direct payment/)
  assert.match(letter.text, /Local Government and Social Care Ombudsman/)
  assert.match(letter.text, /You can ask us to look at the budget again/)
  assert.doesNotMatch(letter.text, /eligible needs for care and support/)

  const budgetPage = await worker.request('GET', `/people/${person}/budgets`)
  assert.match(budgetPage.text, /£520\.00<\/span> once, for one-off costs/)

  const printed = await worker.request('GET', `${at.replace('/api/v1', '')}/print`)
  assert.equal(printed.status, 200)
  assert.match(printed.text, /There are also one-off costs of <strong>£520\.00<\/strong>, paid once\./)
  assert.match(printed.text, /£520\.00 once/)
})

test(`the printed plan says what the law asks, in plain words, and who pays only to those who may see the budget (${backend})`, async () => {
  const worker = await as('social.worker')
  const { person } = await eligiblePerson(worker, 'Philippa')
  const { plan, at } = await planWith(worker, person,
    [{ key: 'A', mechanism: 'direct_payment', recipient: 'person', held_in: 'bank_account', manages: 'by_themself', manages_decided_by: 'Sam Patel', manages_decided_on: '2026-11-01' }, { key: 'B', mechanism: 'council_managed' }],
    [line({ unit_cost: '21.50', planned_units_per_week: '10.25' }),
      line({ description: 'A tea-time call', supplier_kind: 'still_to_find', supplier_name: '', unit_cost: '95.50', cost_frequency: 'Weekly', planned_units_per_week: '', part: 'B' })])
  const print = `/people/${person}/plans/${plan.id}/print`
  const page = (await worker.request('GET', print)).text
  assert.match(page, /£21\.50 an hour, 10 hours 15 minutes a week\. That is £220\.38 a week\./)
  assert.doesNotMatch(page, /10\.25/)
  assert.match(page, /Keeping my garden and seeing Mark on Sundays/)
  assert.match(page, /The handyperson scheme fits grab rails for free/)
  assert.match(page, /The needs the council must meet/)
  assert.match(page, /met by support 1 \(help to wash and dress\) and support 2 \(a tea-time call\)/)
  // s.25(2): for the direct payment, the amount and how often, and the needs it meets.
  assert.match(page, /A direct payment to Philippa<\/strong>: £220\.38 a week\. It is paid every 4 weeks, in advance: <strong>£881\.52<\/strong> each time \(4 times the weekly amount\)\. It pays for support with: /)
  assert.match(page, /Support the council arranges<\/strong>: £95\.50 a week\./)
  assert.doesNotMatch(page, /Part A|Part B/)
  // s.26: not yet assessed.
  assert.match(page, /What Philippa pays towards this is to be worked out by the financial assessment\./)
  assert.match(page, /This plan is not approved\. Nothing in it has started yet\./)

  // After a financial assessment, the shares are shown.
  const finance = await as('finance')
  const fa = await finance.send('POST', `/api/v1/people/${person}/financial-assessments`,
    { json: { contribution: 'weekly_amount', weekly_contribution: '40.00', assessed_on: '2026-11-01', assessed_by: 'Finance team' } })
  assert.equal(fa.status, 201, fa.text)
  const after = (await worker.request('GET', print)).text
  assert.match(after, /Philippa pays £40\.00 a week towards it, as the financial assessment found\. The council pays £275\.88 a week\./)

  const sent = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(sent.status, 200, sent.text)
})

test(`a refused plan says what happens next and waits on the worker's list until a new version is made (${backend})`, async () => {
  const worker = await as('social.worker')
  const manager = await as('team.manager')
  const { person } = await eligiblePerson(worker, 'Rosalind')
  const { plan, at } = await planWith(worker, person, [{ key: 'A', mechanism: 'council_managed' }], [line({})])
  assert.equal((await worker.send('POST', `${at}/submit`, { json: {} })).status, 200)
  const request = await requestFor(manager, plan.id)
  const refused = await manager.send('POST', `/api/v1/approvals/${request.id}/decision`,
    { json: { decision: 'refuse', reasons: 'A day centre nearby meets the need at less cost.' } })
  assert.equal(refused.status, 200, refused.text)

  const planPage = (await worker.request('GET', `/people/${person}/plans/${plan.id}`)).text
  assert.match(planPage, /What happens next/)
  assert.match(planPage, /will talk to Rosalind about the decision and what to do next/)
  assert.match(planPage, /can ask for the decision to be looked at again/)
  assert.match(planPage, /make a complaint to Northshire Council/)
  assert.match(planPage, /Local Government and Social Care Ombudsman/)
  assert.match(planPage, /A day centre nearby meets the need at less cost\./)

  const home = (await worker.request('GET', '/home')).text
  assert.match(home, /Support plans sent back/)
  assert.ok(home.includes(`/people/${person}/plans/${plan.id}`), 'the refused plan is on the worker\'s home page')
  assert.match(home, /Refused: talk to the person about what happens next, and make a new version/)
  const caseload = await manager.request('GET', '/caseloads')
  assert.equal(caseload.status, 200)

  // Acted on: a new version is made, and it leaves the list.
  const next = await worker.send('POST', `/api/v1/people/${person}/plans/${plan.id}/versions`, { json: {} })
  assert.equal(next.status, 201, next.text)
  const after = (await worker.request('GET', '/home')).text
  assert.ok(!after.includes(`/people/${person}/plans/${plan.id}"`), 'gone once a new version is made')
})

test(`a returned plan waits on the worker's list until it is sent again (${backend})`, async () => {
  const worker = await as('social.worker')
  const manager = await as('team.manager')
  const { person } = await eligiblePerson(worker, 'Augusta')
  const { plan, at } = await planWith(worker, person, [{ key: 'A', mechanism: 'council_managed' }], [line({})])
  assert.equal((await worker.send('POST', `${at}/submit`, { json: {} })).status, 200)
  const request = await requestFor(manager, plan.id)
  assert.equal((await manager.send('POST', `/api/v1/approvals/${request.id}/decision`, { json: { decision: 'return', reasons: 'Which days?' } })).status, 200)
  const home = (await worker.request('GET', '/home')).text
  assert.ok(home.includes(`/people/${person}/plans/${plan.id}"`), home)
  assert.match(home, /Returned with questions: answer them and send it again/)
  assert.equal((await worker.send('POST', `${at}/submit`, { json: {} })).status, 200)
  assert.ok(!(await worker.request('GET', '/home')).text.includes(`/people/${person}/plans/${plan.id}"`))
})

test(`the demo's plans were sent on the day the demo says, not today (${backend})`, async () => {
  const manager = await as('team.manager')
  const found = (await manager.request('GET', '/api/v1/people?name=Rahman')).json().people
  assert.equal(found.length, 1, JSON.stringify(found))
  const plans = (await manager.request('GET', `/api/v1/people/${found[0].id}/plans`)).json().plans
  const plan = (await manager.request('GET', `/api/v1/people/${found[0].id}/plans/${plans[0].id}`)).json()
  assert.equal(plan.submitted_at, '2025-10-06T09:00:00Z')
  const page = (await manager.request('GET', `/people/${found[0].id}/plans/${plans[0].id}`)).text
  assert.match(page, /Sent for approval<\/dt><dd class="govuk-summary-list__value">6 October 2025/)
})

test(`a provider engaged with Margaret reads her printed plan but not what she pays (${backend})`, async () => {
  const manager = await as('team.manager')
  const margaret = (await manager.request('GET', '/api/v1/people?name=Ellis')).json().people.find(p => p.given_name === 'Margaret')
  assert.ok(margaret)
  const plans = (await manager.request('GET', `/api/v1/people/${margaret.id}/plans`)).json().plans
  const approved = plans.find(p => p.status === 'approved')
  assert.ok(approved, JSON.stringify(plans))
  const print = `/people/${margaret.id}/plans/${approved.id}/print`
  const asManager = (await manager.request('GET', print)).text
  assert.match(asManager, /Margaret pays £42\.30 a week towards it/)
  // s.25(1)(d): her own words.
  assert.match(asManager, /My home, my cat Sooty/)
  const provider = await as('provider')
  const seen = await provider.request('GET', print)
  assert.equal(seen.status, 200, seen.text)
  assert.doesNotMatch(seen.text, /£42\.30/)
  assert.match(seen.text, /What Margaret pays towards this is in their budget letter\./)
})
