// The self-directed support summary (docs/reports.md): the API and the page
// for the roles that see council figures, refused (403) to social workers and
// budget holders; a council's figures never hold another council's people; the
// API, the page and the command line give the same counts; the page's date
// form and the API refuse a bad date naming it; the command line refuses a bad
// date, an unknown council and an unknown format with status 2. People are
// added straight into the database (as plans.test.mjs sets states up): the
// storage test covers every rule of who counts. Run on both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, run, sql, startServer, Client, auditEntries } from '../support/harness.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const today = new Date().toISOString().slice(0, 10)

async function signedIn (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

function councilId (code) {
  return Number(sql(db, `SELECT id FROM councils WHERE code = '${code}'`))
}

// A person born in 1950 with dementia diagnosed and a budget from 2026-01-01
// whose one part is a direct payment of £100 a week.
function personWithDirectPayment (code, name) {
  const council = councilId(code)
  sql(db, `INSERT INTO people (council_id, given_name, family_name, date_of_birth, dementia, created_at, updated_at) ` +
    `VALUES (${council}, '${name}', 'Summary', '1950-03-03', 'Diagnosed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
  const person = Number(sql(db, `SELECT id FROM people WHERE given_name = '${name}' AND family_name = 'Summary'`))
  sql(db, `INSERT INTO personal_budgets (council_id, person_id, version, effective_from, weekly_pence, contribution_kind, ` +
    `contribution_pence, basis, recorded_at) VALUES (${council}, ${person}, 1, '2026-01-01', 10000, 'not_yet_assessed', 0, 'test', '2026-01-01T00:00:00Z')`)
  const budget = Number(sql(db, `SELECT id FROM personal_budgets WHERE person_id = ${person}`))
  sql(db, `INSERT INTO budget_parts (council_id, budget_id, part_key, mechanism, weekly_pence, recipient, held_in) ` +
    `VALUES (${council}, ${budget}, 'A', 'direct_payment', 10000, 'person', 'bank_account')`)
  return person
}

const line = (figures, band, dementia) => figures.lines.find(l => l.band === band && l.dementia === dementia)

test(`the figures by role, each council's own, the same on the API, the page and the command line (${backend})`, async () => {
  const manager = await signedIn('team.manager')
  const before = (await manager.request('GET', '/api/v1/reports/self-directed-support')).json()
  assert.equal(before.council.code, 'E10999901')
  assert.equal(before.on, today)

  personWithDirectPayment('E10999901', 'Northern')
  personWithDirectPayment('E06999902', 'Southern')
  const res = await manager.request('GET', '/api/v1/reports/self-directed-support?on=' + today)
  assert.equal(res.status, 200, res.text)
  const after = res.json()
  // One more person in North's figures, not two: Southvale's is never here.
  assert.equal(after.total.people, before.total.people + 1)
  assert.equal(after.total.direct_payment, before.total.direct_payment + 1)
  const older = line(after, '65+', 'Diagnosed')
  assert.equal(older.direct_payment, line(before, '65+', 'Diagnosed').direct_payment + 1)
  assert.equal(line(after, '75-84', 'Diagnosed').people, line(before, '75-84', 'Diagnosed').people + 1)
  // The share is the counts it comes from.
  const share = after.total.direct_payment_share
  assert.equal(share.numerator, after.total.direct_payment)
  assert.equal(share.denominator, after.total.people)
  assert.equal(share.percent, (Math.round(1000 * share.numerator / share.denominator) / 10).toFixed(1))

  // Southvale's manager sees Southvale's person and none of North's.
  const south = (await (await signedIn('southvale.manager')).request('GET', '/api/v1/reports/self-directed-support')).json()
  assert.equal(south.council.code, 'E06999902')
  assert.ok(south.total.direct_payment >= 1)
  const southCli = run(['report', 'self-directed-support', '--db', db, '--council', 'E06999902', '--format', 'csv'])
  assert.equal(southCli.status, 0, southCli.stderr)
  assert.ok(!southCli.stdout.includes('E10999901'), 'one council named: no other council in the table')

  // The command line's total row for North says what the API says.
  const cli = run(['report', 'self-directed-support', '--db', db, '--format', 'csv', '--on', today])
  assert.equal(cli.status, 0, cli.stderr)
  const rows = cli.stdout.trim().split('\r\n').map(r => r.split(','))
  assert.deepEqual(rows[0].slice(0, 6), ['council_code', 'council_name', 'age_band', 'dementia', 'people', 'personal_budget'])
  const northTotal = rows.find(r => r[0] === 'E10999901' && r[2] === '18+')
  assert.deepEqual(northTotal.slice(4, 9).map(Number), [after.total.people, after.total.personal_budget,
    Number(after.total.personal_budget_share.percent), after.total.direct_payment, Number(after.total.direct_payment_share.percent)])
  // Every council, then the national total over both.
  const national = rows.find(r => r[0] === 'ALL' && r[2] === '18+')
  assert.equal(Number(national[4]), after.total.people + south.total.people)
  const text = run(['report', 'self-directed-support', '--db', db])
  assert.equal(text.status, 0, text.stderr)
  assert.match(text.stdout, /All councils\s+Total, 18 and over/)

  // The page, for each role that sees council figures, with the same total.
  for (const username of ['team.manager', 'commissioner', 'admin', 'finance', 'head.of.service']) {
    const page = await (await signedIn(username)).request('GET', '/reports/self-directed-support')
    assert.equal(page.status, 200, `${username}: ${page.text.slice(0, 300)}`)
    assert.match(page.text, /Self-directed support on/)
    assert.match(page.text, new RegExp(`All adults</th><td class="govuk-table__cell govuk-table__cell--numeric">${after.total.people.toLocaleString('en-GB')}<`))
  }
  // The date form's three boxes.
  const d = new Date()
  const form = await manager.request('GET', `/reports/self-directed-support?on-day=${d.getUTCDate()}&on-month=${d.getUTCMonth() + 1}&on-year=${d.getUTCFullYear()}`)
  assert.equal(form.status, 200)
  // Before anyone's budget began, no one had one.
  const early = (await manager.request('GET', '/api/v1/reports/self-directed-support?on=2000-01-01')).json()
  assert.equal(early.total.personal_budget, 0)

  const trail = await auditEntries(server, '?username=team.manager')
  assert.ok(trail.some(e => e.action === 'view_self_directed_support' && e.reason === 'as at ' + today), 'the look is audited with its date')
})

test(`social workers, budget holders and others who do not see council figures are refused (${backend})`, async () => {
  for (const username of ['social.worker', 'budget.holder', 'representative', 'provider', 'safeguarding']) {
    const client = await signedIn(username)
    assert.equal((await client.request('GET', '/api/v1/reports/self-directed-support')).status, 403, username)
    assert.equal((await client.request('GET', '/reports/self-directed-support')).status, 403, username)
  }
  const anonymous = new Client(server)
  assert.notEqual((await anonymous.request('GET', '/api/v1/reports/self-directed-support')).status, 200)
})

test(`a bad date is refused naming it, on the page and the API (${backend})`, async () => {
  const manager = await signedIn('team.manager')
  for (const on of ['2026-02-30', 'yesterday', '2999-01-01']) {
    const api = await manager.request('GET', '/api/v1/reports/self-directed-support?on=' + on)
    assert.equal(api.status, 422, on)
    assert.equal(api.json().errors[0].field, 'on', api.text)
  }
  const page = await manager.request('GET', '/reports/self-directed-support?on-day=30&on-month=2&on-year=2026')
  assert.equal(page.status, 400)
  assert.match(page.text, /There is a problem/)
  assert.match(page.text, /href="#on"/)
  assert.match(page.text, /The date must be a real date/)
})

test(`the command line refuses bad input with status 2, naming the option (${backend})`, () => {
  const cases = [
    [['--on', '2026-13-01'], /--on: The date must be a real date/],
    [['--on', '2999-01-01'], /--on: The date must be today or in the past/],
    [['--council', 'E99000000'], /--council: there is no council with code E99000000/],
    [['--format', 'xml'], /--format: 'xml' is not a format; use text or csv/]
  ]
  for (const [args, message] of cases) {
    const r = run(['report', 'self-directed-support', '--db', db, ...args])
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
    assert.equal(r.stdout, '')
  }
  const help = run(['--help'])
  assert.match(help.stdout, /report/)
  const sub = run(['report', 'self-directed-support', '--help'])
  assert.match(sub.stdout, /--on/)
  assert.match(sub.stdout, /--format/)
})

test(`a Service event counts only as long-term community support, recorded through the API (${backend})`, async () => {
  const manager = await signedIn('team.manager')
  const worker = await signedIn('social.worker')
  const figures = async () => (await manager.request('GET', '/api/v1/reports/self-directed-support')).json().total
  const start = await figures()
  const made = await worker.send('POST', '/api/v1/people', { json: { given_name: 'Ivy', family_name: 'Served', date_of_birth: '1944-05-05' } })
  assert.equal(made.status, 201, made.text)
  const id = made.json().id
  const event = (serviceType) => worker.send('POST', `/api/v1/people/${id}/events`, {
    json: { event_type: 'Service', start_date: '2026-01-05', description: 'Support at home', service_type: serviceType }
  })
  // Reablement and a care home placement are not long-term community support.
  for (const type of ['Short term support: ST-Max', 'Long Term Support: Residential Care']) {
    const r = await event(type)
    assert.equal(r.status, 201, r.text)
  }
  assert.equal((await figures()).people, start.people)
  // Home care the council commissions is: one more person, with no personal budget.
  const home = await event('Long Term Support: Community')
  assert.equal(home.status, 201, home.text)
  assert.equal(home.json().service_type, 'Long Term Support: Community')
  const now = await figures()
  assert.equal(now.people, start.people + 1)
  assert.equal(now.personal_budget, start.personal_budget)
})
