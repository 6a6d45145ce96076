// The crash test (#16, docs/money.md "Hardening"): a payment run, and a
// statement import, are killed with SIGKILL at random points, Patchwork is
// started again and the operation repeated, and then not a penny may be lost
// or paid twice, and no statement line lost or kept twice.
//
// Payment runs (crashPoints). Each kill point starts from the same database
// (the demo plus EXTRA direct-payment budgets written set-wise, so a run takes
// long enough to be killed inside it), and does one of:
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
//
// Statement imports (importCrashPoints). Each kill point starts from the demo
// with Joseph's account paid ahead and three learned category rules, and a
// generated statement of LINES lines (spending posted by the council's and
// the learned rules, spending no rule knows, money in from nobody the ledger
// knows, lines with no bank id, lines the bank sent twice, and the council's
// payment, matched), and does one of:
//  - "csv": `patchwork import-statement` of the statement as a CSV in the
//    `patchwork` mapping, killed after a random delay within the time it took
//    uninterrupted, then run again to its end;
//  - "camt": the same lines as a camt.053, the same way;
//  - "http": the CSV uploaded to the server (POST /api/v1/accounts/{id}/
//    statements), the server killed a random delay into the request, then
//    started again and the file uploaded again.
// It checks, against a reference import never killed (the CSV by the command
// and by upload leave the same; the camt.053 its own):
//  - no line twice; every line's ledger transfer there exactly once, its
//    amount out of its account, and no `stmt:` transfer without its line;
//  - an import is one transaction: each import row's counts are the lines and
//    exceptions it wrote, it has its audit entry, and exactly one import of
//    the file added lines (a repeat after a kill that came too late adds none);
//  - the statement lines, the `stmt:` transfers, the exceptions and every
//    account's balance equal the reference's.
//
// The delays come from a seeded generator: the seed is printed, and
// `--seed S` repeats a run exactly (the same operations at the same delays).
import assert from 'node:assert/strict'
import { copyFileSync, existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
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

// ---------------------------------------------------------------------------
// The import: `patchwork import-statement` of a large statement (a CSV in the
// `patchwork` mapping, or the same lines as a camt.053), and the same CSV
// uploaded to the server (POST /api/v1/accounts/{id}/statements), killed part
// way through and then repeated.

// The statement is for Joseph's direct payment account (the demo's person 2,
// part A). Before it, the template gives that account a council payment big
// enough for every line's spending (so no line waits on money the ledger does
// not hold), which one line of the statement matches, and three learned rules
// (as a worker would have taught) so that most spending is posted to the
// ledger as it is read; the rest are exceptions: spending no rule knows and
// money in from nobody the ledger knows.
const FUNDING_ID = 'pay:2:A:2026-01-01'
const FUNDING_PENCE = 100000000 // £1,000,000.00

export function importTemplate () {
  const db = demoDatabase()
  const council = sql(db, `SELECT id FROM councils WHERE code = '${COUNCIL}'`)
  const account = sql(db, `SELECT id FROM ledger_accounts WHERE council_id = ${council} AND kind = 'direct_payment' AND person_id = 2 AND part_key = 'A'`)
  const funding = sql(db, `SELECT id FROM ledger_accounts WHERE council_id = ${council} AND kind = 'council_funding'`)
  assert.ok(account && funding, "the demo has Joseph's account and the council's funding")
  sql(db, 'INSERT INTO ledger_transfers (council_id, transfer_id, debit_account, credit_account, amount_pence, value_date, reason, recorded_at) ' +
    `VALUES (${council}, '${FUNDING_ID}', ${funding}, ${account}, ${FUNDING_PENCE}, '2026-01-01', 'Crash test: four weeks paid ahead', '2026-01-01T00:00:00Z')`)
  sql(db, 'INSERT INTO statement_category_rules (council_id, rule, source, created_at) VALUES ' +
    `(${council}, 'other payee="tesco stores 2041"', 'crash test', '2026-01-01T00:00:00Z'), ` +
    `(${council}, 'transport payee="northshire taxis"', 'crash test', '2026-01-01T00:00:00Z'), ` +
    `(${council}, 'other payee="corner shop"', 'crash test', '2026-01-01T00:00:00Z')`)
  return { db, account: Number(account) }
}

// The statement's lines, the same for both formats. Of every ten: six
// spendings with the bank's id (HMRC by the council's defaults, the shop and
// the taxis by the learned rules, A NOWAK by none: an exception); one spending
// with no id (the line is known by its words, date, amount and how many times
// the same line came before: `occurrence`); one sum in from a friend (an
// exception); two lines whose bank id came before (already there: the bank
// sent them twice). The first line is the council's payment coming in, matched.
const PAYEES = ['HMRC', 'A NOWAK', 'TESCO STORES 2041', 'NORTHSHIRE TAXIS']
export function statementLines (n) {
  const day = i => new Date(Date.UTC(2026, 0, 2) + Math.floor(i * 300 / n) * 86400000).toISOString().slice(0, 10)
  const pence = i => 100 + (i * 7919) % 4000
  const out = [{ id: 'FUNDS', date: '2026-01-02', payee: 'NORTHSHIRE COUNCIL', text: 'Direct payment', ref: 'PB2 A', pence: FUNDING_PENCE }]
  for (let i = 1; i < n; i++) {
    const k = i % 10
    if (k <= 5) out.push({ id: `T${i}`, date: day(i), payee: PAYEES[i % 4], text: `Payment, ${i}`, ref: `REF${i % 1000}`, pence: -pence(i) })
    else if (k === 6) out.push({ id: '', date: day(i), payee: 'CORNER SHOP', text: 'groceries', ref: '', pence: -250 })
    else if (k === 7) out.push({ id: `R${i}`, date: day(i), payee: 'A FRIEND', text: `gift ${i}`, ref: '', pence: pence(i) })
    else out.push({ id: `T${i - 5}`, date: day(i), payee: PAYEES[(i - 5) % 4], text: `Payment, ${i - 5}`, ref: `REF${(i - 5) % 1000}`, pence: -pence(i - 5) })
  }
  return out
}

const decimal = p => `${p < 0 ? '-' : ''}${Math.floor(Math.abs(p) / 100)}.${String(Math.abs(p) % 100).padStart(2, '0')}`

export function statementCsv (lines) {
  return 'Id,Date,Payee,Description,Reference,Amount,Balance\n' +
    lines.map(l => `${l.id},${l.date},${l.payee},"${l.text}",${l.ref},${decimal(l.pence)},\n`).join('')
}

export function statementCamt (lines) {
  const entry = l => {
    const party = l.pence < 0 ? 'Cdtr' : 'Dbtr'
    return `<Ntry><Amt Ccy="GBP">${decimal(Math.abs(l.pence))}</Amt><CdtDbtInd>${l.pence < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>` +
      `<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${l.date}</Dt></BookgDt>${l.id ? `<AcctSvcrRef>${l.id}</AcctSvcrRef>` : ''}` +
      `<NtryDtls><TxDtls><RltdPties><${party}><Pty><Nm>${l.payee}</Nm></Pty></${party}></RltdPties>` +
      `<RmtInf><Ustrd>${l.text}${l.ref ? ' ' + l.ref : ''}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">' +
    '<BkToCstmrStmt><GrpHdr><MsgId>CRASH</MsgId></GrpHdr><Stmt><Id>S1</Id>\n' + lines.map(entry).join('') + '</Stmt></BkToCstmrStmt></Document>\n'
}

function runImport (db, account, file, format) {
  return spawn(process.env.PATCHWORK_BIN || 'build/patchwork',
    ['import-statement', '--db', db, '--account', String(account), '--file', file, '--format', format,
      ...(format === 'csv' ? ['--mapping', 'patchwork'] : [])], { stdio: 'ignore' })
}

async function importToEnd (db, account, file, format) {
  const { code, signal } = await exitOf(runImport(db, account, file, format))
  assert.equal(code, 0, `patchwork import-statement --format ${format} ended with ${code ?? signal}`)
}

function upload (client, account, text) {
  return client.send('POST', `/api/v1/accounts/${account}/statements?format=csv&mapping=patchwork&file_name=crash.csv`,
    { body: text, headers: { 'content-type': 'text/csv' } })
}

async function uploadToEnd (db, account, text) {
  const server = await startServer(db)
  try {
    const finance = await signedIn(server, 'finance')
    const r = await upload(finance, account, text)
    assert.equal(r.status, 201, r.text)
  } finally {
    await server.stop()
  }
}

// Each kills Patchwork `delay` ms into the import and reports whether the
// kill landed before it finished; `repeat` is what an officer does after.
const IMPORTS = {
  csv: {
    async kill (db, s, delay) {
      const proc = runImport(db, s.account, s.csvFile, 'csv')
      const timer = setTimeout(() => proc.kill('SIGKILL'), delay)
      const { signal } = await exitOf(proc)
      clearTimeout(timer)
      return signal === 'SIGKILL'
    },
    repeat: (db, s) => importToEnd(db, s.account, s.csvFile, 'csv')
  },
  camt: {
    async kill (db, s, delay) {
      const proc = runImport(db, s.account, s.camtFile, 'camt053')
      const timer = setTimeout(() => proc.kill('SIGKILL'), delay)
      const { signal } = await exitOf(proc)
      clearTimeout(timer)
      return signal === 'SIGKILL'
    },
    repeat: (db, s) => importToEnd(db, s.account, s.camtFile, 'camt053')
  },
  // The upload is sent once the server is up and finance signed in; the
  // delay counts from the upload.
  http: {
    async kill (db, s, delay) {
      const server = await startServer(db)
      const finance = await signedIn(server, 'finance')
      let finished = false
      const sent = upload(finance, s.account, s.csv).then(r => { finished = r.status === 201 }, () => {})
      await new Promise(resolve => setTimeout(resolve, delay))
      await server.stop('SIGKILL')
      await sent
      return !finished
    },
    repeat: (db, s) => uploadToEnd(db, s.account, s.csv)
  }
}

// What the database holds of statements and the ledger, as rows to compare;
// ids and times are left out (PostgreSQL does not give back ids drawn in a
// killed transaction, and a repeat is another import of the same file).
function importSnapshot (db) {
  const rows = s => sql(db, s).split('\n').filter(Boolean)
  return {
    lines: rows("SELECT a.kind || ':' || a.account_key || ' ' || l.line_identity || ' ' || l.booking_date || ' ' || l.amount_pence || ' ' || " +
      "l.payee || ' ' || l.description || ' ' || l.reference || ' ' || coalesce(l.category, '-') || ' ' || coalesce(l.transfer_id, '-') || ' ' || " +
      "l.category_why || ' ' || l.source_line || ' ' || l.cash || ' ' || l.reversal FROM statement_lines l " +
      'JOIN ledger_accounts a ON a.id = l.account_id ORDER BY a.kind, a.account_key, l.line_identity'),
    transfers: rows("SELECT t.transfer_id || ' ' || d.kind || ':' || d.account_key || ' ' || c.kind || ':' || c.account_key || ' ' || t.amount_pence || ' ' || t.value_date " +
      'FROM ledger_transfers t JOIN ledger_accounts d ON d.id = t.debit_account JOIN ledger_accounts c ON c.id = t.credit_account ' +
      "WHERE t.transfer_id LIKE 'stmt:%' ORDER BY t.transfer_id"),
    exceptions: rows("SELECT e.kind || ' ' || e.source_line || ' ' || coalesce(l.line_identity, '-') || ' ' || coalesce(CAST(e.amount_pence AS TEXT), '-') || ' ' || " +
      "e.state || ' ' || e.detail FROM statement_exceptions e LEFT JOIN statement_lines l ON l.id = e.line_id ORDER BY 1"),
    balances: rows("SELECT a.kind || ':' || a.account_key || ' ' || CAST(coalesce((SELECT sum(amount_pence) FROM ledger_transfers t WHERE t.credit_account = a.id), 0) - " +
      'coalesce((SELECT sum(amount_pence) FROM ledger_transfers t WHERE t.debit_account = a.id), 0) AS BIGINT) FROM ledger_accounts a ORDER BY a.kind, a.account_key')
  }
}

// The rules that hold whatever was killed where, each a count that must be
// as given (one query: a psql or sqlite3 run per point, not one a rule).
function checkImportInvariants (db, account) {
  const rules = [
    ['a statement line is there twice', 0,
      'SELECT count(*) FROM (SELECT line_identity FROM statement_lines GROUP BY council_id, account_id, line_identity HAVING count(*) > 1) d'],
    ["a line's ledger transfer is not there exactly once", 0,
      'SELECT count(*) FROM statement_lines l WHERE l.transfer_id IS NOT NULL AND (SELECT count(*) FROM ledger_transfers t ' +
      'WHERE t.council_id = l.council_id AND t.transfer_id = l.transfer_id) <> 1'],
    ["a line's spending is not its amount out of its account", 0,
      'SELECT count(*) FROM statement_lines l JOIN ledger_transfers t ON t.council_id = l.council_id AND t.transfer_id = l.transfer_id ' +
      "WHERE t.transfer_id LIKE 'stmt:%' AND (t.amount_pence <> -l.amount_pence OR t.debit_account <> l.account_id)"],
    ['a statement transfer without its line', 0,
      "SELECT count(*) FROM ledger_transfers t WHERE t.transfer_id LIKE 'stmt:%' AND NOT EXISTS (SELECT 1 FROM statement_lines l " +
      'WHERE l.council_id = t.council_id AND l.transfer_id = t.transfer_id)'],
    // An import is one transaction: its row's counts are what it wrote, and
    // it was audited with them.
    ["an import's counts are not what it wrote", 0,
      `SELECT count(*) FROM statement_imports i WHERE i.account_id = ${account} AND (i.lines_added <> ` +
      '(SELECT count(*) FROM statement_lines l WHERE l.import_id = i.id) OR i.exceptions <> (SELECT count(*) FROM statement_exceptions e WHERE e.import_id = i.id))'],
    ['an import without its audit entry', 0,
      `SELECT count(*) FROM statement_imports i WHERE i.account_id = ${account} AND NOT EXISTS (SELECT 1 FROM audit_log a ` +
      "WHERE a.action = 'import_statement' AND a.outcome = 'allowed' AND a.reason LIKE '% as import ' || i.id || ':%')"],
    ['not exactly one import of the file added lines', 1,
      `SELECT count(*) FROM statement_imports WHERE account_id = ${account} AND lines_added > 0`]
  ]
  const counts = sql(db, 'SELECT ' + rules.map(([, , q]) => `(${q})`).join(', ')).split('|').map(Number)
  rules.forEach(([what, want], i) => assert.equal(counts[i], want, what))
}

// Runs `points` kill points of the import from `seed`; returns the figures.
export async function importCrashPoints ({ points, seed, lines = 6000, log = () => {} }) {
  const random = generator(seed)
  const template = importTemplate()
  const statement = statementLines(lines)
  const folder = path.dirname(freshDatabase('sqlite'))
  const s = { account: template.account, csv: statementCsv(statement), csvFile: path.join(folder, 'statement.csv'), camtFile: path.join(folder, 'statement.xml') }
  // The server takes a body of at most 1 MB (http::ServerConfig::body_limit).
  assert.ok(Buffer.byteLength(s.csv) <= 1024 * 1024, `a statement of ${lines} lines is more than the server takes in one upload (1 MB): use fewer`)
  writeFileSync(s.csvFile, s.csv)
  writeFileSync(s.camtFile, statementCamt(statement))
  // The references, never killed, timed for the delays: the CSV by the
  // command and over HTTP leave the same; the camt.053 its own.
  const timed = async (what, f) => { const started = Date.now(); await f(); return Date.now() - started }
  const expected = {}
  const ms = {}
  for (const format of ['csv', 'camt']) {
    const reference = copyOf(template.db)
    ms[format] = await timed(format, () => importToEnd(reference, s.account, format === 'csv' ? s.csvFile : s.camtFile, format === 'csv' ? 'csv' : 'camt053'))
    checkImportInvariants(reference, s.account)
    expected[format] = importSnapshot(reference)
  }
  expected.http = expected.csv
  {
    const reference = copyOf(template.db)
    const server = await startServer(reference)
    const finance = await signedIn(server, 'finance')
    ms.http = await timed('http', async () => { const r = await upload(finance, s.account, s.csv); assert.equal(r.status, 201, r.text) })
    await server.stop()
    checkImportInvariants(reference, s.account)
    assert.deepEqual(importSnapshot(reference), expected.csv, 'the CSV uploaded leaves what `patchwork import-statement` does')
  }
  const added = expected.csv.lines.length - sql(template.db, 'SELECT count(*) FROM statement_lines')
  assert.ok(added >= lines * 0.7, `the reference import added ${added} lines`)
  const figures = { seed, points, backend, lines, added, ms, killedInside: 0, byOperation: {} }
  log(`seed ${seed}, ${points} import kill points on ${backend}; a statement of ${lines} lines (${added} added, ` +
    `${expected.csv.transfers.length - sql(template.db, "SELECT count(*) FROM ledger_transfers WHERE transfer_id LIKE 'stmt:%'")} posted): ` +
    `import-statement CSV ${ms.csv} ms, camt.053 ${ms.camt} ms, upload ${ms.http} ms uninterrupted`)
  const kinds = Object.keys(IMPORTS)
  for (let i = 0; i < points; i++) {
    const operation = kinds[Math.min(kinds.length - 1, Math.floor(random() * kinds.length))]
    const delay = Math.floor(random() * ms[operation])
    const db = copyOf(template.db)
    const inside = await IMPORTS[operation].kill(db, s, delay)
    await IMPORTS[operation].repeat(db, s)
    checkImportInvariants(db, s.account)
    assert.deepEqual(importSnapshot(db), expected[operation],
      `import point ${i} (${operation} killed at ${delay} ms, seed ${seed}) differs from the import never killed`)
    if (inside) figures.killedInside++
    figures.byOperation[operation] = (figures.byOperation[operation] || 0) + 1
    log(`import point ${i + 1}: ${operation} killed at ${delay} ms${inside ? ' (inside the import)' : ' (after it finished)'}: ` +
      'repeated, every line once, no penny lost or posted twice')
  }
  return figures
}

// As a script: node tests/crash/crash.mjs [--points N] [--import-points N] [--seed S] [--extra K] [--lines L]
// (100 of each by default; a statement of 15,000 lines on SQLite, near the 1 MB
// the server takes in one upload, and 5,000 on PostgreSQL, where an import
// takes several times as long a line.)
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? Number(process.argv[i + 1]) : fallback
  }
  const seed = arg('--seed', Math.floor(Math.random() * 2 ** 31))
  const points = arg('--points', 100)
  if (points > 0) {
    const figures = await crashPoints({ points, seed, extra: arg('--extra', 2000), log: line => console.log(line) })
    console.log(`${figures.points} kill points on ${figures.backend} (seed ${figures.seed}): ${figures.killedInside} inside the operation, ` +
      `${figures.points - figures.killedInside} after it; cli ${figures.byOperation.cli || 0}, server ${figures.byOperation.server || 0}; ` +
      `every one restarted and repeated with the same ${figures.payments} payments, transfers and balances as a run never killed`)
  }
  const importPoints = arg('--import-points', 100)
  if (importPoints > 0) {
    const figures = await importCrashPoints({ points: importPoints, seed, lines: arg('--lines', backend === 'postgres' ? 5000 : 15000), log: line => console.log(line) })
    console.log(`${figures.points} import kill points on ${figures.backend} (seed ${figures.seed}): ${figures.killedInside} inside the import, ` +
      `${figures.points - figures.killedInside} after it; csv ${figures.byOperation.csv || 0}, camt ${figures.byOperation.camt || 0}, ` +
      `http ${figures.byOperation.http || 0}; every one repeated with the same ${figures.added} lines, transfers, exceptions and balances ` +
      'as an import never killed')
  }
  process.exit(0)
}
