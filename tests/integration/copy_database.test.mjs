// `patchwork copy-database` (README "Moving a council from SQLite to
// PostgreSQL"): the demo council's SQLite database copied into an empty
// database of the back end under test, row for row; on PostgreSQL also copied
// back into a new SQLite file and compared with the original, every table and
// column. The copy serves as the original did, and new rows take new ids.
// Copying into a database that holds rows, a database into itself, or from a
// database not at this schema is refused with nothing written.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { backend, bin, demoDatabase, freshDatabase, run, sql, startServer, Client } from '../support/harness.mjs'

let source, target, sourceBefore, sourceAfter

const fileHash = (path) => createHash('sha256').update(readFileSync(path)).digest('hex')

const rows = (db, statement, which) => { const out = sql(db, statement, which); return out === '' ? [] : out.split('\n') }

// Every table of an SQLite database, every column, every row in key order,
// each value as SQLite's quote() writes it (so NULL, '' and 5 and '5' differ):
// the whole content, as text.
function sqliteContent (db) {
  const out = {}
  for (const t of rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", 'sqlite')) {
    if (t === 'schema_migrations') continue // each database records when it was made
    const columns = rows(db, `SELECT name FROM pragma_table_info('${t}') ORDER BY cid`, 'sqlite')
    out[t] = sql(db, `SELECT ${columns.map(c => `quote("${c}")`).join(" || '|' || ")} FROM "${t}" ORDER BY rowid`, 'sqlite')
  }
  return out
}

function sameContent (a, b, what) {
  assert.deepEqual(Object.keys(b), Object.keys(a))
  for (const t of Object.keys(a)) assert.equal(b[t], a[t], `table ${t} changed ${what}`)
}

function copy (from, to) {
  return run(['copy-database', '--from', from, '--to', to, '--no-progress'])
}

// Values a copy could mangle: tabs, line ends, backslashes, COPY's own \N,
// an empty text beside a NULL, letters beyond ASCII.
const awkward = "tab\there" + "' || char(13, 10) || 'back\\slash \\N caf\u00e9 \u{1F33C}"

before(() => {
  source = demoDatabase('sqlite')
  sql(source, `UPDATE people SET address_line_2 = '${awkward}', town = '', gp_practice_code = NULL WHERE id = 1`, 'sqlite')
  // As a file handed over in SQLite's default journal mode, without the
  // planner's statistics: a copy that opened it for writing would switch it to
  // WAL and write sqlite_stat1 into it.
  sql(source, 'PRAGMA journal_mode=DELETE; DROP TABLE IF EXISTS sqlite_stat1', 'sqlite')
  target = freshDatabase()
  sourceBefore = fileHash(source)
  const r = copy(source, target)
  sourceAfter = fileHash(source)
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /^Copied \d+ rows in \d+ tables from SQLite/)
})

test(`the SQLite file copied from is left byte for byte as it was: opened read-only, no journal mode or statistics written (${backend})`, () => {
  assert.equal(sourceAfter, sourceBefore)
})

// A backup in WAL mode on a folder the user may not write to (another user's,
// a read-only mount): SQLite cannot even read it without making its -wal and
// -shm files beside it. The command says so, and what to do, rather than
// SQLite's "attempt to write a readonly database". Run as the user nobody,
// since root may write anywhere.
test(`an SQLite file in WAL mode in a folder the user cannot write to is refused with what to do (${backend})`, (t) => {
  const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups']
  if (process.getuid() !== 0 || spawnSync('setpriv', [...asNobody, bin, '--version']).status !== 0) {
    t.skip('needs root, and a build the user nobody may run, to run the command as a user who cannot write to the folder')
    return
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'patchwork-readonly-'))
  const out = mkdtempSync(path.join(tmpdir(), 'patchwork-readonly-out-'))
  try {
    const file = path.join(folder, 'backup.db')
    copyFileSync(source, file)
    sql(file, 'PRAGMA journal_mode=WAL', 'sqlite')
    chmodSync(file, 0o444)
    chmodSync(folder, 0o555)
    chmodSync(out, 0o777)
    const r = spawnSync('setpriv', [...asNobody, bin, 'copy-database', '--from', file, '--to', path.join(out, 'copy.db'), '--no-progress'],
      { encoding: 'utf8' })
    assert.equal(r.status, 1, r.stdout + r.stderr)
    assert.match(r.stderr, /cannot read SQLite file .*backup\.db \(opened read-only\): even to read a file in WAL mode SQLite must create .*-wal and .*-shm beside it/)
    assert.match(r.stderr, /Copy the file .* to a folder you can write to/)
    assert.match(r.stderr, /Nothing was copied\./)
  } finally {
    chmodSync(folder, 0o755)
    rmSync(folder, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  }
})

test(`every row of every table arrives (${backend})`, () => {
  const tables = rows(source, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations') ORDER BY name", 'sqlite')
  assert.ok(tables.length > 40, `only ${tables.length} tables`)
  let nonEmpty = 0
  for (const t of tables) {
    const want = sql(source, `SELECT count(*) FROM "${t}"`, 'sqlite')
    assert.equal(sql(target, `SELECT count(*) FROM "${t}"`), want, `rows of ${t}`)
    if (want !== '0') nonEmpty++
  }
  assert.ok(nonEmpty > 20, `the demo should fill many tables, filled ${nonEmpty}`)
  // The same money: every transfer's amount, summed, and the same audit trail.
  assert.equal(sql(target, 'SELECT sum(amount_pence) FROM ledger_transfers'), sql(source, 'SELECT sum(amount_pence) FROM ledger_transfers', 'sqlite'))
  assert.equal(sql(target, "SELECT count(*) FROM audit_log WHERE action LIKE '%person%'"),
    sql(source, "SELECT count(*) FROM audit_log WHERE action LIKE '%person%'", 'sqlite'))
  assert.equal(sql(target, "SELECT count(*) FROM people WHERE town = '' AND gp_practice_code IS NULL AND address_line_2 LIKE 'tab%'"), '1')
})

test(`every value arrives as it was (${backend}: into SQLite compared directly, into PostgreSQL copied back and compared)`, () => {
  let landed = target
  if (backend === 'postgres') {
    landed = freshDatabase('sqlite')
    const r = copy(target, landed)
    assert.equal(r.status, 0, r.stderr)
  }
  sameContent(sqliteContent(source), sqliteContent(landed), backend === 'postgres' ? 'on its way through PostgreSQL and back' : 'in the copy')
  // SQLite's checks are back: a ledger transfer still refuses a change, and
  // the trigger that keeps an account's provider in its council is there again.
  assert.notEqual(sql(landed, 'SELECT count(*) FROM ledger_transfers', 'sqlite'), '0')
  assert.throws(() => sql(landed, "UPDATE ledger_transfers SET reason = 'x' WHERE seq = (SELECT min(seq) FROM ledger_transfers)", 'sqlite'),
    /ledger transfers are never changed/)
  assert.equal(sql(landed, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'", 'sqlite'),
    sql(source, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'", 'sqlite'))
  assert.equal(sql(landed, 'PRAGMA foreign_key_check', 'sqlite'), '')
})

test(`a generated council, tables of more than one page (20,000 rows), arrives whole (${backend})`, () => {
  const generated = freshDatabase('sqlite')
  const g = run(['generate', '--db', generated, '--councils', '1', '--people', '2000', '--years', '2', '--seed', '5', '--no-progress'])
  assert.equal(g.status, 0, g.stderr)
  const lines = Number(sql(generated, 'SELECT count(*) FROM statement_lines', 'sqlite'))
  assert.ok(lines > 20000, `only ${lines} statement lines: not more than a page`)
  const into = freshDatabase()
  let r = copy(generated, into)
  assert.equal(r.status, 0, r.stderr)
  let landed = into
  if (backend === 'postgres') {
    // PostgreSQL is read back by its primary keys, a page at a time: through
    // ledger_transfers' seq and worker_allocations' three columns.
    landed = freshDatabase('sqlite')
    r = copy(into, landed)
    assert.equal(r.status, 0, r.stderr)
  }
  sameContent(sqliteContent(generated), sqliteContent(landed), 'in a copy of many pages')
})

test(`the copy serves as the original did, and new rows take new ids (${backend})`, async () => {
  const server = await startServer(target)
  try {
    const worker = new Client(server)
    await worker.signIn('social.worker')
    const margaret = await worker.request('GET', '/api/v1/people/1')
    assert.equal(margaret.status, 200, margaret.text)
    assert.equal(margaret.json().given_name, sql(source, 'SELECT given_name FROM people WHERE id = 1', 'sqlite'))
    const page = await worker.request('GET', '/people/1')
    assert.equal(page.status, 200)
    const highest = Number(sql(target, 'SELECT max(id) FROM people'))
    const created = await worker.send('POST', '/api/v1/people', {
      json: { given_name: 'Iris', family_name: 'Copeland', date_of_birth: '1941-03-09', postcode: 'NS1 2AB' }
    })
    assert.equal(created.status, 201, created.text)
    assert.ok(created.json().id > highest, `the new person took id ${created.json().id}, not above the copied ${highest}`)
    // The audit log, copied, carries on too.
    const audit = Number(sql(target, 'SELECT max(id) FROM audit_log'))
    assert.ok(audit > Number(sql(source, 'SELECT max(id) FROM audit_log', 'sqlite')))
  } finally {
    await server.stop()
  }
})

test(`a database that holds rows, the same database twice, one not at this schema, or a source that breaks its own foreign keys is refused, nothing written (${backend})`, () => {
  const before = sql(target, 'SELECT count(*) FROM people')
  const again = copy(source, target)
  assert.equal(again.status, 1)
  assert.match(again.stderr, /already holds rows \(in councils\): copy only into an empty database\. Nothing was copied\./)
  assert.equal(sql(target, 'SELECT count(*) FROM people'), before)

  const same = copy(source, source)
  assert.equal(same.status, 2)
  assert.match(same.stderr, /--from and --to name the same database/)

  const empty = freshDatabase('sqlite')
  assert.equal(run(['init', '--db', empty]).status, 0)
  sql(empty, 'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)', 'sqlite')
  const behind = copy(empty, freshDatabase())
  assert.equal(behind.status, 1)
  assert.match(behind.stderr, /not at this Patchwork's schema/)

  // A copy of the source edited by `edit` (with the sqlite3 shell), copied
  // into a fresh target: the outcome, and the target.
  const copyEdited = (edit) => {
    const edited = freshDatabase('sqlite')
    assert.equal(copy(source, edited).status, 0)
    sql(edited, edit, 'sqlite')
    const into = freshDatabase()
    return [copy(edited, into), into]
  }

  // The sqlite3 shell edits with foreign keys off: a row naming a council
  // that does not exist is found before anything is copied.
  const [orphan, orphanTarget] = copyEdited('UPDATE people SET council_id = 999 WHERE id = (SELECT min(id) FROM people)')
  assert.equal(orphan.status, 1, orphan.stderr)
  assert.match(orphan.stderr, /names a row of \w+ that the source does not hold .*breaks its own foreign keys.*Nothing was copied\./)
  assert.equal(sql(orphanTarget, 'SELECT count(*) FROM people'), '0')

  if (backend === 'postgres') {
    // A value PostgreSQL refuses part-way through the rows (text that is not
    // UTF-8, which SQLite stores as given): the whole copy is rolled back.
    const [refused, badTarget] = copyEdited("UPDATE people SET town = CAST(x'c328' AS TEXT) WHERE id = (SELECT max(id) FROM people)")
    assert.equal(refused.status, 1, refused.stdout)
    assert.match(refused.stderr, /Nothing was copied/)
    for (const t of ['councils', 'people', 'users', 'audit_log']) assert.equal(sql(badTarget, `SELECT count(*) FROM ${t}`), '0', t)
  }

  const missing = copy('/nonexistent/patchwork.db', freshDatabase())
  assert.equal(missing.status, 1)
  assert.match(missing.stderr, /patchwork\.db/)
})
