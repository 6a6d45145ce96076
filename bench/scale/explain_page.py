"""The statements one page request ran, from PostgreSQL's log (log_statement
= all and auto_explain, as bench/scale/plans.sh sets them), each with the plan
PostgreSQL used and SQLite's EXPLAIN QUERY PLAN of the same SQL and parameters.

    python3 explain_page.py SEGMENT_OF_THE_SERVER_LOG SQLITE_DATABASE
"""
import re, subprocess, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
db = sys.argv[2]
# Log entries start with a timestamp; an entry may run over several lines.
entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", text)
statements, plans = [], []
for i, e in enumerate(entries):
    m = re.search(r"LOG:  execute \S+: (.*)", e, re.S)
    if m:
        params = {}
        if i + 1 < len(entries) and "DETAIL:  parameters:" in entries[i + 1]:
            for k, v in re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", entries[i + 1]):
                params[k] = v
        statements.append((m.group(1).strip(), params))
    m = re.search(r"LOG:  duration: [\d.]+ ms  plan:\n\s*Query Text: (.*)", e, re.S)
    if m:
        plans.append(m.group(1))
seen = set()
for n, (sql, params) in enumerate(statements, 1):
    if sql.split()[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK", "SET", "SAVEPOINT", "RELEASE"):
        continue
    print(f"\n-- statement {n}: {sql}")
    if params:
        print("   parameters: " + ", ".join(f"${k} = {v}" for k, v in sorted(params.items(), key=lambda kv: int(kv[0]))))
    if sql in seen:
        print("   (as above)")
        continue
    seen.add(sql)
    plan = next((p for p in plans if p.startswith(sql[:200])), None)
    print("   PostgreSQL:")
    if plan:
        lines = plan.split("\n")[1:]
        print("\n".join("     " + l.strip("\t").rstrip() for l in lines if l.strip()))
    else:
        print("     (no plan logged)")
    setters = []
    for k, v in params.items():
        if v == "NULL":
            setters.append(f".parameter set ${k} NULL")
        else:
            inner = v[1:-1]
            value = inner if re.fullmatch(r"-?[0-9]+", inner) else v
            setters.append(f".parameter set ${k} {value}")
    script = "\n".join(setters + ["EXPLAIN QUERY PLAN " + sql + ";"]) + "\n"
    r = subprocess.run(["sqlite3", "-readonly", db], input=script, capture_output=True, text=True)
    print("   SQLite:")
    out = (r.stdout + r.stderr).strip()
    print("\n".join("     " + l for l in out.split("\n") if l.strip()))
