import type { FastifyInstance } from 'fastify';
import type { CollectorConfig } from '../config/configSchema.js';
import type { Keyring } from '../ingest/createKeyring.js';
import type { Store } from '../store/Store.js';
import { REPORT_NAMES, ReportParamsError, runReport, type ReportName } from '../reports/runReport.js';
import { toCsv, toTable } from '../reports/toTable.js';

/**
 * `GET /v1/reports/:name` (JSON) and `GET /v1/reports/:name.csv`, authorised by a read
 * key as `Authorization: Bearer <key>` (or `?key=` for links from the dashboard).
 */
export function registerReports(app: FastifyInstance, deps: { config: CollectorConfig; keyring: Keyring; store: Store }) {
  // The project behind a read key: its name, and whether synthetic demo data is mixed in
  // (the dashboard labels it).
  app.get('/v1/project', async (req, reply) => {
    const auth = req.headers.authorization;
    const project = deps.keyring.projectForReadKey(auth?.startsWith('Bearer ') ? auth.slice(7) : undefined);
    if (!project) return reply.code(401).send({ error: 'unknown_read_key', message: 'send a read key as "Authorization: Bearer <key>"' });
    reply.header('Cache-Control', 'no-store');
    return { id: project.id, name: project.name ?? project.id, ...(await deps.store.projectSummary(project.id)) };
  });
  app.get('/v1/reports/:name', async (req, reply) => {
    const { name: raw } = req.params as { name: string };
    const csv = raw.endsWith('.csv');
    const name = (csv ? raw.slice(0, -4) : raw) as ReportName;
    const query = { ...(req.query as Record<string, string>) };
    const auth = req.headers.authorization;
    const key = auth?.startsWith('Bearer ') ? auth.slice(7) : query.key;
    delete query.key;
    const project = deps.keyring.projectForReadKey(key);
    if (!project) return reply.code(401).send({ error: 'unknown_read_key', message: 'send a read key as "Authorization: Bearer <key>"' });
    if (!REPORT_NAMES.includes(name)) {
      return reply.code(404).send({ error: 'unknown_report', message: `no report "${name}"; reports: ${REPORT_NAMES.join(', ')}` });
    }
    reply.header('Cache-Control', 'no-store');
    try {
      const result = await runReport(deps.store, deps.config, project, name, query);
      if (!csv) return { report: name, project: project.id, ...(result as object) };
      reply.header('Content-Type', 'text/csv; charset=utf-8');
      reply.header('Content-Disposition', `attachment; filename="sabu-${name}.csv"`);
      return toCsv(toTable(name, result));
    } catch (e) {
      if (e instanceof ReportParamsError) return reply.code(400).send({ error: 'invalid_parameters', message: e.message, problems: e.problems });
      throw e;
    }
  });
}
