// One council's staff never reach another council's people (issue 13). The demo
// holds two councils; every role of the first tries every person route of the
// API and every person page with the ids of the second council's person and of
// her assessment, eligibility decision and allocation. Always 404, never data,
// never a 500, and every attempt in the audit trail. Run on both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, freshDatabase, startServer, Client, auditEntries, run } from '../support/harness.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const everyAnswer = {
  washing: 'some_help', dressing: 'painful', toilet: 'alone', meals: 'forgets', moving_home: 'falls', housework: 'some_help',
  seeing_people: 'fine', going_out: 'with_someone', occupation: 'not_wanted', caring_child: 'no', memory: 'often',
  safety: 'sometimes', carer_help: 'some'
}

// Southvale's worker takes Harold Bennett from assessment to an indicative budget.
async function southvaleRecords () {
  const worker = new Client(server)
  await worker.signIn('southvale.worker')
  const harold = (await worker.request('GET', '/api/v1/people?name=bennett')).json().people[0]
  const started = await worker.send('POST', `/api/v1/people/${harold.id}/assessments`, { json: { completed_with: 'Harold and his son' } })
  assert.equal(started.status, 201, started.text)
  const aid = started.json().id
  assert.equal((await worker.send('PATCH', `/api/v1/people/${harold.id}/assessments/${aid}`, { json: { answers: everyAnswer, submit: true } })).status, 200)
  assert.equal((await worker.send('POST', `/api/v1/people/${harold.id}/assessments/${aid}/confirmation`, { json: {} })).status, 200)
  const proposal = (await worker.request('GET', `/api/v1/people/${harold.id}/eligibility`)).json().proposal
  const decided = await worker.send('POST', `/api/v1/people/${harold.id}/eligibility`, {
    json: { assessment_id: aid, impairment_or_illness: true, significant_impact_on_wellbeing: true, impact_note: 'Falls.', outcomes: proposal.findings.outcomes,
      method_of_assessment: 'Service user only' }
  })
  assert.equal(decided.status, 201, decided.text)
  const allocated = await worker.send('POST', `/api/v1/people/${harold.id}/allocations`, { json: { assessment_id: aid } })
  assert.equal(allocated.status, 201, allocated.text)
  // Southvale's own banded model: 35 points is in the 16 to 35 band, £180 a week.
  assert.equal(allocated.json().indicative_weekly_pence, 18000)
  const ras = (await worker.request('GET', '/api/v1/ras/configurations')).json().configurations[0]
  const me = (await worker.request('GET', '/api/v1/me')).json()
  return { person: harold.id, assessment: aid, decision: decided.json().id, allocation: allocated.json().id, ras: ras.id, worker: me.id }
}

const NORTHSHIRE = ['admin', 'social.worker', 'team.manager', 'finance', 'commissioner', 'safeguarding', 'provider', 'budget.holder', 'representative', 'head.of.service']

function personRoutes (b, own) {
  const p = b.person
  return [
    ['GET', `/api/v1/people/${p}`], ['PATCH', `/api/v1/people/${p}`],
    ['GET', `/api/v1/people/${p}/workers`], ['POST', `/api/v1/people/${p}/workers`], ['DELETE', `/api/v1/people/${p}/workers`],
    ['GET', `/api/v1/people/${p}/capacity-assessments`], ['POST', `/api/v1/people/${p}/capacity-assessments`],
    ['GET', `/api/v1/people/${p}/relationships`], ['POST', `/api/v1/people/${p}/relationships`],
    ['GET', `/api/v1/people/${p}/events`], ['POST', `/api/v1/people/${p}/events`],
    ['GET', `/api/v1/people/${p}/assessments`], ['POST', `/api/v1/people/${p}/assessments`],
    ['GET', `/api/v1/people/${p}/assessments/${b.assessment}`], ['PATCH', `/api/v1/people/${p}/assessments/${b.assessment}`],
    ['POST', `/api/v1/people/${p}/assessments/${b.assessment}/confirmation`],
    ['GET', `/api/v1/people/${p}/eligibility`], ['POST', `/api/v1/people/${p}/eligibility`],
    ['GET', `/api/v1/people/${p}/allocations`], ['POST', `/api/v1/people/${p}/allocations`],
    // Our own person with the other council's assessment and decision ids.
    ['GET', `/api/v1/people/${own}/assessments/${b.assessment}`], ['PATCH', `/api/v1/people/${own}/assessments/${b.assessment}`],
    ['POST', `/api/v1/people/${own}/assessments/${b.assessment}/confirmation`],
    ['GET', `/people/${p}`], ['GET', `/people/${p}/edit`], ['POST', `/people/${p}/edit`],
    ['GET', `/people/${p}/capacity/new`], ['POST', `/people/${p}/capacity/new`],
    ['GET', `/people/${p}/relationships/new`], ['POST', `/people/${p}/relationships/new`],
    ['GET', `/people/${p}/events/new`], ['POST', `/people/${p}/events/new`],
    ['POST', `/people/${p}/workers`], ['POST', `/people/${p}/workers/remove`],
    ['GET', `/people/${p}/assessments/new`], ['POST', `/people/${p}/assessments/new`],
    ['GET', `/people/${p}/assessments/${b.assessment}`], ['POST', `/people/${p}/assessments/${b.assessment}/submit`],
    ['GET', `/people/${p}/assessments/${b.assessment}/domains/personal_care`], ['POST', `/people/${p}/assessments/${b.assessment}/domains/personal_care`],
    ['GET', `/people/${p}/assessments/${b.assessment}/confirm`], ['POST', `/people/${p}/assessments/${b.assessment}/confirm`],
    ['GET', `/people/${p}/assessments/${b.assessment}/eligibility`], ['POST', `/people/${p}/assessments/${b.assessment}/eligibility`],
    ['POST', `/people/${p}/assessments/${b.assessment}/allocation`],
    ['GET', `/people/${p}/eligibility/${b.decision}`], ['GET', `/people/${p}/eligibility/${b.decision}/letter`],
    ['GET', `/people/${own}/assessments/${b.assessment}`], ['GET', `/people/${own}/eligibility/${b.decision}`],
    ['GET', `/people/${own}/eligibility/${b.decision}/letter`]
  ]
}

test(`no role of one council reaches another council's person or records (${backend})`, async () => {
  const b = await southvaleRecords()
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const margaret = (await manager.request('GET', '/api/v1/people?nhs_number=9991234500')).json().people[0].id
  for (const username of NORTHSHIRE) {
    const c = new Client(server)
    await c.signIn(username)
    for (const [method, path] of personRoutes(b, margaret)) {
      const page = !path.startsWith('/api/')
      const options = method === 'GET' ? {} : page ? { form: { csrf_token: c.csrf, given_name: 'X' } } : { json: { assessment_id: b.assessment, username: 'southvale.worker' } }
      const r = method === 'GET' ? await c.request(method, path) : await c.send(method, path, options)
      // Our own person with the other council's record ids: a 404 for those who
      // may work with our person, the policy's 403 for those who may not.
      const ours = path.includes(`/${margaret}/`)
      if (!ours || ['social.worker', 'team.manager'].includes(username)) {
        assert.equal(r.status, 404, `${username} ${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`)
      } else {
        assert.ok([403, 404].includes(r.status), `${username} ${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`)
      }
      assert.doesNotMatch(r.text, /Harold|Bennett|9991234578|SV1 2AB/, `${username} ${method} ${path} leaked data`)
    }
    // Searches never cross the line either.
    const search = await c.request('GET', '/api/v1/people?nhs_number=9991234578')
    if (search.status === 200) assert.equal(search.json().people.length, 0, `${username} found Harold by search`)
  }
  const entries = await auditEntries(server, `?username=social.worker`)
  const attempts = entries.filter(e => e.outcome === 'refused' && e.reason === `no person ${b.person} in this council`)
  assert.ok(attempts.length >= 40, `only ${attempts.length} attempts audited`)
  assert.ok(attempts.every(e => e.person_id === null), 'the other council\'s person id is not linked in this council\'s trail')
})

test('and the other way round: the second council\'s staff never reach the first council\'s person', async () => {
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const margaret = (await manager.request('GET', '/api/v1/people?nhs_number=9991234500')).json().people[0].id
  for (const username of ['southvale.admin', 'southvale.worker', 'southvale.manager']) {
    const c = new Client(server)
    await c.signIn(username)
    for (const path of [`/api/v1/people/${margaret}`, `/api/v1/people/${margaret}/events`, `/api/v1/people/${margaret}/assessments`,
      `/people/${margaret}`, `/people/${margaret}/edit`]) {
      const r = await c.request('GET', path)
      assert.equal(r.status, 404, `${username} ${path}`)
      assert.doesNotMatch(r.text, /Margaret|Ellis|9991234500/)
    }
    const allocate = await c.send('POST', `/api/v1/people/${margaret}/workers`, { json: { username: 'southvale.worker' } })
    assert.equal(allocate.status, 404, `${username} allocating to Margaret`)
  }
})

test('the other council\'s configuration and caseloads are out of reach too', async () => {
  const south = new Client(server)
  await south.signIn('southvale.admin')
  const theirRas = (await south.request('GET', '/api/v1/ras/configurations')).json().configurations.map(r => r.id)
  const theirQuestionnaires = (await south.request('GET', '/api/v1/questionnaires')).json().questionnaires.map(q => q.id)
  const admin = new Client(server)
  await admin.signIn('admin')
  const ours = (await admin.request('GET', '/api/v1/ras/configurations')).json().configurations.map(r => r.id)
  assert.ok(theirRas.every(id => !ours.includes(id)))
  assert.ok(theirQuestionnaires.length > 0)
  for (const id of theirRas) {
    assert.equal((await admin.send('POST', `/api/v1/ras/configurations/${id}/activation`, { json: {} })).status, 404)
    assert.equal((await admin.send('POST', `/api/v1/ras/configurations/${id}/recalibrations`, { json: {} })).status, 404)
  }
  const southWorker = new Client(server)
  await southWorker.signIn('southvale.worker')
  const theirWorker = (await southWorker.request('GET', '/api/v1/me')).json().id
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const caseload = await manager.request('GET', `/caseloads/${theirWorker}`)
  assert.equal(caseload.status, 404)
  assert.doesNotMatch(caseload.text, /Tom Price|Harold/)
  // Audit trails are per council: Southvale's administrator sees none of Northshire's entries.
  const southAudit = await south.request('GET', '/api/v1/audit?username=admin')
  assert.equal(southAudit.json().entries.length, 0)
})

test('councils are added and listed from the command line, with bad codes refused', async () => {
  const list = run(['council', 'list', '--db', db])
  assert.equal(list.status, 0, list.stderr)
  assert.match(list.stdout, /E10999901 {2}Northshire Council/)
  assert.match(list.stdout, /E06999902 {2}Southvale Council/)
  for (const [code, message] of [['E07000223', /E06 \(unitary\)/], ['E0600001', /9 characters/], ['E06000ABC', /six digits/]]) {
    const r = run(['council', 'add', '--db', db, '--code', code, '--name', 'A Council'])
    assert.equal(r.status, 2, code)
    assert.match(r.stderr, message)
  }
  const dup = run(['council', 'add', '--db', db, '--code', 'E06999902', '--name', 'Another'])
  assert.equal(dup.status, 1)
  assert.match(dup.stderr, /already here, as Southvale Council/)
  const twoLines = run(['council', 'add', '--db', db, '--code', 'E06000014', '--name', 'Two\nlines'])
  assert.equal(twoLines.status, 2)
  assert.match(twoLines.stderr, /one line/)
  const sameName = run(['council', 'add', '--db', db, '--code', 'E06000014', '--name', 'northshire council'])
  assert.equal(sameName.status, 1)
  assert.match(sameName.stderr, /already a council called Northshire Council/)
  const noName = run(['council', 'add', '--db', db, '--code', 'E06000014', '--name', '  '])
  assert.equal(noName.status, 2)
  assert.doesNotMatch(run(['council', 'list', '--db', db]).stdout, /E06000014/)
  // Several councils and no --council: user add says which to name.
  const ambiguous = run(['user', 'add', '--db', db, '--username', 'new.admin', '--role', 'administrator', '--password-stdin'], { input: 'a-long-enough-password\n' })
  assert.equal(ambiguous.status, 1)
  assert.match(ambiguous.stderr, /several councils; name one with --council/)
  const unknown = run(['user', 'add', '--db', db, '--council', 'E06000014', '--username', 'new.admin', '--role', 'administrator', '--password-stdin'], { input: 'a-long-enough-password\n' })
  assert.equal(unknown.status, 1)
  assert.match(unknown.stderr, /no council with code E06000014/)
})

test('a real council starts without the demo: init, council add, user add, serve, sign in', async () => {
  const fresh = freshDatabase()
  assert.equal(run(['init', '--db', fresh]).status, 0)
  const none = run(['user', 'add', '--db', fresh, '--username', 'york.admin', '--role', 'administrator', '--password-stdin'], { input: 'a-long-enough-password\n' })
  assert.equal(none.status, 1)
  assert.match(none.stderr, /no council yet; add one with `patchwork council add/)
  const added = run(['council', 'add', '--db', fresh, '--code', 'E06000014', '--name', 'City of York Council'])
  assert.equal(added.status, 0, added.stderr)
  assert.match(added.stdout, /Added City of York Council \(E06000014/)
  const user = run(['user', 'add', '--db', fresh, '--username', 'york.admin', '--role', 'administrator', '--name', 'Pat Jones', '--password-stdin'],
    { input: 'a-long-enough-password\n' })
  assert.equal(user.status, 0, user.stderr)
  const york = await startServer(fresh)
  try {
    const c = new Client(york)
    await c.signIn('york.admin', 'a-long-enough-password')
    const me = (await c.request('GET', '/api/v1/me')).json()
    assert.equal(me.council.name, 'City of York Council')
    // No demo people: the council starts empty.
    assert.equal((await c.request('GET', '/api/v1/audit?username=york.admin')).status, 200)
  } finally {
    await york.stop()
  }
})

test('a write the database refuses is a 409 naming the field, never a 500', async () => {
  const manager = new Client(server)
  await manager.signIn('team.manager')
  // Eight requests at once for one new NHS number: the service's check can be
  // raced past on PostgreSQL, where the unique index then refuses the others.
  const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => manager.send('POST', '/api/v1/people', {
    json: { given_name: `Racer${'abcdefgh'[i]}`, family_name: 'Same', date_of_birth: '1950-05-05', nhs_number: '401 023 2137' }
  })))
  const statuses = attempts.map(r => r.status)
  assert.equal(statuses.filter(s => s === 201).length, 1, statuses.join(','))
  for (const r of attempts.filter(r => r.status !== 201)) {
    assert.ok([409, 422].includes(r.status), `${r.status} ${r.text}`)
    assert.equal(r.json().errors[0].field, 'nhs_number')
  }
  assert.equal((await manager.request('GET', '/api/v1/people?nhs_number=4010232137')).json().people.length, 1)
  // A refusal is audited by rule, never with the refused values.
  const entries = await auditEntries(server, '?username=team.manager')
  assert.ok(entries.every(e => !e.reason.includes('4010232137')), 'an NHS number was copied into the audit trail')
  assert.doesNotMatch(server.log(), /4010232137/)
})
