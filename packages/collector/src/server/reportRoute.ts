import type { FastifyInstance } from 'fastify';
import type { CollectorConfig } from '../config/configSchema.js';
import type { ReadAuth } from './createReadAuth.js';
import type { Store } from '../store/Store.js';
import { REPORT_NAMES, ReportParamsError, runReport, type ReportName } from '../reports/runReport.js';
import { toCsv, toTable } from '../reports/toTable.js';

/**
 * `GET /v1/reports/:name` (JSON) and `GET /v1/reports/:name.csv`, authorised by a read
 * key as `Authorization: Bearer <key>` (or `?key=` for links from the dashboard), wrong
 * keys limited per client (createReadAuth.ts).
 */
export function registerReports(app: FastifyInstance, deps: { config: CollectorConfig; readAuth: ReadAuth; store: Store }) {
  // The project behind a read key: its name, and whether synthetic demo data is mixed in
  // (the dashboard labels it).
  app.get('/v1/project', async (req, reply) => {
    const project = deps.readAuth(req, reply);
    if (!project) return reply;
    reply.header('Cache-Control', 'no-store');
    return { id: project.id, name: project.name ?? project.id, ...(await deps.store.projectSummary(project.id)) };
  });
  app.get('/v1/reports/:name', async (req, reply) => {
    const { name: raw } = req.params as { name: string };
    const csv = raw.endsWith('.csv');
    const name = (csv ? raw.slice(0, -4) : raw) as ReportName;
    const query = { ...(req.query as Record<string, string>) };
    delete query.key;
    const project = deps.readAuth(req, reply);
    if (!project) return reply;
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
