/** `sabu --help` and per-command help texts. */
export const HELP: Record<string, string> = {
  main: `sabu: Sabu's reference collector, reports and tools

Usage:
  sabu init [--origin <url>]...     write sabu.config.json with fresh keys; print the snippet to paste
  sabu start [options]              run the collector, the dashboard, and serve the SDK
  sabu tail [--event e] [--person p]  print events as they arrive
  sabu report <name> [options]      print a report (ttv, checklists, tours, guides, voice, ..., experiments)
  sabu playbooks --dry-run | --run  what the account rules would fire now and why; or fire now
  sabu validate <file>... [--kind k]  check JSON definitions (flow, checklist, survey, tour, guide, playbook, batch, config)
  sabu demo-data [options]          load clearly labelled synthetic data into the database
  sabu migrate                      bring the store's schema (DuckDB file or ClickHouse) up to date
  sabu --version

Run "sabu <command> --help" for a command's options.
Configuration: sabu.config.json (or --config, or SABU_CONFIG) and SABU_* environment
variables; see docs/collector.md.
`,
  init: `sabu init: create sabu.config.json for your app

Options:
  --origin <url>    a page origin allowed to send events, e.g. http://localhost:3000 (repeat for more)
  --project <id>    project id (default "default")
  --port <n>        the collector's port (default 4318)
  --config <file>   where to write (default ./sabu.config.json)
  --force           replace an existing file (its keys stop working)
  -h, --help        this help

Writes one project with a new random write key (public, goes in your page) and read key
(secret, opens reports), then prints the snippet to paste into your page and the next steps.
`,
  tail: `sabu tail: print events as the running collector receives them

Options:
  --event <name>    only events with this name
  --person <id>     only this person (a user id, with their anonymous events, or an anonymous id)
  --limit <n>       events shown first from before (default 20, 0 for none)
  --format <f>      text (default) or json: one JSON object per line, for jq and scripts
  --config <file>   find the collector and its read key in this config (default ./sabu.config.json)
  --url <url> --key <readKey>   or ask this collector
  --project <id>    project (default: the first in the config)
  -h, --help        this help

One line per event: time received, event, person, page, properties. Ctrl-C stops.
`,
  start: `sabu start: run the collector (ingest, reports API, dashboard)

Options:
  --config <file>   JSON config file (default: $SABU_CONFIG or ./sabu.config.json)
  --host <host>     listen address (default 127.0.0.1)
  --port <n>        listen port (default 4318; 0 picks a free one)
  --db <file>       DuckDB file (default .data/sabu.duckdb)
  --store <s>       duckdb (default) or clickhouse
  --clickhouse-url <url>  ClickHouse's HTTP interface, e.g. http://127.0.0.1:8123 (with --store clickhouse)
  --demo-data       load synthetic demo data first (into an empty project only)
  -h, --help        this help

Environment (overrides the file; flags override both):
  SABU_CONFIG        config file
  SABU_HOST, SABU_PORT, SABU_DATABASE, SABU_STORE
  SABU_CLICKHOUSE_URL, SABU_CLICKHOUSE_DATABASE, SABU_CLICKHOUSE_USER, SABU_CLICKHOUSE_PASSWORD
  SABU_WRITE_KEY, SABU_READ_KEY, SABU_ORIGINS (comma separated), SABU_PROJECT,
  SABU_VALUE_EVENT   a one-project setup without a file
  SABU_TRUST_PROXY=1 behind a reverse proxy: rate limits see the client's address
  SABU_LOG_LEVEL     warn (default), info logs every request, error, silent

Serves the SDK for your pages at /sdk/sabu.min.js and prints the snippet to paste.
Stops cleanly on SIGTERM / Ctrl-C: in-flight batches are committed before exit.
`,
  report: `sabu report <name>: print a report

Names: ttv, checklists, voice, friction, adoption, health, tours, guides, experiments

Options:
  --by <trait>      cohort: signup_week (default), signup_month or any identify() trait, e.g. plan
  --from <date>     only people who started on or after this date (ISO)
  --to <date>       only people who started before this date
  --where <t:v>     only people whose trait t equals v, e.g. plan:pro
  --as-of <date>    report as of this time (default now)
  --format <f>      table (default), json or csv
  --experiment <id> experiments: only this experiment
  --control <arm>   experiments: compare against this arm (default "control", else the first by name)
  --project <id>    project (default: the first in the config)
  --config <file>   read the config's database; while "sabu start" runs on it, ask that
                    collector instead (with the config's read key)
  --db <file>       read this database file; no config needed
  --url <url> --key <readKey>    ask a running collector
  -h, --help        this help

Example: sabu report ttv --by plan --format csv > ttv.csv
`,
  playbooks: `sabu playbooks: the server-side playbook rules (docs/playbooks.md)

Options:
  --dry-run         list what would fire now and why; nothing is sent or recorded
  --run             ask the running collector to evaluate now and fire what crossed a line
  --format <f>      table (default) or json (with the evidence of each finding)
  --project <id>    only this project (default: every project)
  --config <file>   the config with playbooks.rules (default ./sabu.config.json)
  --url <url> --key <readKey>   ask this collector (its read key's project)
  -h, --help        this help

A rule fires once when an account crosses its line, not on every evaluation while it
stays over it: "already fired" lines are not sent again.
`,
  validate: `sabu validate <file>...: check JSON files against Sabu's schemas

Options:
  --kind <k>   flow, checklist, survey, tour, guide, batch, event, sdk-config or collector-config
               (default: guessed from each file's shape)
  -h, --help   this help

Prints every problem of each file in one run, each with its field path (structure and
cross-references such as duplicate ids or dependsOn), and JSON syntax errors with line
and column. Exit codes: 0 all valid, 1 something invalid, 2 usage (e.g. no such file).
`,
  migrate: `sabu migrate: bring the store's schema up to this collector's version

Options:
  --config <file>   the config naming the store (default ./sabu.config.json)
  --db <file>       a DuckDB file
  --store clickhouse --clickhouse-url <url>   a ClickHouse server (database from the config, default "sabu")
  -h, --help        this help

DuckDB files are migrated whenever they are opened; run this for ClickHouse once before
starting (or upgrading) several collectors against the same server. Every step is
idempotent: running it twice, or two collectors migrating at once, is safe.
`,
  'demo-data': `sabu demo-data: load synthetic demo data (ids start with "demo-")

Options:
  --users <n>       users to invent (default 3000)
  --weeks <n>       weekly cohorts (default 8)
  --project <id>    project (default: the first in the config)
  --config <file>, --db <file>
  -h, --help        this help
`,
};
