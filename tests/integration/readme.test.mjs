// The README's examples are tests, so the README cannot drift from the product.
//
// - Every ```sh block runs, in order, against a demo server on the back end
//   under test: http://127.0.0.1:8080 becomes the test server's address,
//   data/patchwork.db its database, build/patchwork the build under test. curl
//   fails on an error status. A block preceded by
//   <!-- readme-test: skip (why) --> is not run (the two commands, servers that
//   run until stopped); <!-- readme-test: expect "TEXT" --> names text its
//   output must hold.
// - Every option in the `patchwork` command summary and in the `serve` options
//   table is one the program's own --help lists.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { backend, bin, demoDatabase, run, startServer } from '../support/harness.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const readme = readFileSync(path.join(root, 'README.md'), 'utf8')

// Fenced blocks with their info string and the readme-test comments just above.
function fencedBlocks (markdown) {
  const lines = markdown.split('\n')
  const blocks = []
  let notes = []
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^```(\S*)\s*$/)
    if (!open) {
      const note = lines[i].match(/^<!-- readme-test: (skip|expect)\b(.*?)-->\s*$/)
      if (note) notes.push({ kind: note[1], text: note[2].trim() })
      else if (lines[i].trim() !== '') notes = []
      continue
    }
    const body = []
    const line = i + 1
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i])
    blocks.push({ lang: open[1], line, body: body.join('\n'), notes })
    notes = []
  }
  return blocks
}

const blocks = fencedBlocks(readme)
const shellBlocks = blocks.filter(b => b.lang === 'sh')

test('the README has runnable examples, and says why it skips the others', () => {
  assert.ok(shellBlocks.length >= 6, 'the README\'s sh blocks are found')
  for (const b of shellBlocks) {
    const skip = b.notes.find(n => n.kind === 'skip')
    if (skip) assert.match(skip.text, /^\(.+\)$/, `README line ${b.line}: a skipped example says why, in brackets`)
  }
  const runnable = shellBlocks.filter(b => !b.notes.some(n => n.kind === 'skip'))
  assert.ok(runnable.some(b => b.body.includes('curl')), 'curl examples run')
  assert.ok(runnable.some(b => b.body.includes('build/patchwork')), 'command-line examples run')
})

test(`every sh example in the README works against a demo server (${backend})`, async (t) => {
  const db = demoDatabase()
  const server = await startServer(db)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchwork-readme.'))
  try {
    // What every example runs with: stop at the first failure, and curl that
    // fails (with the problem document shown) on a 4xx or 5xx answer.
    const prelude = [
      'set -euo pipefail',
      'curl () { command curl --silent --show-error --fail-with-body "$@"; echo; }'
    ].join('\n')
    const quote = s => `'${s.replaceAll("'", "'\\''")}'`
    for (const b of shellBlocks) {
      if (b.notes.some(n => n.kind === 'skip')) continue
      await t.test(`README line ${b.line}: ${b.body.split('\n')[0]}`, () => {
        const script = b.body
          .replaceAll('http://127.0.0.1:8080', server.url)
          .replaceAll('data/patchwork.db', quote(db))
          .replaceAll('build/patchwork', quote(bin))
        const r = spawnSync('bash', ['-c', prelude + '\n' + script], { cwd: dir, encoding: 'utf8', timeout: 60000 })
        const shown = `\n--- script ---\n${script}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`
        assert.equal(r.status, 0, `the example failed${shown}`)
        for (const n of b.notes.filter(n => n.kind === 'expect')) {
          const text = JSON.parse(n.text)
          assert.ok(r.stdout.includes(text), `the output holds ${n.text}${shown}`)
        }
      })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await server.stop()
  }
})

test('every option in the README\'s command summary is one the program knows', () => {
  const summary = blocks.find(b => b.lang === '' && /^patchwork init\b/m.test(b.body))
  assert.ok(summary, 'the `patchwork` command summary is found')
  let checked = 0
  let command = null
  for (const line of summary.body.split('\n')) {
    // "patchwork user add --db DB ...", or a continuation line of the one before.
    if (line.startsWith('patchwork ')) command = line.slice('patchwork '.length).split('--')[0].trim().split(/\s+/)
    else if (!/^\s+\[?--/.test(line)) continue
    const help = run([...command, '--help'])
    assert.equal(help.status, 0, `patchwork ${command.join(' ')} --help: ${help.stderr}`)
    for (const opt of line.match(/--[a-z][a-z-]*/g) || []) {
      assert.ok(help.stdout.includes(opt), `patchwork ${command.join(' ')} has ${opt} (README: ${line.trim()})`)
      checked++
    }
  }
  assert.ok(checked >= 10, `the summary's options were checked (${checked})`)
})

test('every option in the README\'s table for serve is one serve knows', () => {
  const help = run(['serve', '--help'])
  assert.equal(help.status, 0, help.stderr)
  const section = readme.split('### Configuration (options of `serve`)')[1].split('\n## ')[0]
  const options = [...section.matchAll(/^\| `(--[a-z-]+)/gm), ...section.matchAll(/^\| `--[a-z-]+[^`]*`, `(--[a-z-]+)/gm)].map(m => m[1])
  assert.ok(options.length >= 12, `the table's options are found (${options.length})`)
  for (const opt of options) assert.ok(help.stdout.includes(opt), `serve has ${opt}`)
  // The environment variables the README documents are the ones the program reads.
  assert.match(help.stdout, /PATCHWORK_LISTEN/)
  assert.match(help.stdout, /PATCHWORK_DB/)
})
