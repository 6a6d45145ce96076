// Unpaid carers as linked records with the offer of a carer's assessment
// (Care Act 2014 s.10); the willing-and-able rule for the carer adjustment
// (s.18(7)); and a RAS model's effect, which must be seen before it is applied.
// Run on both back ends.
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
  safety: 'sometimes', carer_help: 'most'
}
const today = new Date().toISOString().slice(0, 10)

// A new person, assessed and submitted, ready for the worker to confirm.
async function submittedAssessment (worker, given) {
  const created = await worker.send('POST', '/api/v1/people', {
    json: { given_name: given, family_name: 'Carerson', date_of_birth: '1940-01-15', dementia: 'Diagnosed' }
  })
  assert.equal(created.status, 201, created.text)
  const person = created.json().id
  const started = await worker.send('POST', `/api/v1/people/${person}/assessments`, { json: { completed_with: `${given} and her daughter` } })
  assert.equal(started.status, 201, started.text)
  const aid = started.json().id
  const saved = await worker.send('PATCH', `/api/v1/people/${person}/assessments/${aid}`, { json: { answers: everyAnswer, submit: true } })
  assert.equal(saved.status, 200, saved.text)
  return { person, aid }
}

async function decideEligible (worker, person, aid) {
  const proposal = (await worker.request('GET', `/api/v1/people/${person}/eligibility`)).json().proposal
  const decided = await worker.send('POST', `/api/v1/people/${person}/eligibility`, {
    json: { assessment_id: aid, impairment_or_illness: true, significant_impact_on_wellbeing: true, impact_note: 'Falls.', method_of_assessment: 'Service user only', outcomes: proposal.findings.outcomes }
  })
  assert.equal(decided.status, 201, decided.text)
}

test(`recording a carer makes Has_Unpaid_Carer Yes from that day, kept in the history (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const created = await worker.send('POST', '/api/v1/people', {
    json: { given_name: 'Olive', family_name: 'Carrow', date_of_birth: '1940-04-04', has_unpaid_carer: 'No' }
  })
  assert.equal(created.status, 201, created.text)
  const olive = created.json()
  assert.equal(olive.has_unpaid_carer, 'No')
  const added = await worker.send('POST', `/api/v1/people/${olive.id}/carers`, {
    json: { name: 'Ned Carrow', relationship: 'son', hours_per_week: 10, lives_with_person: false }
  })
  assert.equal(added.status, 201, added.text)
  assert.equal((await worker.request('GET', `/api/v1/people/${olive.id}`)).json().has_unpaid_carer, 'Yes')
  const history = (await worker.request('GET', `/api/v1/people/${olive.id}/characteristics`)).json()
  assert.ok(JSON.stringify(history).includes('"Yes"'), JSON.stringify(history))
  const held = (await worker.request('GET', `/api/v1/people/${olive.id}/characteristics?as_at=${today}`)).json()
  assert.equal(held.characteristics.has_unpaid_carer, 'Yes', JSON.stringify(held))
  const trail = await auditEntries(server, `?person_id=${olive.id}`)
  assert.ok(trail.some(e => e.action === 'change_characteristics' && /has_unpaid_carer: Yes/.test(e.reason)), JSON.stringify(trail))
  // A carer's own person id must be someone this worker works with: Aisha
  // Rahman (4) is not on the social worker's caseload, and the answer is the
  // same as for nobody at all.
  const notMine = await worker.send('POST', `/api/v1/people/${olive.id}/carers`, {
    json: { name: 'Aisha Rahman', relationship: 'friend', hours_per_week: 2, lives_with_person: false, carer_person_id: 4 }
  })
  const nobody = await worker.send('POST', `/api/v1/people/${olive.id}/carers`, {
    json: { name: 'Nobody', relationship: 'friend', hours_per_week: 2, lives_with_person: false, carer_person_id: 99999 }
  })
  assert.equal(notMine.status, 422, notMine.text)
  assert.equal(notMine.json().errors[0].field, 'carer_person_id')
  assert.equal(notMine.json().errors[0].message, nobody.json().errors[0].message)
})

test(`an unpaid carer is a linked record, offered a carer's assessment, and the answer is kept (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  // Margaret Ellis (1) has her daughter Sarah recorded as her carer in the demo.
  const demo = (await worker.request('GET', '/api/v1/people/1/carers')).json().carers
  assert.deepEqual(demo.map(c => [c.name, c.relationship]), [['Sarah Ellis', 'daughter']])

  const added = await worker.send('POST', '/api/v1/people/3/carers', {
    json: { name: 'Ruth Hughes', relationship: 'Daughter', hours_per_week: 35, lives_with_person: true, phone: '01632 960 010', carer_person_id: 6 }
  })
  assert.equal(added.status, 201, added.text)
  const ruth = added.json()
  assert.equal(added.headers.location, `/api/v1/people/3/carers/${ruth.id}`)
  assert.deepEqual([ruth.relationship, ruth.hours_per_week, ruth.lives_with_person, ruth.carer_person_id], ['daughter', 35, true, 6])
  // Recording her is when the carer's assessment is offered; no answer yet, nothing to arrange.
  assert.equal(ruth.assessment_offered_on, today)
  assert.equal(ruth.assessment_answer, 'not_yet_answered')
  assert.equal(ruth.assessment_to_arrange, false)

  const accepted = await worker.send('PATCH', `/api/v1/people/3/carers/${ruth.id}`, { json: { assessment_answer: 'accepted' } })
  assert.equal(accepted.status, 200, accepted.text)
  assert.equal(accepted.json().assessment_answered_on, today)
  assert.equal(accepted.json().assessment_to_arrange, true)
  // The accepted offer is something to do, on the person's record.
  const record = await worker.request('GET', '/people/3')
  assert.match(record.text, /Arrange a carer&#39;s assessment for Ruth Hughes|Arrange a carer's assessment for Ruth Hughes/)

  // Bad input names the field and stores nothing.
  const bad = await worker.send('POST', '/api/v1/people/3/carers', {
    json: { name: 'Tom', relationship: 'butler', hours_per_week: 169, lives_with_person: 'maybe', carer_person_id: 3 }
  })
  assert.equal(bad.status, 422)
  assert.deepEqual(bad.json().errors.map(e => e.field), ['relationship', 'hours_per_week', 'lives_with_person'])
  const self = await worker.send('POST', '/api/v1/people/3/carers', { json: { name: 'Tom', relationship: 'son', hours_per_week: 5, lives_with_person: false, carer_person_id: 3 } })
  assert.equal(self.status, 422)
  assert.equal(self.json().errors[0].field, 'carer_person_id')
  // Harold Bennett (7) is Southvale's: not a person this council can link.
  const otherCouncil = await worker.send('POST', '/api/v1/people/3/carers', { json: { name: 'Tom', relationship: 'son', hours_per_week: 5, lives_with_person: false, carer_person_id: 7 } })
  assert.equal(otherCouncil.status, 422)
  assert.equal(otherCouncil.json().errors[0].field, 'carer_person_id')
  const badAnswer = await worker.send('PATCH', `/api/v1/people/3/carers/${ruth.id}`, { json: { assessment_answer: 'perhaps', name: 'Ruthie' } })
  assert.equal(badAnswer.status, 422)
  assert.deepEqual(badAnswer.json().errors.map(e => e.field), ['name'])
  assert.equal((await worker.request('GET', '/api/v1/people/3/carers')).json().carers.length, 1, 'nothing stored')

  // Role and relationship, as for every record: a worker not allocated, another council, a representative who may only view.
  assert.equal((await worker.request('GET', '/api/v1/people/4/carers')).status, 403)
  assert.equal((await worker.send('POST', '/api/v1/people/4/carers', { json: { name: 'X', relationship: 'son', hours_per_week: 1, lives_with_person: false } })).status, 403)
  const southvale = new Client(server)
  await southvale.signIn('southvale.worker')
  assert.equal((await southvale.request('GET', '/api/v1/people/3/carers')).status, 404)
  assert.equal((await southvale.request('GET', `/api/v1/people/3/carers/${ruth.id}`)).status, 404)
  assert.equal((await southvale.send('PATCH', `/api/v1/people/3/carers/${ruth.id}`, { json: { assessment_answer: 'declined' } })).status, 404)
  const rep = new Client(server)
  await rep.signIn('representative')
  assert.equal((await rep.request('GET', '/api/v1/people/1/carers')).status, 200, 'she acts for her mother, so sees her record')
  assert.equal((await rep.send('POST', '/api/v1/people/1/carers', { json: { name: 'X', relationship: 'son', hours_per_week: 1, lives_with_person: false } })).status, 403)

  // The same through the pages: a carer recorded with the form, then their answer changed.
  const form = await worker.request('GET', '/people/3/carers/new')
  assert.equal(form.status, 200)
  const posted = await worker.request('POST', '/people/3/carers/new', {
    form: { csrf_token: csrfFrom(form.text), name: 'Tom Hughes', relationship: '', hours_per_week: '4', lives_with_person: 'no' }
  })
  assert.equal(posted.status, 422, 'no relationship chosen')
  assert.match(posted.text, /Choose who the carer is to the person|Enter who the carer is to the person/)
  const saved = await worker.request('POST', '/people/3/carers/new', {
    form: { csrf_token: csrfFrom(form.text), name: 'Tom Hughes', relationship: 'son', hours_per_week: '4', lives_with_person: 'no' }
  })
  assert.equal(saved.status, 303, saved.text)
  const tom = (await worker.request('GET', '/api/v1/people/3/carers')).json().carers.find(c => c.name === 'Tom Hughes')
  assert.equal(tom.assessment_answer, 'not_yet_answered')
  const answerForm = await worker.request('GET', `/people/3/carers/${tom.id}/answer`)
  assert.equal(answerForm.status, 200)
  const answered = await worker.request('POST', `/people/3/carers/${tom.id}/answer`, {
    form: { csrf_token: csrfFrom(answerForm.text), assessment_answer: 'declined' }
  })
  assert.equal(answered.status, 303, answered.text)
  assert.equal((await worker.request('GET', `/api/v1/people/3/carers/${tom.id}`)).json().assessment_answer, 'declined')
  assert.equal((await southvale.request('GET', `/people/3/carers/${tom.id}/answer`)).status, 404)

  const trail = await auditEntries(server, '?person_id=3')
  for (const action of ['add_carer', 'record_carer_assessment_answer'])
    assert.ok(trail.some(e => e.action === action && e.outcome === 'allowed'), action)
})

test(`the carer adjustment needs a willing-and-able record and applies only to those needs' share (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const { person, aid } = await submittedAssessment(worker, 'Winifred')
  const carer = await worker.send('POST', `/api/v1/people/${person}/carers`, {
    json: { name: 'Ruth', relationship: 'daughter', hours_per_week: 12, lives_with_person: false }
  })
  assert.equal(carer.status, 201, carer.text)
  const ruth = carer.json().id

  // A statement for a carer not recorded for this person (Margaret's Sarah) is refused, naming the field; nothing is confirmed.
  const sarah = (await worker.request('GET', '/api/v1/people/1/carers')).json().carers[0].id
  const wrong = await worker.send('POST', `/api/v1/people/${person}/assessments/${aid}/confirmation`, {
    json: { willing_and_able: [{ carer_id: sarah, needs: ['eating_drinking'], stated_on: today }] }
  })
  assert.equal(wrong.status, 422, wrong.text)
  assert.equal(wrong.json().errors[0].field, 'willing_and_able[0].carer_id')
  const unknownNeed = await worker.send('POST', `/api/v1/people/${person}/assessments/${aid}/confirmation`, {
    json: { willing_and_able: [{ carer_id: ruth, needs: ['gardening'], stated_on: '2099-01-01' }] }
  })
  assert.equal(unknownNeed.status, 422)
  assert.deepEqual(unknownNeed.json().errors.map(e => e.field), ['willing_and_able[0].needs', 'willing_and_able[0].stated_on'])
  assert.equal((await worker.request('GET', `/api/v1/people/${person}/assessments/${aid}`)).json().status, 'submitted', 'nothing stored')

  // Ruth has said she will go on helping with meals.
  const confirmed = await worker.send('POST', `/api/v1/people/${person}/assessments/${aid}/confirmation`, {
    json: { willing_and_able: [{ carer_id: ruth, needs: ['eating_drinking'], stated_on: today }] }
  })
  assert.equal(confirmed.status, 200, confirmed.text)
  await decideEligible(worker, person, aid)
  const allocated = await worker.send('POST', `/api/v1/people/${person}/allocations`, { json: { assessment_id: aid, carer_adjustment: true } })
  assert.equal(allocated.status, 201, allocated.text)
  const a = allocated.json()
  // 35 points x £5.20 = £182.00. Meals scored 5 of them: a share of £26.00, which Ruth meets. £156.00, whatever "most" said.
  assert.equal(a.total_points, 35)
  assert.equal(a.carer_points, 5)
  assert.equal(a.indicative_weekly_pence, 15600)
  assert.ok(a.explanation.includes('Ruth has said she is willing and able to go on helping with eating and drinking.'), a.explanation.join('\n'))
  assert.ok(a.explanation.every(l => !/the more/i.test(l)))
  const trail = await auditEntries(server, `?person_id=${person}`)
  assert.ok(trail.some(e => e.action === 'record_willing_and_able' && e.outcome === 'allowed'))
})

test(`a carer adjustment asked for without a willing-and-able record is refused, nothing stored (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const { person, aid } = await submittedAssessment(worker, 'Violet')
  assert.equal((await worker.send('POST', `/api/v1/people/${person}/assessments/${aid}/confirmation`, { json: {} })).status, 200)
  await decideEligible(worker, person, aid)
  const asked = await worker.send('POST', `/api/v1/people/${person}/allocations`, { json: { assessment_id: aid, carer_adjustment: true } })
  assert.equal(asked.status, 422, asked.text)
  assert.equal(asked.json().errors[0].field, 'carer_adjustment')
  assert.match(asked.json().errors[0].message, /no willing-and-able record/)
  const old = await worker.send('POST', `/api/v1/people/${person}/allocations`, { json: { assessment_id: aid, carer_answer: 'most' } })
  assert.equal(old.status, 422)
  assert.equal(old.json().errors[0].field, 'carer_answer')
  assert.equal((await worker.request('GET', `/api/v1/people/${person}/allocations`)).json().allocations.length, 0)
  // Without asking, the budget is worked out with no carer adjustment: "most" help from family takes nothing off.
  const plain = await worker.send('POST', `/api/v1/people/${person}/allocations`, { json: { assessment_id: aid } })
  assert.equal(plain.status, 201, plain.text)
  assert.equal(plain.json().indicative_weekly_pence, 18200)
})

test(`a model is applied only after its effect is seen, grouped and named as far as each user may see (${backend})`, async () => {
  const admin = new Client(server)
  await admin.signIn('admin')
  const ras = JSON.parse(readFileSync('config/ras.json', 'utf8'))
  const loaded = await admin.send('POST', '/api/v1/ras/configurations', { json: { ...ras, version: 30, price_per_point: '6.00' } })
  assert.equal(loaded.status, 201, loaded.text)
  const id = loaded.json().id
  const early = await admin.send('POST', `/api/v1/ras/configurations/${id}/activation`, { json: {} })
  assert.equal(early.status, 409, early.text)
  assert.match(early.json().detail, /has not been worked out/)
  assert.equal((await admin.request('GET', '/api/v1/ras/configurations')).json().configurations.find(c => c.id === id).active, false)
  const oldCarerForm = await admin.send('POST', '/api/v1/ras/configurations', {
    json: { ...ras, version: 31, carer_adjustment: { question: 'carer_help', percent_by_answer: { most: 20 } } }
  })
  assert.equal(oldCarerForm.status, 422)
  assert.equal(oldCarerForm.json().errors[0].field, 'carer_adjustment.question')

  const recal = await admin.send('POST', `/api/v1/ras/configurations/${id}/recalibrations`, { json: {} })
  assert.equal(recal.status, 201, recal.text)
  const groups = recal.json().groups
  assert.ok(groups.some(g => g.dimension === 'Age band' && g.group === '65 and over'))
  assert.ok(groups.some(g => g.dimension === 'Dementia' && g.group === 'Diagnosed'))
  assert.ok(groups.some(g => g.dimension === 'Carer' && /willing and able/.test(g.group)), JSON.stringify(groups))
  for (const dimension of ['Age band', 'Dementia', 'Carer'])
    assert.equal(groups.filter(g => g.dimension === dimension).reduce((n, g) => n + g.people, 0), recal.json().allocations, dimension)
  // Not one person named to the administrator.
  assert.ok(recal.json().results.every(r => r.name === undefined))

  const manager = new Client(server)
  await manager.signIn('team.manager')
  const seen = (await manager.request('GET', `/api/v1/ras/configurations/${id}/recalibrations/latest`)).json()
  const winifred = seen.results.find(r => r.name === 'Winifred Carerson')
  // 35 x £6.00 = £210.00, less the meals share (5/35: £30.00) that Ruth meets = £180.00.
  assert.deepEqual([winifred.old_weekly_pence, winifred.new_weekly_pence], [15600, 18000])
  assert.match(winifred.carer, /willing and able/)
  assert.equal((await new Client(server).request('GET', `/api/v1/ras/configurations/${id}/recalibrations/latest`)).status, 401)
  const worker = new Client(server)
  await worker.signIn('social.worker')
  assert.equal((await worker.request('GET', `/api/v1/ras/configurations/${id}/recalibrations/latest`)).status, 403)
  assert.equal((await manager.send('POST', `/api/v1/ras/configurations/${id}/activation`, { json: {} })).status, 403)

  // A finance officer sees who people are, not their care record: no one is
  // named beside an exact change the dementia and carer groups could be matched to.
  const finance = new Client(server)
  await finance.signIn('finance')
  const financeSees = await finance.request('GET', `/api/v1/ras/configurations/${id}/recalibrations/latest`)
  assert.equal(financeSees.status, 200, financeSees.text)
  assert.ok(financeSees.json().results.length > 0)
  assert.ok(financeSees.json().results.every(r => r.name === undefined && r.person_id === undefined), financeSees.text)
  assert.doesNotMatch((await finance.request('GET', `/configuration/ras/${id}/effect`)).text, /Winifred Carerson/)

  // A budget worked out after the effect was seen makes that effect stale: it
  // never showed what the model does to that person.
  const { person: newcomer, aid: newcomerAssessment } = await submittedAssessment(worker, 'Newcomer')
  assert.equal((await worker.send('POST', `/api/v1/people/${newcomer}/assessments/${newcomerAssessment}/confirmation`, { json: {} })).status, 200)
  await decideEligible(worker, newcomer, newcomerAssessment)
  const fresh = await worker.send('POST', `/api/v1/people/${newcomer}/allocations`, { json: { assessment_id: newcomerAssessment } })
  assert.equal(fresh.status, 201, fresh.text)
  const stale = await admin.send('POST', `/api/v1/ras/configurations/${id}/activation`, { json: {} })
  assert.equal(stale.status, 409, stale.text)
  assert.match(stale.json().detail, /worked out since/)
  assert.equal((await admin.send('POST', `/api/v1/ras/configurations/${id}/recalibrations`, { json: {} })).status, 201)

  const applied = await admin.send('POST', `/api/v1/ras/configurations/${id}/activation`, { json: {} })
  assert.equal(applied.status, 200, applied.text)
  assert.equal(applied.json().active, true)
})
