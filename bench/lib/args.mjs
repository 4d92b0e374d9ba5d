/** The settings of a run. The quick mode is for the test suite and a first look. */
export const FULL = {
  rounds: 5,
  track: { n: 10_000, deadlineMs: 60_000 },
  delivery: { n: 1000, deadlineMs: 30_000 },
  exit: { n: 50, deadlineMs: { nav: 5000, close: 5000, reload: 10_000 } },
  // Full runs wait for the deadline: some SDKs resume after long back-offs.
  quietMs: null,
  /** After the last event of a burst, how long late requests are still counted. */
  graceMs: 1000,
};
/** Quick: fewer events, and a wait ends once nothing new arrived for `quietMs`. */
export const QUICK = {
  rounds: 1,
  track: { n: 300, deadlineMs: 12_000 },
  delivery: { n: 300, deadlineMs: 12_000 },
  exit: { n: 50, deadlineMs: { nav: 3000, close: 3000, reload: 5000 } },
  quietMs: 1500,
  graceMs: 300,
};

const HELP = `npm run bench [-- options]
  --quick            1 round, 300 events instead of 10,000 / 1,000, shorter waits (about 2 minutes)
  --rounds N         interleaved rounds (default 5; 1 with --quick)
  --targets a,b      only these (floor,sabu,posthog,segment,amplitude,mixpanel,snowplow; for the tour figure: sabu,driver,shepherd)
  --phases a,b       only these phases (startup,track,delivery,exit,tour; default all): --phases tour runs figure 7 alone
  --out DIR          write latest.md / latest.json there (default bench/results)
  --no-build         measure packages/sdk/dist as it is (default: npm run build first, unless dist is newer than every source file)
  --no-collector     skip figure 6 (npm run bench:collector); --quick skips it unless --collector
  --events N         events in the track() burst (figure 3; default 10,000, 300 with --quick)
  --variant name=DIR also measure the sabu.min.js built in DIR (a copy of packages/sdk/dist), as target
                     sabu-name, interleaved with the others: two builds compared in one run (repeatable)`;

/** The measured phases, in the order they run; `--phases` picks some. */
export const PHASES = ['startup', 'track', 'delivery', 'exit', 'tour'];

export function parseArgs(argv) {
  const o = { quick: false, rounds: null, targets: null, phases: null, out: null, build: true, collector: null, events: null, variants: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a == '--quick') o.quick = true;
    else if (a == '--rounds') o.rounds = Number(argv[++i]);
    else if (a == '--targets') o.targets = argv[++i].split(',').map((s) => s.trim());
    else if (a == '--phases') o.phases = argv[++i].split(',').map((s) => s.trim());
    else if (a == '--out') o.out = argv[++i];
    else if (a == '--no-build') o.build = false;
    else if (a == '--events') o.events = Number(argv[++i]);
    else if (a == '--variant') {
      const [name, dir] = (argv[++i] ?? '').split('=');
      if (!/^[\w.-]+$/.test(name ?? '') || !dir) {
        console.error('bench: --variant needs name=DIR (a folder holding a built sabu.min.js)');
        process.exit(2);
      }
      o.variants.push({ name, dir });
    }
    else if (a == '--no-collector') o.collector = false;
    else if (a == '--collector') o.collector = true;
    else if (a == '--help' || a == '-h') {
      console.log(HELP);
      process.exit(0);
    } else {
      console.error(`bench: unknown option ${a}\n${HELP}`);
      process.exit(2);
    }
  }
  const base = o.quick ? QUICK : FULL;
  if (o.events != null && !(o.events >= 1)) {
    console.error('bench: --events needs a number of at least 1');
    process.exit(2);
  }
  if (o.rounds != null && !(o.rounds >= 1)) {
    console.error('bench: --rounds needs a number of at least 1');
    process.exit(2);
  }
  const unknownPhases = (o.phases ?? []).filter((p) => !PHASES.includes(p));
  if (unknownPhases.length) {
    console.error(`bench: unknown phase(s) ${unknownPhases.join(', ')}; known: ${PHASES.join(', ')}`);
    process.exit(2);
  }
  o.phases ??= PHASES;
  // Figure 6 takes minutes of its own: a quick run leaves it out unless asked.
  o.collector ??= !o.quick && o.phases.length == PHASES.length;
  const track = o.events ? { ...base.track, n: o.events } : base.track;
  return { ...o, settings: { ...base, track, rounds: o.rounds ?? base.rounds, mode: o.quick ? 'quick' : 'full' } };
}
