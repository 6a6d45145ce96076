// The whole path through the API, on both back ends: a new person, their
// supported self-assessment (in two sittings, with their family), the worker's
// confirmation, the eligibility decision and an explained indicative budget;
// then recalibration under a new RAS configuration, and the refusals.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { backend, demoDatabase, startServer, Client, auditEntries, csrfFrom } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

const everyAnswer = {
  washing: 'some_help', dressing: 'painful', toilet: 'alone', meals: 'forgets', moving_home: 'falls', housework: 'some_help',
  seeing_people: 'fine', going_out: 'with_someone', occupation: 'not_wanted', caring_child: 'no', memory: 'often',
  safety: 'sometimes', carer_help: 'some'
}

test(`a new person, their assessment, eligibility and an explained indicative budget (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')

  const created = await worker.send('POST', '/api/v1/people', {
    json: {
      given_name: 'Edith', family_name: 'Barnes', date_of_birth: '1939-06-02', nhs_number: '943 476 5919', postcode: 'ns3 1ab',
      dementia: 'Diagnosed', primary_support_reason: 'Support with Memory & Cognition', gender: 'Female',
      has_unpaid_carer: 'Yes', languages: 'English, Welsh', interpreter_needed: false, phone: '01632 960 001'
    }
  })
  assert.equal(created.status, 201, created.text)
  const person = created.json()
  assert.equal(person.nhs_number, '9434765919')
  assert.equal(person.postcode, 'NS3 1AB')
  assert.equal(person.age_band, '65 and over')
  assert.equal(person.la_person_unique_identifier, String(person.id))

  // The worker who recorded Edith is allocated to her and finds her by NHS number.
  const found = await worker.request('GET', '/api/v1/people?nhs_number=9434765919')
  assert.deepEqual(found.json().people.map(p => p.id), [person.id])
  const byDob = await worker.request('GET', '/api/v1/people?date_of_birth=1939-06-02&postcode=NS3%201AB')
  assert.equal(byDob.json().people.length, 1)

  const request = await worker.send('POST', `/api/v1/people/${person.id}/events`, {
    json: { event_type: 'Request', start_date: '2026-11-20', description: 'Daughter called after a fall at home',
      route_of_access: 'Community / other route', referral_source: 'family', outcome: 'Progress to Assessment' }
  })
  assert.equal(request.status, 201, request.text)
  const capacity = await worker.send('POST', `/api/v1/people/${person.id}/capacity-assessments`, {
    json: { decision_kind: 'requesting_direct_payment', assessed_on: '2026-11-21', outcome: 'lacks_capacity', assessed_by: 'Sam Patel' }
  })
  assert.equal(capacity.status, 201, capacity.text)
  const daughter = await worker.send('POST', `/api/v1/people/${person.id}/relationships`, {
    json: { name: 'Ruth Barnes', role: 'lpa_health_welfare', basis: 'registered_lpa', recorded_on: '2026-11-21', phone: '01632 960 002' }
  })
  assert.equal(daughter.status, 201, daughter.text)

  // First sitting: some answers, kept as a draft.
  const started = await worker.send('POST', `/api/v1/people/${person.id}/assessments`, { json: { completed_with: 'Edith and her daughter Ruth' } })
  assert.equal(started.status, 201, started.text)
  const assessment = started.json()
  assert.equal(assessment.status, 'draft')
  const first = await worker.send('PATCH', `/api/v1/people/${person.id}/assessments/${assessment.id}`, { json: { answers: { washing: 'some_help', dressing: 'painful' } } })
  assert.equal(first.status, 200, first.text)
  assert.equal(first.json().status, 'draft')
  // Submitting before every question is answered names the missing ones.
  const early = await worker.send('PATCH', `/api/v1/people/${person.id}/assessments/${assessment.id}`, { json: { submit: true } })
  assert.equal(early.status, 422)
  assert.ok(early.json().errors.some(e => e.field === 'meals'))
  // Second sitting: the rest, submitted.
  const second = await worker.send('PATCH', `/api/v1/people/${person.id}/assessments/${assessment.id}`, { json: { answers: everyAnswer, submit: true } })
  assert.equal(second.status, 200, second.text)
  assert.equal(second.json().status, 'submitted')

  // The worker changes one answer on confirming; both versions are kept.
  const confirmed = await worker.send('POST', `/api/v1/people/${person.id}/assessments/${assessment.id}/confirmation`, { json: { answers: { toilet: 'some_help' } } })
  assert.equal(confirmed.status, 200, confirmed.text)
  assert.equal(confirmed.json().person_answers.toilet, 'alone')
  assert.equal(confirmed.json().worker_answers.toilet, 'some_help')
  const points = confirmed.json().total_points
  // washing 6 + dressing 3 + toilet 6 + meals 5 + moving 5 + housework 3 + going out 4 + memory 6 + safety 3
  assert.equal(points, 41)

  const proposal = (await worker.request('GET', `/api/v1/people/${person.id}/eligibility`)).json().proposal
  assert.equal(proposal.assessment_id, assessment.id)
  assert.equal(proposal.findings.outcomes.personal_hygiene.achieved, false)
  assert.deepEqual(proposal.findings.outcomes.nutrition.reasons, ['endangers_health_or_safety'])
  const decided = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: true,
      impact_note: 'Edith is at risk of falls and is not eating well.', method_of_assessment: 'Service user and carer',
      outcomes: proposal.findings.outcomes }
  })
  assert.equal(decided.status, 201, decided.text)
  assert.equal(decided.json().eligible, true)
  assert.equal(decided.json().eligible_needs_identified, 'Yes')
  assert.ok(decided.json().reasoning.some(l => /unable to achieve 7 of the ten outcomes/.test(l)))

  const allocated = await worker.send('POST', `/api/v1/people/${person.id}/allocations`, { json: { assessment_id: assessment.id } })
  assert.equal(allocated.status, 201, allocated.text)
  const allocation = allocated.json()
  // 41 points x £5.20 = £213.20. "Some help from family" takes nothing off: no carer
  // has said they are willing and able to go on meeting any need (Care Act s.18(7)).
  assert.equal(allocation.indicative_weekly_pence, 21320)
  // The answer to the POST says when it was made, as the list does later.
  assert.match(allocation.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/)
  assert.equal(allocation.current, true)
  assert.equal(allocation.indicative_weekly, '213.20')
  assert.match(allocation.explanation[1], /41 points × £5\.20 a point = £213\.20 a week/)
  assert.ok(allocation.explanation.every(l => !/carer/i.test(l)), allocation.explanation.join(' '))
  assert.equal(allocation.carer_points, null)

  const events = (await worker.request('GET', `/api/v1/people/${person.id}/events`)).json().events
  assert.deepEqual(events.map(e => e.event_type), ['Request', 'Assessment'])
  // The request's release 1 outcome was stored as release 2; the decision's event carries the national assessment fields.
  assert.equal(events[0].event_outcome, 'Progress to assessment, review or reassessment')
  assert.equal(events[1].event_outcome, 'Progress to support planning or services')
  assert.equal(events[1].assessment_type, 'Long term assessment')
  assert.equal(events[1].method_of_assessment, 'Service user and carer')

  // Recalibration: a new model is loaded, compared with every current allocation, and not applied.
  const admin = new Client(server)
  await admin.signIn('admin')
  const ras = JSON.parse(readFileSync('config/ras.json', 'utf8'))
  const loaded = await admin.send('POST', '/api/v1/ras/configurations', { json: { ...ras, version: 2, price_per_point: '6.00' } })
  assert.equal(loaded.status, 201, loaded.text)
  assert.equal(loaded.json().active, false)
  const recal = await admin.send('POST', `/api/v1/ras/configurations/${loaded.json().id}/recalibrations`, { json: {} })
  assert.equal(recal.status, 201, recal.text)
  // The administrator does not open people's records, so no one is named to them.
  assert.ok(recal.json().results.every(r => r.person_id === undefined && r.name === undefined))
  assert.ok(recal.json().results_not_named >= 1)
  // A team manager sees the same effect with each person named.
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const effect = await manager.request('GET', `/api/v1/ras/configurations/${loaded.json().id}/recalibrations/latest`)
  assert.equal(effect.status, 200, effect.text)
  const row = effect.json().results.find(r => r.person_id === person.id)
  assert.equal(row.name, 'Edith Barnes')
  // 41 x £6.00 = £246.00.
  assert.deepEqual([row.old_weekly_pence, row.new_weekly_pence, row.difference_pence], [21320, 24600, 3280])
  const after = (await worker.request('GET', `/api/v1/people/${person.id}/allocations`)).json().allocations
  assert.equal(after[0].indicative_weekly_pence, 21320, 'nothing applied by a recalibration')

  const trail = await auditEntries(server, `?person_id=${person.id}`)
  for (const action of ['create_person', 'view_person_record', 'complete_self_assessment', 'confirm_eligibility', 'add_capacity_assessment'])
    assert.ok(trail.some(e => e.action === action && e.outcome === 'allowed'), action)
})

test('bad input is named and nothing is stored', async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const bad = await worker.send('POST', '/api/v1/people', {
    json: { given_name: 'X', family_name: 'Y', date_of_birth: '2099-01-01', nhs_number: '9434765918', postcode: 'nowhere', gender: 'Martian' }
  })
  assert.equal(bad.status, 422)
  assert.deepEqual(bad.json().errors.map(e => e.field).sort(), ['date_of_birth', 'gender', 'nhs_number', 'postcode'])
  const impossible = await worker.send('POST', '/api/v1/people', { json: { given_name: 'Xavier', family_name: 'Yannick', date_of_birth: '1950-02-30' } })
  assert.equal(impossible.status, 422)
  assert.equal((await worker.request('GET', '/api/v1/people?name=Yannick')).json().people.length, 0)
  const badSearch = await worker.request('GET', '/api/v1/people?nhs_number=123&postcode=zz&date_of_birth=1941-02-30')
  assert.equal(badSearch.status, 422)
  assert.deepEqual(badSearch.json().errors.map(e => e.field), ['date_of_birth', 'nhs_number', 'postcode'])
  assert.equal((await worker.request('GET', '/api/v1/people')).status, 422, 'a search needs something to search by')
  const badCapacity = await worker.send('POST', '/api/v1/people/1/capacity-assessments', { json: { decision: 'Money', assessed_on: '2030-01-01', outcome: 'maybe', assessed_by: 'Sam' } })
  assert.equal(badCapacity.status, 422)
  // Without its kind of decision, named first.
  assert.deepEqual(badCapacity.json().errors.map(e => e.field), ['decision_kind', 'assessed_on', 'outcome'])
  const badEvent = await worker.send('POST', '/api/v1/people/1/events', { json: { event_type: 'Request', start_date: '2026-11-20', description: 'x' } })
  assert.equal(badEvent.status, 422)
  assert.deepEqual(badEvent.json().errors.map(e => e.field), ['route_of_access', 'referral_source'])
  // A Service event says which national Service_Type it is (long-term community
  // support is what the self-directed-support report counts): without one, or
  // with one not on the list, it is refused by name.
  const untyped = await worker.send('POST', '/api/v1/people/1/events', { json: { event_type: 'Service', start_date: '2026-11-20', description: 'Reablement' } })
  assert.equal(untyped.status, 422)
  assert.deepEqual(untyped.json().errors.map(e => e.field), ['service_type'])
  const mistyped = await worker.send('POST', '/api/v1/people/1/events', { json: { event_type: 'Service', start_date: '2026-11-20', description: 'Reablement', service_type: 'Reablement' } })
  assert.equal(mistyped.status, 422)
  assert.deepEqual(mistyped.json().errors.map(e => e.field), ['service_type'])
  // Only the demo's own assessments (Margaret lacks capacity for care and
  // support decisions, and to manage a direct payment: her budget's is Sarah's).
  assert.equal((await worker.request('GET', '/api/v1/people/1/capacity-assessments')).json().capacity_assessments.length, 2)
  assert.equal((await worker.request('GET', '/api/v1/people/1/events')).json().events.length, 0)
  const duplicate = await worker.send('POST', '/api/v1/people', { json: { given_name: 'Maggie', family_name: 'Ellis', date_of_birth: '1941-03-14', nhs_number: '9991234500' } })
  assert.equal(duplicate.status, 422)
  assert.match(duplicate.json().errors[0].message, /already recorded/)

  const admin = new Client(server)
  await admin.signIn('admin')
  const before = (await admin.request('GET', '/api/v1/questionnaires')).json().questionnaires.length
  const broken = await admin.send('POST', '/api/v1/questionnaires', { body: '{"name":"x",', headers: { 'content-type': 'application/json' } })
  assert.equal(broken.status, 422)
  assert.equal(broken.json().errors[0].field, 'file')
  const q = JSON.parse(readFileSync('config/questionnaire.json', 'utf8'))
  q.version = 2
  q.domains[0].questions[1].id = 'washing'
  delete q.domains[1].questions[0].answers[1].points
  const contradictory = await admin.send('POST', '/api/v1/questionnaires', { json: q })
  assert.equal(contradictory.status, 422)
  assert.deepEqual(contradictory.json().errors.map(e => e.field).sort(),
    ['domains[0].questions[1].id', 'domains[1].questions[0].answers[1].points'])
  assert.equal((await admin.request('GET', '/api/v1/questionnaires')).json().questionnaires.length, before)
  const badRas = await admin.send('POST', '/api/v1/ras/configurations', { json: { name: 'x', version: 9, method: 'price_per_point', price_per_point: 5.2 } })
  assert.equal(badRas.status, 422)
  assert.equal(badRas.json().errors[0].field, 'price_per_point')
})

test('refusals: a worker not allocated, a representative who may only view, a manager of configuration', async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  // Aisha Rahman (4) is not on this worker's caseload.
  assert.equal((await worker.request('GET', '/api/v1/people/4/assessments')).status, 403)
  assert.equal((await worker.send('POST', '/api/v1/people/4/assessments', { json: { completed_with: 'x' } })).status, 403)
  assert.equal((await worker.send('PATCH', '/api/v1/people/4', { json: { postcode: 'NS1 1AA' } })).status, 403)
  assert.equal((await worker.request('GET', '/api/v1/people?name=rahman')).json().people.length, 0, 'search stays within the caseload')
  assert.equal((await worker.send('POST', '/api/v1/ras/configurations', { json: {} })).status, 403)

  // Sarah Ellis acts for her mother; give a second representative view-only access.
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const link = await manager.send('POST', '/api/v1/people/3/relationships', {
    json: { name: 'Sarah Ellis', role: 'family_carer', basis: 'consent', recorded_on: '2026-11-01', username: 'representative', access_scope: 'view' }
  })
  assert.equal(link.status, 201, link.text)
  // What Dorothy agreed to is recorded without an account: one can be given later, from her record.
  const noAccount = await manager.send('POST', '/api/v1/people/3/relationships', {
    json: { name: 'Tom', role: 'family_carer', basis: 'consent', recorded_on: '2026-11-01', access_scope: 'act' }
  })
  assert.equal(noAccount.status, 201, noAccount.text)
  assert.equal(noAccount.json().user_id, null)
  assert.deepEqual(noAccount.json().scope, { view: true, act_on_care: true, act_on_money: false })
  const wrongBasis = await manager.send('POST', '/api/v1/people/3/relationships', {
    json: { name: 'Tom', role: 'lpa_health_welfare', basis: 'consent', recorded_on: '2026-11-01' }
  })
  assert.equal(wrongBasis.status, 422)
  assert.match(wrongBasis.json().errors[0].message, /registered lasting power of attorney/)
  // The manager allocates Aisha to the worker; the worker can then see her, and loses her again when removed.
  assert.equal((await worker.send('POST', '/api/v1/people/4/workers', { json: { username: 'social.worker' } })).status, 403, 'workers do not allocate')
  const allocated = await manager.send('POST', '/api/v1/people/4/workers', { json: { username: 'social.worker' } })
  assert.equal(allocated.status, 200, allocated.text)
  assert.deepEqual(allocated.json().workers.map(w => w.username), ['social.worker'])
  assert.equal((await worker.request('GET', '/api/v1/people/4')).status, 200)
  assert.equal((await manager.send('POST', '/api/v1/people/4/workers', { json: { username: 'finance' } })).status, 422, 'only social workers')
  assert.equal((await manager.send('DELETE', '/api/v1/people/4/workers', { json: { username: 'social.worker' } })).status, 200)
  assert.equal((await worker.request('GET', '/api/v1/people/4')).status, 403)
  const rep = new Client(server)
  await rep.signIn('representative')
  assert.equal((await rep.request('GET', '/api/v1/people/3')).status, 200, 'view scope lets her see Dorothy')
  const act = await rep.send('POST', '/api/v1/people/3/assessments', { json: { completed_with: 'Sarah' } })
  assert.equal(act.status, 403, 'but not act for her')
  assert.match(act.json().detail, /view but not act/)
  const own = await rep.send('POST', '/api/v1/people/1/assessments', { json: { completed_with: 'Margaret with Sarah' } })
  assert.equal(own.status, 201, 'she may act for her mother')
  assert.equal((await rep.send('POST', '/api/v1/people/1/eligibility', { json: { assessment_id: own.json().id } })).status, 403,
    'only the council decides eligibility')

  const refusals = await auditEntries(server, '?person_id=3')
  assert.ok(refusals.some(e => e.username === 'representative' && e.action === 'complete_self_assessment' && e.outcome === 'refused'))
})

test('dementia is never assumed: a person recorded without saying is "Not known", not "No"', async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const created = await worker.send('POST', '/api/v1/people', { json: { given_name: 'Ivy', family_name: 'Unasked', date_of_birth: '1938-04-04' } })
  assert.equal(created.status, 201, created.text)
  assert.equal(created.json().dementia, 'Not known')
  // The form offers "Not known" first and chosen, never a pre-ticked "No".
  const page = await worker.request('GET', `/people/${created.json().id}/edit`)
  assert.match(page.text, /name="dementia" type="radio" value="Not known" checked/)
  assert.doesNotMatch(page.text, /name="dementia" type="radio" value="No" checked/)
  const said = await worker.send('PATCH', `/api/v1/people/${created.json().id}`, { json: { dementia: 'No' } })
  assert.equal(said.json().dementia, 'No')
})

test('someone with the same name and date of birth, and no NHS number, is a possible duplicate until confirmed', async () => {
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const again = { given_name: 'margaret', family_name: 'ELLIS', date_of_birth: '1941-03-14' }
  const warned = await manager.send('POST', '/api/v1/people', { json: again })
  assert.equal(warned.status, 422, warned.text)
  assert.equal(warned.json().errors[0].field, 'confirm_not_duplicate')
  assert.match(warned.json().errors[0].message, /Margaret Ellis, born 14 March 1941, is already recorded/)
  const before = (await manager.request('GET', '/api/v1/people?name=ellis&date_of_birth=1941-03-14')).json().people.length
  assert.equal(before, 1, 'nothing was stored')
  const confirmed = await manager.send('POST', '/api/v1/people', { json: { ...again, confirm_not_duplicate: true } })
  assert.equal(confirmed.status, 201, confirmed.text)
  // The page asks the same question, with a box to tick.
  const page = new Client(server)
  const form = await page.request('GET', '/sign-in')
  await page.request('POST', '/sign-in', { form: { csrf_token: csrfFrom(form.text), username: 'team.manager', password: 'patchwork-demo' } })
  const token = csrfFrom((await page.request('GET', '/people/new')).text)
  const fields = { csrf_token: token, given_name: 'Grace', family_name: 'Williams', 'date_of_birth-day': '17', 'date_of_birth-month': '9', 'date_of_birth-year': '1947' }
  const warnedPage = await page.request('POST', '/people/new', { form: fields })
  assert.equal(warnedPage.status, 422)
  assert.match(warnedPage.text, /Grace Williams, born 17 September 1947, is already recorded/)
  assert.match(warnedPage.text, /name="confirm_not_duplicate"/)
  const confirmedPage = await page.request('POST', '/people/new', { form: { ...fields, confirm_not_duplicate: 'yes' } })
  assert.equal(confirmedPage.status, 303)
})
