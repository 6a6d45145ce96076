// The run command, scripts/start.sh, as a newcomer meets it: it serves where
// PATCHWORK_LISTEN says and prints that address, and when the port is taken it
// says so in one line with the variable to set. PATCHWORK_BIN makes it use the
// build under test instead of installing and building; PATCHWORK_DB points it
// at a fresh database on the back end under test.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { backend, bin, freshDatabase, Client } from '../support/harness.mjs'

const startScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/start.sh')

function startCommand (env) {
  const proc = spawn('bash', [startScript], {
    env: { ...process.env, PATCHWORK_BIN: bin, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const out = { stdout: '', stderr: '' }
  proc.stdout.on('data', c => { out.stdout += c })
  proc.stderr.on('data', c => { out.stderr += c })
  const exited = new Promise(resolve => proc.on('exit', code => resolve(code)))
  process.on('exit', () => { if (proc.exitCode === null) proc.kill('SIGKILL') })
  return { proc, out, exited }
}

// Something else holding a port, as another program would.
async function occupiedPort () {
  const blocker = net.createServer()
  await new Promise(resolve => blocker.listen(0, '127.0.0.1', resolve))
  return { port: blocker.address().port, close: () => new Promise(resolve => blocker.close(resolve)) }
}

test(`start.sh on a busy port says so in one line, naming PATCHWORK_LISTEN (${backend})`, async () => {
  const busy = await occupiedPort()
  try {
    const run = startCommand({ PATCHWORK_DB: freshDatabase(), PATCHWORK_LISTEN: `127.0.0.1:${busy.port}` })
    const timer = setTimeout(() => run.proc.kill('SIGKILL'), 60000)
    const code = await run.exited
    clearTimeout(timer)
    assert.equal(code, 1, `start.sh should fail; it printed:\n${run.out.stdout}\n${run.out.stderr}`)
    const lines = run.out.stderr.trim().split('\n')
    assert.equal(lines.length, 1, `one line on standard error, not:\n${run.out.stderr}`)
    assert.match(lines[0], new RegExp(`cannot listen on 127\\.0\\.0\\.1:${busy.port}: another program is already using port ${busy.port}`))
    assert.match(lines[0], new RegExp(`PATCHWORK_LISTEN=127\\.0\\.0\\.1:${busy.port + 1}`))
    // It got as far as the demo data, so the database is ready for the next try.
    assert.match(run.out.stdout, /social\.worker/)
  } finally {
    await busy.close()
  }
})

test(`start.sh prints the address it actually serves, from PATCHWORK_LISTEN (${backend})`, async () => {
  const run = startCommand({ PATCHWORK_DB: freshDatabase(), PATCHWORK_LISTEN: '127.0.0.1:0' })
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address printed:\n${run.out.stdout}\n${run.out.stderr}`)), 60000)
      const look = () => {
        const m = (run.out.stdout + run.out.stderr).match(/at (http:\/\/127\.0\.0\.1:(\d+)\/)\. Open it in a browser/)
        if (m) { clearTimeout(timer); resolve(m[1]) }
      }
      run.proc.stdout.on('data', look)
      run.proc.stderr.on('data', look)
      run.exited.then(code => { clearTimeout(timer); reject(new Error(`start.sh exited with ${code}:\n${run.out.stdout}\n${run.out.stderr}`)) })
    })
    assert.doesNotMatch(run.out.stdout + run.out.stderr, /8080/, 'no other address is claimed')
    const port = Number(new URL(url).port)
    assert.notEqual(port, 0)
    const client = new Client({ port })
    assert.equal((await client.request('GET', '/healthz')).status, 200)
    await client.signIn('social.worker')
  } finally {
    run.proc.kill('SIGTERM')
    assert.equal(await run.exited, 0, 'SIGTERM stops the server cleanly')
  }
})
