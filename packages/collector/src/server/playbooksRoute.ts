import type { FastifyInstance } from 'fastify';
import type { CollectorConfig } from '../config/configSchema.js';
import type { PlaybookRunner } from '../playbooks/createPlaybookRunner.js';
import { rulesFor } from '../playbooks/collectFindings.js';
import type { ReadAuth } from './createReadAuth.js';

/**
 * `GET /v1/playbooks/preview` (what would fire now and why; nothing is sent) and
 * `POST /v1/playbooks/run` (evaluate now, fire what crossed a line), for the read key's
 * project. The read key is the project's secret, so it may also trigger an evaluation.
 */
export function registerPlaybooks(app: FastifyInstance, deps: { readAuth: ReadAuth; runner?: PlaybookRunner; config: CollectorConfig }) {
  const handler = (dryRun: boolean) => async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const project = deps.readAuth(req, reply);
    if (!project) return reply;
    reply.header('Cache-Control', 'no-store');
    const rules = rulesFor(deps.config, project.id).map((r) => r.id);
    if (!deps.runner || !rules.length) return { project: project.id, rules, findings: [], message: 'no playbook rules for this project (playbooks.rules in the config)' };
    return { project: project.id, rules, dryRun, findings: await deps.runner.evaluate({ dryRun, project: project.id }) };
  };
  app.get('/v1/playbooks/preview', handler(true));
  app.post('/v1/playbooks/run', handler(false));
}
