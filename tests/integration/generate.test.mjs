// `patchwork generate` (#18, docs/synthetic-data.md): a
// small data set (3 councils, 1,500 people on SQLite and 300 on PostgreSQL, 2 years) generated twice with one
// seed gives the same database; its people pass the checks a hand-typed record
// passes; the ledger's invariants hold; the shares by age band fall within the
// bounds docs/synthetic-data.md states; impossible sizes and a database that
// already holds councils are refused with nothing written; --append adds
// councils beside the ones there. Run on both back ends.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { backend, freshDatabase, run, sql, startServer, Client } from '../support/harness.mjs'

const PASSWORD = 'a long enough password'
const TODAY = '2026-11-30'
// PostgreSQL takes each statement over a socket and generates about a tenth
// as fast here (docs/synthetic-data.md), so its data set is smaller.
const PEOPLE = backend === 'sqlite' ? 1500 : 300
const SIZE = ['--councils', '3', '--people', String(PEOPLE), '--years', '2', '--seed', '20261130', '--today', TODAY]
let first, second

function generate (db, extra = [], args = SIZE) {
  return run(['generate', '--db', db, ...args, '--password-stdin', '--no-progress', ...extra], { input: PASSWORD + '\n' })
}

before(() => {
  first = freshDatabase()
  second = freshDatabase()
  for (const db of [first, second]) {
    const r = generate(db)
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, new RegExp(`Generated 3 councils \\(E06800001 to E09800001\\) with ${PEOPLE.toLocaleString('en-GB')} people over 2 years to 30 November 2026, seed 20261130`))
  }
})

const rows = (db, statement) => { const out = sql(db, statement); return out === '' ? [] : out.split('\n').map(l => l.split('|')) }
const one = (db, statement) => sql(db, statement)

function tables (db) {
  return backend === 'sqlite'
    ? rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map(r => r[0])
    : rows(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name").map(r => r[0])
}
function columns (db, table) {
  return backend === 'sqlite'
    ? rows(db, `SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).map(r => r[0])
    : rows(db, `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`).map(r => r[0])
}

// Every table's content, leaving out only when each row was written (the
// columns ending _at that the services stamp with the clock) and password
// hashes (salted afresh each time, by design).
function content (db) {
  const out = {}
  for (const t of tables(db)) {
    const kept = columns(db, t).filter(c => !c.endsWith('_at') && c !== 'at' && c !== 'password_hash')
    const list = kept.map(c => `"${c}"`).join(', ')
    out[t] = sql(db, `SELECT ${list} FROM "${t}" ORDER BY ${kept.map((_, i) => i + 1).join(', ')}`)
  }
  return out
}

test(`one seed gives the same database twice (${backend})`, () => {
  const a = content(first)
  const b = content(second)
  assert.deepEqual(Object.keys(a), Object.keys(b))
  for (const t of Object.keys(a)) assert.equal(a[t], b[t], `table ${t} differs between two runs with the same seed`)
  assert.equal(one(first, 'SELECT count(*) FROM people'), String(PEOPLE))
  assert.equal(one(first, 'SELECT count(*) FROM councils'), '3')
  // And a different seed gives different people.
  const other = freshDatabase()
  const r = generate(other, [], ['--councils', '1', '--people', '50', '--years', '1', '--seed', '7', '--today', TODAY])
  assert.equal(r.status, 0, r.stderr)
  assert.notEqual(one(other, 'SELECT given_name || family_name || date_of_birth FROM people WHERE id = 1'),
    one(first, 'SELECT given_name || family_name || date_of_birth FROM people WHERE id = 1'))
})

test(`generated people pass the checks a record typed by hand passes (${backend})`, async () => {
  const server = await startServer(first)
  try {
    for (const code of ['e06800001', 'e08800001', 'e09800001']) {
      const worker = new Client(server)
      await worker.signIn(`${code}.worker1`, PASSWORD)
      const caseload = (await worker.request('GET', '/api/v1/caseload')).json().people
      assert.ok(caseload.length >= 5, `${code}.worker1 has a caseload`)
      for (const listed of caseload.slice(0, 15)) {
        const person = (await worker.request('GET', `/api/v1/people/${listed.id}`)).json()
        // Sent back as the person form would send it: the same validation as a new record.
        const fields = {}
        for (const k of ['given_name', 'family_name', 'date_of_birth', 'nhs_number', 'postcode', 'town', 'address_line_1', 'gender', 'ethnicity',
          'primary_support_reason', 'dementia', 'has_unpaid_carer', 'accommodation_status', 'preferred_contact']) if (person[k] !== null) fields[k] = person[k]
        const r = await worker.send('PATCH', `/api/v1/people/${listed.id}`, { json: fields })
        assert.equal(r.status, 200, `person ${listed.id}: ${r.text}`)
      }
      // The approval thresholds, plans and budgets read back through the API.
      const manager = new Client(server)
      await manager.signIn(`${code}.manager`, PASSWORD)
      assert.equal((await manager.request('GET', '/approvals')).status, 200)
      const finance = new Client(server)
      await finance.signIn(`${code}.finance`, PASSWORD)
      assert.equal((await finance.request('GET', '/flags')).status, 200)
      assert.equal((await finance.request('GET', '/finance/payment-runs')).status, 200)
    }
  } finally { await server.stop() }
  // Every approved plan's weekly cost is its budget's, and every budget part that holds money has its account.
  assert.equal(one(first, "SELECT count(*) FROM approval_requests r JOIN personal_budgets b ON b.council_id = r.council_id AND b.plan_id = r.plan_id " +
    "WHERE r.status = 'approved' AND b.weekly_pence <> r.weekly_cost_pence"), '0')
  assert.equal(one(first, "SELECT count(*) FROM payment_schedules s WHERE NOT EXISTS (SELECT 1 FROM payee_bank_details d " +
    'WHERE d.council_id = s.council_id AND d.person_id = s.person_id AND d.part_key = s.part_key)'), '0')
})

test(`every invariant of the ledger holds in generated data (${backend})`, () => {
  // Positive amounts between two accounts of the transfer's own council.
  assert.equal(one(first, 'SELECT count(*) FROM ledger_transfers t JOIN ledger_accounts d ON d.id = t.debit_account JOIN ledger_accounts c ON c.id = t.credit_account ' +
    'WHERE t.amount_pence <= 0 OR t.debit_account = t.credit_account OR d.council_id <> t.council_id OR c.council_id <> t.council_id'), '0')
  // A holding account never below zero at the end of any day.
  const kinds = new Map(rows(first, 'SELECT id, kind FROM ledger_accounts').map(([id, kind]) => [id, kind]))
  const moves = rows(first, 'SELECT debit_account, credit_account, amount_pence, value_date FROM ledger_transfers ORDER BY value_date')
  const balance = new Map()
  const endOfDay = new Map()
  for (const [debit, credit, amount, on] of moves) {
    balance.set(debit, (balance.get(debit) ?? 0) - Number(amount))
    balance.set(credit, (balance.get(credit) ?? 0) + Number(amount))
    for (const a of [debit, credit]) endOfDay.set(`${a}|${on}`, balance.get(a))
  }
  for (const [key, b] of endOfDay) {
    const account = key.split('|')[0]
    if (['direct_payment', 'individual_service_fund'].includes(kinds.get(account))) assert.ok(b >= 0, `account ${account} is below zero at the end of ${key.split('|')[1]}`)
  }
  // Double entry: all balances together come to nothing.
  assert.equal([...balance.values()].reduce((s, b) => s + b, 0), 0)
  // Each payment once, as its run says; each statement line's transfer exists.
  assert.equal(one(first, "SELECT count(*) FROM ledger_transfers WHERE transfer_id LIKE 'pay:%'"), one(first, 'SELECT count(*) FROM payment_run_items'))
  assert.equal(one(first, 'SELECT count(*) FROM payment_run_items i WHERE NOT EXISTS (SELECT 1 FROM ledger_transfers t ' +
    'WHERE t.council_id = i.council_id AND t.transfer_id = i.transfer_id AND t.amount_pence = i.amount_pence)'), '0')
  assert.equal(one(first, 'SELECT count(*) FROM statement_lines l WHERE l.transfer_id IS NOT NULL AND NOT EXISTS ' +
    '(SELECT 1 FROM ledger_transfers t WHERE t.council_id = l.council_id AND t.transfer_id = l.transfer_id)'), '0')
  assert.ok(Number(one(first, 'SELECT count(*) FROM statement_lines')) > 1000, 'statements were imported')
  assert.ok(Number(one(first, "SELECT count(*) FROM payment_runs WHERE state = 'exported'")) > 40, 'payment runs over two years')
})

test(`deaths end support, stop payments and open recovery cases for money paid past them (${backend})`, () => {
  const deaths = Number(one(first, "SELECT count(*) FROM support_endings WHERE kind = 'died'"))
  assert.ok(deaths > 0, 'some people die during two years of support')
  // The date of death is on each person's record, and no one is recorded dead
  // before their support began or after today.
  assert.equal(one(first, "SELECT count(*) FROM support_endings e JOIN people p ON p.council_id = e.council_id AND p.id = e.person_id " +
    "WHERE e.kind = 'died' AND (p.date_of_death IS NULL OR p.date_of_death <> e.ends_on OR e.ends_on > '" + TODAY + "')"), '0')
  // Nothing is spent from the account after a death.
  assert.equal(one(first, 'SELECT count(*) FROM statement_lines l JOIN ledger_accounts a ON a.id = l.account_id ' +
    'JOIN support_endings e ON e.council_id = a.council_id AND e.person_id = a.person_id WHERE l.amount_pence < 0 AND l.booking_date > e.ends_on'), '0')
  // A period that starts after the last day paid was paid only before the
  // death was known, and is in its recovery case; each case is the sum of its
  // periods, and what came back never passes what was owed.
  assert.equal(one(first, 'SELECT count(*) FROM payment_run_items i JOIN support_endings e ON e.council_id = i.council_id AND e.person_id = i.person_id ' +
    'WHERE i.period_start > e.last_day_paid AND NOT EXISTS (SELECT 1 FROM recovery_case_periods p WHERE p.council_id = i.council_id AND p.transfer_id = i.transfer_id)'), '0')
  // The death is recorded before the first run prepared after the council
  // heard (the day the case opened): every period in a case was paid by a run
  // prepared before then, and no run prepared since pays a period after the death.
  const heard = "(SELECT t.value_date FROM ledger_transfers t WHERE t.council_id = c.council_id AND t.transfer_id = 'recovery:' || c.id || ':opened')"
  assert.equal(one(first, 'SELECT count(*) FROM recovery_cases c JOIN recovery_case_periods p ON p.council_id = c.council_id AND p.case_id = c.id ' +
    'JOIN payment_run_items i ON i.council_id = p.council_id AND i.transfer_id = p.transfer_id JOIN payment_runs r ON r.council_id = i.council_id AND r.id = i.run_id ' +
    `WHERE substr(r.prepared_at, 1, 10) >= ${heard}`), '0')
  assert.equal(one(first, 'SELECT count(*) FROM recovery_cases c JOIN support_endings e ON e.council_id = c.council_id AND e.person_id = c.person_id ' +
    'JOIN payment_run_items i ON i.council_id = c.council_id AND i.person_id = c.person_id JOIN payment_runs r ON r.council_id = i.council_id AND r.id = i.run_id ' +
    `WHERE substr(r.prepared_at, 1, 10) >= ${heard} AND i.period_start > e.last_day_paid`), '0')
  const cases = rows(first, 'SELECT c.amount_pence, c.state, c.write_off_proposed_by, c.write_off_decided_by, ' +
    '(SELECT sum(p.overpaid_pence) FROM recovery_case_periods p WHERE p.council_id = c.council_id AND p.case_id = c.id), ' +
    '(SELECT coalesce(sum(r.amount_pence), 0) FROM recovery_receipts r WHERE r.council_id = c.council_id AND r.case_id = c.id) FROM recovery_cases c')
  for (const [amount, state, proposer, decider, periods, received] of cases) {
    assert.equal(periods, amount)
    assert.ok(Number(received) <= Number(amount))
    assert.equal(state === 'repaid', received === amount, `a case of ${amount} with ${received} back is ${state}`)
    // Only small debts are written off, by two finance officers.
    if (state === 'written_off') {
      assert.ok(Number(amount) < 5000, `a case of ${amount} written off`)
      assert.notEqual(proposer, decider)
    }
  }
  // Money came back from accounts, never dated after today.
  assert.equal(one(first, `SELECT count(*) FROM recovery_receipts WHERE source <> 'holding_account' OR received_on > '${TODAY}'`), '0')
  if (backend === 'sqlite') {
    // 1,500 people: enough for every outcome (300 on PostgreSQL may open none).
    const states = new Set(cases.map(c => c[1]))
    assert.ok(cases.length > 3, `recovery cases opened: ${cases.length}`)
    for (const s of ['repaid', 'written_off']) assert.ok(states.has(s), `a case ${s}: ${[...states]}`)
  }
})

test(`plans are reviewed as a worker records it: in time mostly, never after today or a death, one due at a time (${backend})`, () => {
  const done = Number(one(first, "SELECT count(*) FROM plan_reviews WHERE status = 'done'"))
  assert.ok(done > 0, 'reviews recorded')
  assert.equal(one(first, `SELECT count(*) FROM plan_reviews WHERE status = 'done' AND (done_on > '${TODAY}' OR outcome <> 'no_change')`), '0')
  assert.equal(one(first, "SELECT count(*) FROM plan_reviews r JOIN support_endings e ON e.council_id = r.council_id AND e.person_id = r.person_id " +
    "WHERE r.status = 'done' AND r.done_on >= e.ends_on"), '0')
  // Each review done schedules the next: one due at a time for each person.
  assert.equal(one(first, "SELECT count(*) FROM (SELECT person_id FROM plan_reviews WHERE status = 'due' GROUP BY council_id, person_id HAVING count(*) > 1) x"), '0')
  // Yearly reviews follow the first, and some people are overdue today, as in real caseloads.
  if (backend === 'sqlite') {
    assert.ok(Number(one(first, "SELECT count(*) FROM plan_reviews WHERE kind = 'yearly' AND status = 'done'")) > 0, 'a yearly review done')
    const living = 'NOT EXISTS (SELECT 1 FROM support_endings e WHERE e.council_id = r.council_id AND e.person_id = r.person_id)'
    const overdue = Number(one(first, `SELECT count(*) FROM plan_reviews r WHERE status = 'due' AND due_on < '${TODAY}' AND ${living}`))
    const due = Number(one(first, `SELECT count(*) FROM plan_reviews r WHERE status = 'due' AND ${living}`))
    assert.ok(overdue > 0 && overdue < due / 2, `${overdue} of ${due} reviews due are overdue`)
  }
})

test(`the shares by age band fall within the stated bounds (${backend})`, () => {
  // One row per person: born, dementia, in long-term support (a budget or a
  // Service event), with a personal budget, with a direct payment.
  const people = rows(first, 'SELECT p.id, p.date_of_birth, p.dementia, ' +
    '(SELECT count(*) FROM personal_budgets b WHERE b.council_id = p.council_id AND b.person_id = p.id), ' +
    "(SELECT count(*) FROM case_events e WHERE e.council_id = p.council_id AND e.person_id = p.id AND e.event_type = 'Service'), " +
    "(SELECT count(*) FROM budget_parts bp JOIN personal_budgets b ON b.council_id = bp.council_id AND b.id = bp.budget_id " +
    "WHERE b.council_id = p.council_id AND b.person_id = p.id AND bp.mechanism = 'direct_payment' AND bp.weekly_pence > 0) FROM people p")
  const age = (dob) => { const [y, m, d] = dob.split('-').map(Number); const [ty, tm, td] = TODAY.split('-').map(Number); return ty - y - ((tm < m || (tm === m && td < d)) ? 1 : 0) }
  const band = { older: { all: 0, support: 0, pb: 0, dp: 0 }, younger: { all: 0, support: 0, pb: 0, dp: 0 } }
  const dementia = new Map()
  for (const [, dob, dem, budgets, services, dps] of people) {
    const b = age(dob) >= 65 ? band.older : band.younger
    assert.ok(age(dob) >= 18)
    b.all++
    dementia.set(dem, (dementia.get(dem) ?? 0) + 1)
    if (Number(budgets) + Number(services) === 0) continue
    b.support++
    if (Number(budgets) > 0) b.pb++
    if (Number(dps) > 0) b.dp++
  }
  const share = (n, d) => n / d
  const older = share(band.older.all, people.length)
  // Bounds from docs/synthetic-data.md, "What is checked".
  assert.ok(older > 0.58 && older < 0.74, `share 65 and over ${older}`)
  const pb65 = share(band.older.pb, band.older.support); const dp65 = share(band.older.dp, band.older.support)
  const pbYoung = share(band.younger.pb, band.younger.support); const dpYoung = share(band.younger.dp, band.younger.support)
  assert.ok(pb65 > 0.38 && pb65 < 0.66, `personal budgets 65+ ${pb65}`)
  assert.ok(dp65 > 0.05 && dp65 < 0.24, `direct payments 65+ ${dp65}`)
  assert.ok(pbYoung > 0.55 && pbYoung < 0.85, `personal budgets 18-64 ${pbYoung}`)
  assert.ok(dpYoung > 0.18 && dpYoung < 0.52, `direct payments 18-64 ${dpYoung}`)
  assert.ok(dpYoung > dp65, 'younger people take direct payments more often')
  for (const s of ['Diagnosed', 'Suspected', 'No', 'Not known']) assert.ok((dementia.get(s) ?? 0) > 10, `dementia ${s} recorded`)
})

test(`impossible sizes and a database in use are refused, nothing written (${backend})`, () => {
  const empty = freshDatabase()
  const nothingThere = () => backend === 'sqlite'
    ? !existsSync(empty) || one(empty, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") === '0'
    : one(empty, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") === '0'
  for (const [args, named] of [
    [['--councils', '0', '--people', '10', '--years', '1', '--seed', '1'], /--councils: Give at least 1 council/],
    [['--councils', '400000', '--people', '400000', '--years', '1', '--seed', '1'], /--councils: The synthetic council codes .* allow at most 399996 councils/],
    [['--councils', '2', '--people', '10', '--years', '-1', '--seed', '1'], /--years: Give at least 1 year/],
    [['--councils', '5', '--people', '3', '--years', '1', '--seed', '1'], /--people: Give at least one person for each council/],
    [['--councils', '1', '--people', '10', '--years', '1', '--seed', '-5'], /--seed: Give a whole number from 0 to 18446744073709551615: '-5' is negative/],
    [['--councils', '1', '--people', '10', '--years', '1', '--seed=-5'], /--seed: Give a whole number from 0 to 18446744073709551615: '-5' is negative/],
    [['--councils', '1', '--people', '10', '--years', '1', '--seed', 'twelve'], /--seed: Give a whole number .*: 'twelve' is not one/],
    [['--councils', '1', '--people', '10', '--years', '1', '--seed', '18446744073709551616'], /--seed: Give a whole number .*: '18446744073709551616' is too large/],
    [['--councils', '1', '--people', '10', '--years', '1', '--seed', '1', '--today', '2026-02-30'], /--today: give a real date/],
    [['--councils', '1', '--people', '10', '--years', '1', '--seed', '1', '--today', '2999-01-01'], /--today: give today or a day before it/],
    [['--councils', '1', '--people', '10', '--years', '3', '--seed', '1', '--today', '2002-06-01'], /--today: the history must start in 2000 or later/]
  ]) {
    const r = generate(empty, [], args)
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, named)
    assert.ok(nothingThere(), `nothing written for ${args.join(' ')}`)
  }
  const people = one(first, 'SELECT count(*) FROM people')
  const refused = generate(first)
  assert.equal(refused.status, 1)
  assert.match(refused.stderr, /already holds 3 councils; .* --append\. Nothing was written\./)
  assert.equal(one(first, 'SELECT count(*) FROM people'), people)
  // --append: the next council code, and the next test NHS numbers.
  const appended = generate(second, ['--append'], ['--councils', '1', '--people', '40', '--years', '1', '--seed', '5', '--today', TODAY])
  assert.equal(appended.status, 0, appended.stderr)
  assert.match(appended.stdout, /Generated 1 council \(E10800001 to E10800001\) with 40 people/)
  assert.equal(one(second, 'SELECT count(*) FROM people'), String(PEOPLE + 40))
  assert.equal(one(second, 'SELECT count(*) FROM (SELECT nhs_number FROM people WHERE nhs_number IS NOT NULL GROUP BY nhs_number HAVING count(*) > 1) d'), '0')
  // Never beside a real council: a demo database is refused, nothing written.
  const real = freshDatabase()
  assert.equal(run(['init', '--db', real]).status, 0)
  assert.equal(run(['council', 'add', '--db', real, '--code', 'E06000014', '--name', 'City of York Council']).status, 0)
  const beside = generate(real, ['--append'], ['--councils', '1', '--people', '5', '--years', '1', '--seed', '5', '--today', TODAY])
  assert.equal(beside.status, 1)
  assert.match(beside.stderr, /holds E06000014 \(City of York Council\), which is not a synthetic council; .* Nothing was written\./)
  assert.equal(one(real, 'SELECT count(*) FROM people'), '0')
})
