/** `sabu --help` and per-command help texts. */
export const HELP: Record<string, string> = {
  main: `sabu: Sabu's reference collector, reports and tools

Usage:
  sabu start [options]              run the collector and dashboard
  sabu report <name> [options]      print a report (ttv, checklists, voice, friction, adoption, health)
  sabu validate <file> [--kind k]   check a JSON definition (flow, checklist, survey, batch, config)
  sabu demo-data [options]          load clearly labelled synthetic data into the database

Run "sabu <command> --help" for a command's options.
Configuration: sabu.config.json (or --config, or SABU_CONFIG) and SABU_* environment
variables; see docs/collector.md.
`,
  start: `sabu start: run the collector (ingest, reports API, dashboard)

Options:
  --config <file>   JSON config file (default: $SABU_CONFIG or ./sabu.config.json)
  --host <host>     listen address (default 127.0.0.1)
  --port <n>        listen port (default 4318; 0 picks a free one)
  --db <file>       DuckDB file (default .data/sabu.duckdb)
  --demo-data       load synthetic demo data first (into an empty project only)
  -h, --help        this help

Stops cleanly on SIGTERM / Ctrl-C: in-flight batches are committed before exit.
`,
  report: `sabu report <name>: print a report

Names: ttv, checklists, voice, friction, adoption, health

Options:
  --by <trait>      cohort: signup_week (default), signup_month or any identify() trait, e.g. plan
  --from <date>     only people who started on or after this date (ISO)
  --to <date>       only people who started before this date
  --where <t:v>     only people whose trait t equals v, e.g. plan:pro
  --as-of <date>    report as of this time (default now)
  --format <f>      table (default), json or csv
  --project <id>    project (default: the first in the config)
  --config <file>, --db <file>   read the database directly (the server must not hold it)
  --url <url> --key <readKey>    or ask a running collector
  -h, --help        this help

Example: sabu report ttv --by plan --format csv > ttv.csv
`,
  validate: `sabu validate <file>: check a JSON file against Sabu's schemas

Options:
  --kind <k>   flow, checklist, survey, batch, event, sdk-config or collector-config
               (default: guessed from the file's shape)
  -h, --help   this help

Exits 0 when valid; otherwise prints one line per problem with its field path and exits 1.
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
