// The crash test (#16, docs/money.md "Hardening"): a payment run is killed
// with SIGKILL at random points, Patchwork is started again and the operation
// repeated, and then not a penny may be lost or paid twice.
//
// Each kill point starts from the same database (the demo plus EXTRA direct-
// payment budgets written set-wise, so a run takes long enough to be killed
// inside it), and does one of:
//  - "server": prepare, approve (a second officer) and export a run over the
//    API, the server killed after a random delay within the time the whole
//    cycle took uninterrupted;
//  - "cli": `patchwork payment-run` (preparing) killed after a random delay
//    within the time it took uninterrupted, then the cycle over the API.
// Then it starts the server again and finishes whatever is left (prepare if
// there is no run for the date, approve a draft, export an approved run), and
// checks, against a reference database that went through the same cycle
// without being killed:
//  - each period of each part is in exactly one run; each run's total is the
//    sum of its payments;
//  - every payment of an exported run has its ledger transfer exactly once,
//    with its amount, and there is no payment transfer without one;
//  - the payments, the transfers and every account's balance (the sum of its
//    transfers, by account) equal the reference's.
// The delays come from a seeded generator: the seed is printed, and
// `--seed S` repeats a run exactly (the same operations at the same delays).
//
// The import side (`patchwork import-statement`, another part of #16) is not
// here yet: adding it is one more entry in OPERATIONS (see "Adding the
// import" at the end of this file).
import assert from 'node:assert/strict'
import { copyFileSync, existsSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { backend, freshDatabase, demoDatabase, startServer, sql, Client, psql, readPgEnv } from '../support/harness.mjs'

const PAY_UP_TO = '2026-11-30'
const COUNCIL = 'E10999901'

// mulberry32: small, seedable, the same sequence on every machine.
export function generator (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// The demo, and `extra` people with a budget, a four-weekly direct payment
// from 2 November 2026 and bank details (the statements are the payments
// benchmark's set-up, bench/payments/payments_bench.cpp).
export function templateDatabase (extra) {
  const db = demoDatabase()
  const council = sql(db, `SELECT id FROM councils WHERE code = '${COUNCIL}'`)
  const steps = [
    'WITH RECURSIVE s(n) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT n + 1 FROM s WHERE n + 1 < ' + extra + ') ' +
      'INSERT INTO people (council_id, given_name, family_name, date_of_birth, created_at, updated_at) ' +
      `SELECT ${council}, 'Crash', 'Person ' || n, '1940-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM s`,
    'INSERT INTO personal_budgets (council_id, person_id, version, plan_id, effective_from, weekly_pence, contribution_kind, ' +
      "contribution_pence, basis, recorded_at) SELECT council_id, id, 1, NULL, '2026-10-05', 7000 + (id * 7919) % 93000, " +
      `'weekly_amount', (id * 31) % 2000, 'crash test', '2026-01-01T00:00:00Z' FROM people WHERE council_id = ${council} AND given_name = 'Crash'`,
    'INSERT INTO budget_parts (council_id, budget_id, part_key, mechanism, weekly_pence, recipient, held_in) ' +
      "SELECT b.council_id, b.id, 'A', 'direct_payment', b.weekly_pence, 'person', 'bank_account' FROM personal_budgets b " +
      `JOIN people p ON p.id = b.person_id WHERE b.council_id = ${council} AND p.given_name = 'Crash'`,
    'INSERT INTO payment_schedules (council_id, person_id, part_key, frequency, starts_on, recorded_at) ' +
      `SELECT council_id, id, 'A', 'four_weekly', '2026-11-02', '2026-01-01T00:00:00Z' FROM people WHERE council_id = ${council} AND given_name = 'Crash'`,
    'INSERT INTO payee_bank_details (council_id, person_id, part_key, account_name, sort_code, account_number, recorded_at) ' +
      "SELECT council_id, id, 'A', 'Crash Person ' || id, '112233', CAST(10000000 + id AS TEXT), '2026-01-01T00:00:00Z' " +
      `FROM people WHERE council_id = ${council} AND given_name = 'Crash'`
  ]
  for (const s of steps) sql(db, s)
  return db
}

// A copy of the template for one kill point.
function copyOf (template) {
  if (backend === 'sqlite') {
    const db = freshDatabase()
    copyFileSync(template, db)
    for (const suffix of ['-wal', '-shm']) if (existsSync(template + suffix)) copyFileSync(template + suffix, db + suffix)
    return db
  }
  const pg = readPgEnv()
  const from = new URL(template).pathname.slice(1)
  const db = freshDatabase() // an empty database, dropped at exit: replaced by the copy
  const name = new URL(db).pathname.slice(1)
  psql(pg.PG_ADMIN_URI, `DROP DATABASE ${name}`)
  psql(pg.PG_ADMIN_URI, `CREATE DATABASE ${name} TEMPLATE ${from}`)
  return db
}

async function signedIn (server, username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

// Finishes the cycle for PAY_UP_TO from wherever it stopped; each step is the
// operation repeated, as an officer would after a crash.
async function finishCycle (server) {
  const finance = await signedIn(server, 'finance')
  const checker = await signedIn(server, 'finance.checker')
  const find = async () => (await finance.request('GET', '/api/v1/payment-runs')).json().payment_runs.find(r => r.pay_up_to === PAY_UP_TO)
  let run = await find()
  if (!run) {
    const prepared = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: PAY_UP_TO } })
    assert.equal(prepared.status, 201, prepared.text)
    run = prepared.json()
  }
  if (run.state === 'draft') {
    const approved = await checker.send('POST', `/api/v1/payment-runs/${run.id}/approve`)
    assert.equal(approved.status, 200, approved.text)
  }
  const exported = await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=bacs18`)
  assert.equal(exported.status, 200, exported.text)
  return exported.text
}

function runCli (db) {
  return spawn(process.env.PATCHWORK_BIN || 'build/patchwork',
    ['payment-run', '--db', db, '--council', COUNCIL, '--date', PAY_UP_TO, '--as', 'finance'], { stdio: 'ignore' })
}

const exitOf = proc => new Promise(resolve => {
  if (proc.exitCode !== null || proc.signalCode !== null) resolve({ code: proc.exitCode, signal: proc.signalCode })
  else proc.on('exit', (code, signal) => resolve({ code, signal }))
})

// Each operation kills Patchwork `delay` ms into it and reports whether the
// kill landed before the operation finished.
const OPERATIONS = {
  async server (db, delay) {
    const server = await startServer(db)
    let finished = false
    const cycle = finishCycle(server).then(() => { finished = true }, () => {})
    await new Promise(resolve => setTimeout(resolve, delay))
    await server.stop('SIGKILL')
    await cycle
    return !finished
  },
  async cli (db, delay) {
    const proc = runCli(db)
    const timer = setTimeout(() => proc.kill('SIGKILL'), delay)
    const { signal } = await exitOf(proc)
    clearTimeout(timer)
    return signal === 'SIGKILL'
  }
}

// What the database holds of the payment run for PAY_UP_TO, as rows to compare.
function snapshot (db) {
  const rows = s => sql(db, s).split('\n').filter(Boolean)
  return {
    items: rows("SELECT i.transfer_id || ' ' || i.amount_pence FROM payment_run_items i JOIN payment_runs r ON r.id = i.run_id " +
      `WHERE r.pay_up_to = '${PAY_UP_TO}' ORDER BY i.transfer_id`),
    // Accounts by kind and key, not id: ids drawn in a killed transaction are
    // not given back on PostgreSQL, so they differ from the reference's.
    transfers: rows("SELECT t.transfer_id || ' ' || d.kind || ':' || d.account_key || ' ' || c.kind || ':' || c.account_key || ' ' || t.amount_pence " +
      'FROM ledger_transfers t JOIN ledger_accounts d ON d.id = t.debit_account JOIN ledger_accounts c ON c.id = t.credit_account ' +
      "WHERE t.transfer_id LIKE 'pay:%' ORDER BY t.transfer_id"),
    balances: rows("SELECT a.kind || ':' || a.account_key || ' ' || CAST(coalesce((SELECT sum(amount_pence) FROM ledger_transfers t WHERE t.credit_account = a.id), 0) - " +
      'coalesce((SELECT sum(amount_pence) FROM ledger_transfers t WHERE t.debit_account = a.id), 0) AS BIGINT) FROM ledger_accounts a ORDER BY a.kind, a.account_key')
  }
}

// The rules that hold whatever was killed where.
function checkInvariants (db) {
  const one = s => sql(db, s)
  assert.equal(one('SELECT count(*) FROM (SELECT person_id, part_key, period_start FROM payment_run_items ' +
    'GROUP BY council_id, person_id, part_key, period_start HAVING count(*) > 1) d'), '0', 'a period is in two runs')
  // A run pays its schedules' periods and the providers' invoices approved for
  // payment (invoice_run_items); its total and count are both kinds together.
  assert.equal(one('SELECT count(*) FROM payment_runs r WHERE r.total_pence <> (SELECT coalesce(sum(amount_pence), 0) FROM payment_run_items i ' +
    'WHERE i.run_id = r.id) + (SELECT coalesce(sum(amount_pence), 0) FROM invoice_run_items v WHERE v.run_id = r.id) ' +
    'OR r.item_count <> (SELECT count(*) FROM payment_run_items i WHERE i.run_id = r.id) + (SELECT count(*) FROM invoice_run_items v WHERE v.run_id = r.id)'),
  '0', "a run's total is not its payments'")
  assert.equal(one("SELECT count(*) FROM invoice_run_items v JOIN payment_runs r ON r.id = v.run_id WHERE r.state IN ('exported', 'reconciled') " +
    'AND (SELECT count(*) FROM ledger_transfers t WHERE t.council_id = v.council_id AND t.transfer_id = v.transfer_id ' +
    'AND t.amount_pence = v.amount_pence) <> 1'), '0', 'an exported invoice payment without its transfer exactly once')
  assert.equal(one('SELECT count(*) FROM (SELECT invoice_id FROM invoice_run_items GROUP BY council_id, invoice_id HAVING count(*) > 1) d'), '0',
    'an invoice is in two runs')
  assert.equal(one("SELECT count(*) FROM payment_run_items i JOIN payment_runs r ON r.id = i.run_id WHERE r.state IN ('exported', 'reconciled') " +
    'AND (SELECT count(*) FROM ledger_transfers t WHERE t.council_id = i.council_id AND t.transfer_id = i.transfer_id ' +
    'AND t.amount_pence = i.amount_pence) <> 1'), '0', 'an exported payment without its transfer exactly once')
  assert.equal(one("SELECT count(*) FROM ledger_transfers t WHERE t.transfer_id LIKE 'pay:%' AND NOT EXISTS (SELECT 1 FROM payment_run_items i " +
    "JOIN payment_runs r ON r.id = i.run_id WHERE i.council_id = t.council_id AND i.transfer_id = t.transfer_id AND r.state IN ('exported', 'reconciled'))"),
  '0', 'a payment transfer without an exported payment')
  assert.equal(one(`SELECT count(*) FROM payment_runs WHERE pay_up_to = '${PAY_UP_TO}'`), '1', 'not exactly one run for the date')
}

// Runs `points` kill points from `seed`; returns the figures.
export async function crashPoints ({ points, seed, extra = 2000, log = () => {} }) {
  const random = generator(seed)
  const template = templateDatabase(extra)
  // The reference: the same cycle, never killed, timed for the delays.
  const reference = copyOf(template)
  let started = Date.now()
  const proc = runCli(reference)
  await exitOf(proc)
  const cliMs = Date.now() - started
  const server = await startServer(reference)
  started = Date.now()
  await finishCycle(server)
  const cycleMs = Date.now() - started
  await server.stop()
  checkInvariants(reference)
  // The reference ran `patchwork payment-run` first, then the rest over the
  // API; the same payments whichever prepares them.
  const expected = snapshot(reference)
  assert.ok(expected.items.length >= extra, `the reference run pays ${expected.items.length}`)
  const figures = { seed, points, backend, extra, payments: expected.items.length, cliMs, cycleMs, killedInside: 0, byOperation: {} }
  log(`seed ${seed}, ${points} kill points on ${backend}; a run of ${expected.items.length} payments: ` +
    `patchwork payment-run ${cliMs} ms, prepare-approve-export over the API ${cycleMs} ms uninterrupted`)
  for (let i = 0; i < points; i++) {
    const operation = random() < 0.5 ? 'cli' : 'server'
    const delay = Math.floor(random() * (operation === 'cli' ? cliMs : cycleMs))
    const db = copyOf(template)
    const inside = await OPERATIONS[operation](db, delay)
    const restarted = await startServer(db)
    try {
      await finishCycle(restarted)
    } finally {
      await restarted.stop()
    }
    checkInvariants(db)
    assert.deepEqual(snapshot(db), expected, `point ${i} (${operation} killed at ${delay} ms, seed ${seed}) differs from the run never killed`)
    if (inside) figures.killedInside++
    figures.byOperation[operation] = (figures.byOperation[operation] || 0) + 1
    log(`point ${i + 1}: ${operation} killed at ${delay} ms${inside ? ' (inside the operation)' : ' (after it finished)'}: ` +
      'restarted, repeated, no penny lost or paid twice')
  }
  return figures
}

// Adding the import: an operation `import(db, delay)` that runs
// `patchwork import-statement --db DB --account ID --file F` killed after
// `delay` ms, a reference import never killed, and in checkInvariants the
// statement's rules (each line once; the account's balance the reference's).

// As a script: node tests/crash/crash.mjs [--points N] [--seed S] [--extra K]
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? Number(process.argv[i + 1]) : fallback
  }
  const seed = arg('--seed', Math.floor(Math.random() * 2 ** 31))
  const figures = await crashPoints({ points: arg('--points', 100), seed, extra: arg('--extra', 2000), log: line => console.log(line) })
  console.log(`${figures.points} kill points on ${figures.backend} (seed ${figures.seed}): ${figures.killedInside} inside the operation, ` +
    `${figures.points - figures.killedInside} after it; cli ${figures.byOperation.cli || 0}, server ${figures.byOperation.server || 0}; ` +
    `every one restarted and repeated with the same ${figures.payments} payments, transfers and balances as a run never killed`)
  process.exit(0)
}
