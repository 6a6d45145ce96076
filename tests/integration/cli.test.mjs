// The `patchwork` command on the back end under test: every sub-command, and a
// clear message with a non-zero exit (and nothing written) for bad input.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { backend, freshDatabase, run, readPgEnv, sql, startServer, Client } from '../support/harness.mjs'

function tables (db) {
  return backend === 'sqlite'
    ? sql(db, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type='table' ORDER BY name)")
    : sql(db, "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'")
}

test(`init creates the schema once and is safe to repeat (${backend})`, () => {
  const db = freshDatabase()
  const first = run(['init', '--db', db])
  assert.equal(first.status, 0, first.stderr)
  assert.match(first.stdout, /schema version \d+/)
  const again = run(['init', '--db', db])
  assert.equal(again.status, 0)
  assert.match(again.stdout, /already/)
  assert.match(run(['migrate', '--db', db]).stdout, /Nothing to do/)
  assert.equal(sql(db, 'SELECT count(*) FROM schema_migrations'), sql(db, 'SELECT max(version) FROM schema_migrations'))
})

test('demo loads once, prints the sign-ins, and a repeat changes nothing', () => {
  const db = freshDatabase()
  run(['init', '--db', db])
  const demo = run(['demo', '--db', db])
  assert.equal(demo.status, 0, demo.stderr)
  for (const u of ['admin', 'social.worker', 'team.manager', 'finance', 'commissioner', 'safeguarding', 'provider', 'budget.holder', 'representative', 'head.of.service', 'finance.checker']) {
    assert.match(demo.stdout, new RegExp(`\\b${u.replace('.', '\\.')}\\b`))
  }
  for (const u of ['southvale.admin', 'southvale.worker', 'southvale.manager']) assert.match(demo.stdout, new RegExp(`\\b${u.replace('.', '\\.')}\\b`))
  assert.match(demo.stdout, /Northshire Council \(E10999901\)/)
  assert.match(demo.stdout, /Southvale Council \(E06999902\)/)
  assert.equal(run(['demo', '--db', db]).status, 0)
  // Two councils: Northshire with eleven staff (two in finance, #16) and six people, Southvale with three and two.
  assert.equal(sql(db, 'SELECT count(*) FROM councils'), '2')
  assert.equal(sql(db, 'SELECT count(*) FROM users'), '14')
  assert.equal(sql(db, 'SELECT count(*) FROM people'), '8')
})

test('user add takes the password from standard input and checks everything first', async () => {
  const db = freshDatabase()
  run(['init', '--db', db])
  const noCouncil = run(['user', 'add', '--db', db, '--username', 'new.worker', '--role', 'social_worker', '--password-stdin'], { input: 'a long enough password\n' })
  assert.equal(noCouncil.status, 1)
  assert.match(noCouncil.stderr, /no council/)
  run(['demo', '--db', db])
  const northshire = ['--council', 'E10999901']
  const badRole = run(['user', 'add', '--db', db, ...northshire, '--username', 'x.y', '--role', 'wizard', '--password-stdin'], { input: 'a long enough password\n' })
  assert.equal(badRole.status, 2)
  assert.match(badRole.stderr, /unknown role 'wizard'.*social_worker/)
  const shortPassword = run(['user', 'add', '--db', db, ...northshire, '--username', 'x.y', '--role', 'social_worker', '--password-stdin'], { input: 'short\n' })
  assert.equal(shortPassword.status, 2)
  assert.match(shortPassword.stderr, /at least 10 characters/)
  const taken = run(['user', 'add', '--db', db, ...northshire, '--username', 'admin', '--role', 'administrator', '--password-stdin'], { input: 'a long enough password\n' })
  assert.equal(taken.status, 1)
  assert.match(taken.stderr, /already taken/)
  const holderWithoutPerson = run(['user', 'add', '--db', db, ...northshire, '--username', 'mary', '--role', 'budget_holder', '--password-stdin'], { input: 'a long enough password\n' })
  assert.equal(holderWithoutPerson.status, 2)
  const badPhone = run(['user', 'add', '--db', db, ...northshire, '--username', 'x.y', '--role', 'social_worker', '--phone', 'call me', '--password-stdin'], { input: 'a long enough password\n' })
  assert.equal(badPhone.status, 2)
  assert.match(badPhone.stderr, /--phone: .*digits/)
  assert.equal(sql(db, 'SELECT count(*) FROM users'), '14', 'nothing was written')
  const ok = run(['user', 'add', '--db', db, ...northshire, '--username', 'New.Worker', '--name', 'Lee Chan', '--role', 'social_worker',
    '--phone', '01632 960 555', '--password-stdin'], { input: 'a long enough password\n' })
  assert.equal(ok.status, 0, ok.stderr)
  assert.equal(sql(db, "SELECT work_phone FROM users WHERE username = 'new.worker'"), '01632 960 555')
  const server = await startServer(db)
  try {
    const c = new Client(server)
    await c.signIn('new.worker', 'a long enough password')
    assert.equal((await c.request('GET', '/api/v1/me')).json().display_name, 'Lee Chan')
  } finally {
    await server.stop()
  }
})

test('bad arguments get usage errors and a non-zero exit', () => {
  assert.notEqual(run([]).status, 0)
  assert.notEqual(run(['serve']).status, 0)
  assert.notEqual(run(['frobnicate', '--db', 'x']).status, 0)
  const badListen = run(['serve', '--db', freshDatabase(), '--listen', 'nonsense'])
  assert.equal(badListen.status, 2)
  assert.match(badListen.stderr, /HOST:PORT/)
})

test('a database that is not Patchwork\'s is refused and left untouched', () => {
  const db = freshDatabase()
  sql(db, 'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)')
  for (const cmd of ['init', 'migrate', 'demo', 'serve']) {
    const r = run([cmd, '--db', db])
    assert.notEqual(r.status, 0, cmd)
    assert.match(r.stderr, /not Patchwork's/, cmd)
  }
  assert.equal(tables(db), 'invoices')
})

test('a database migrated by a newer Patchwork is refused and left untouched', () => {
  const db = freshDatabase()
  run(['init', '--db', db])
  sql(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01T00:00:00Z')")
  const before = tables(db)
  for (const cmd of ['init', 'migrate', 'demo', 'serve']) {
    const r = run([cmd, '--db', db])
    assert.notEqual(r.status, 0, cmd)
    assert.match(r.stderr, /newer Patchwork/, cmd)
  }
  assert.equal(tables(db), before)
  assert.equal(sql(db, 'SELECT count(*) FROM councils'), '0')
})

test('serve refuses an empty database and asks for init', () => {
  const db = freshDatabase()
  if (backend === 'sqlite') {
    const r = run(['serve', '--db', db])
    assert.equal(r.status, 1)
    assert.match(r.stderr, /patchwork init/)
    assert.equal(existsSync(db), false, 'no empty file left behind')
  } else {
    const r = run(['serve', '--db', db])
    assert.equal(r.status, 1)
    assert.match(r.stderr, /empty/)
  }
})

if (backend === 'sqlite') {
  test('a file that is not an SQLite database is refused and not changed', () => {
    const db = freshDatabase()
    writeFileSync(db, 'these are my notes, not a database\n'.repeat(200))
    const before = readFileSync(db, 'utf8')
    for (const cmd of ['init', 'migrate', 'serve']) {
      const r = run([cmd, '--db', db])
      assert.notEqual(r.status, 0, cmd)
      assert.match(r.stderr, /not an SQLite database/, cmd)
    }
    assert.equal(readFileSync(db, 'utf8'), before)
  })

  test('backup makes a consistent copy while the server is running', async () => {
    const db = freshDatabase()
    run(['init', '--db', db])
    run(['demo', '--db', db])
    const server = await startServer(db)
    try {
      const c = new Client(server)
      await c.signIn('admin')
      const copy = path.join(path.dirname(db), 'backup.db')
      const r = run(['backup', '--db', db, '--to', copy])
      assert.equal(r.status, 0, r.stderr)
      assert.equal(sql(copy, 'SELECT count(*) FROM people'), '8')
      assert.ok(Number(sql(copy, 'SELECT count(*) FROM audit_log')) >= 1)
      assert.equal(sql(copy, 'PRAGMA integrity_check'), 'ok')
      const again = run(['backup', '--db', db, '--to', copy])
      assert.equal(again.status, 1)
      assert.match(again.stderr, /already exists/)
    } finally {
      await server.stop()
    }
  })
} else {
  test('backup on PostgreSQL explains how to use pg_dump instead', () => {
    const db = freshDatabase()
    const r = run(['backup', '--db', db, '--to', '/tmp/never-written.db'])
    assert.equal(r.status, 2)
    assert.match(r.stderr, /pg_dump --format=custom/)
    assert.equal(existsSync('/tmp/never-written.db'), false)
  })

  test('an unreachable server and a wrong password get clear messages and a non-zero exit', () => {
    const pg = readPgEnv()
    const unreachable = run(['init', '--db', 'postgresql://patchwork@127.0.0.1:1/patchwork'])
    assert.equal(unreachable.status, 1)
    assert.match(unreachable.stderr, /cannot connect to PostgreSQL.*refused/s)
    const db = freshDatabase()
    const wrong = db.replace(pg.PG_PASSWORD, 'not-the-password')
    for (const cmd of ['init', 'migrate', 'demo', 'serve']) {
      const r = run([cmd, '--db', wrong])
      assert.equal(r.status, 1, cmd)
      assert.match(r.stderr, /password authentication failed/, cmd)
    }
    assert.equal(sql(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"), '0')
    const keyValue = run(['init', '--db', `host=127.0.0.1 port=${pg.PG_PORT} user=patchwork password=${pg.PG_PASSWORD} dbname=${db.split('/').pop()}`])
    assert.equal(keyValue.status, 0, keyValue.stderr)
  })
}
