import type { ServerResponse } from 'node:http';
import { basename } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type FoundJob,
  type LiveSegment,
  type Lv2en,
  listJobFolders,
  liveOverlay,
  REVIEW_STATES,
  type ReviewWorkspace,
  type SaveRequest,
  type WorkspaceEvent,
} from '../index.js';
import { sameOrigin, TOKEN_COOKIE } from './auth.js';
import { HttpError } from './errors.js';

/**
 * The live review workspace: /review/ lists the jobs under --jobs,
 * /review/<job> is the review page talking to /api/jobs/<job>/…:
 *
 *   GET  /api/jobs                          the jobs
 *   GET  /api/jobs/<job>/segments           every segment's state
 *   PUT  /api/jobs/<job>/segments/<id>      save {version, state, target}: 200, or 409 with the current state
 *   GET  /api/jobs/<job>/events             server-sent events: `hello`, `saved`, `reexported`
 *   POST /api/jobs/<job>/reexport           rebuild the job's outputs from the reviewed state
 *
 * A job is named by its id as listJobFolders found it (`name`, or
 * `folder/name`, URL-encoded as one path segment); a request can only pick
 * one of those, never build a path.
 */
export interface ReviewContext {
  lv2en: Lv2en;
  /** The --jobs folder. */
  root: string;
  /** Open event streams, ended when the server stops. */
  streams: Set<ServerResponse>;
}

/** How often the job list is read again when a request names a job it does not hold. */
const RESCAN_MS = 2000;
/** A comment on every event stream this often, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

class Jobs {
  private found = new Map<string, FoundJob>();
  private scannedAt = 0;
  private readonly open = new Map<string, Promise<ReviewWorkspace>>();

  constructor(
    private readonly root: string,
    private readonly lv2en: Lv2en,
  ) {}

  async list(): Promise<FoundJob[]> {
    await this.scan();
    return [...this.found.values()];
  }

  async workspace(id: string): Promise<ReviewWorkspace> {
    if (!this.found.has(id) && Date.now() - this.scannedAt > RESCAN_MS) await this.scan();
    const job = this.found.get(id);
    if (!job) throw new HttpError(404, `no job ${JSON.stringify(id)} under the jobs folder`, 'GET /api/jobs lists the jobs');
    let workspace = this.open.get(id);
    if (!workspace) {
      workspace = this.lv2en.openReview(job.dir);
      this.open.set(id, workspace);
      workspace.catch(() => this.open.delete(id));
    }
    return workspace;
  }

  private async scan(): Promise<void> {
    this.found = new Map((await listJobFolders(this.root)).map((job) => [job.id, job]));
    this.scannedAt = Date.now();
  }
}

const wire = (segment: LiveSegment) => ({
  id: segment.id,
  ...liveOverlay(segment),
  updatedAt: segment.updatedAt,
  updatedBy: segment.updatedBy,
});

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const saveSchema = {
  type: 'object',
  required: ['version', 'state'],
  additionalProperties: false,
  properties: {
    version: { type: 'integer', minimum: 0 },
    state: { type: 'string', enum: [...REVIEW_STATES] },
    target: { type: 'string', maxLength: 100_000 },
    targetTags: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        required: ['kind', 'id', 'at'],
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: ['open', 'close', 'isolated'] },
          id: { type: 'string', maxLength: 64 },
          at: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
};

const jobParam = (request: FastifyRequest) => (request.params as { job: string }).job;

export async function reviewRoutes(app: FastifyInstance, context: ReviewContext): Promise<void> {
  const jobs = new Jobs(context.root, context.lv2en);
  const review = { config: { access: 'review' as const } };

  app.get('/review', review, async (_request, reply) => reply.redirect('review/', 301));

  app.get('/review/', review, async (_request, reply) => {
    const list = await jobs.list();
    const items = list.map((job) => `<li><a href="${encodeURIComponent(job.id)}">${escapeHtml(job.id)}</a></li>`).join('\n');
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', INDEX_CSP)
      .send(
        `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>lv2en review</title></head><body><h1>lv2en review</h1>` +
          (list.length ? `<ul>\n${items}\n</ul>` : '<p>No job folders under the jobs folder yet: run lv2en translate into it.</p>') +
          '</body></html>\n',
      );
  });

  app.get('/review/:job', review, async (request, reply) => {
    const id = jobParam(request);
    const query = request.query as { api_key?: unknown };
    if (typeof query.api_key === 'string') {
      // A token in the address is taken once: it goes into a cookie the page's requests carry, and out of the address.
      const secure = request.protocol === 'https' ? '; Secure' : '';
      return reply
        .header(
          'Set-Cookie',
          `${TOKEN_COOKIE}=${encodeURIComponent(query.api_key)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000${secure}`,
        )
        .redirect(encodeURIComponent(id), 303);
    }
    const workspace = await jobs.workspace(id);
    const page = workspace.page(`../api/jobs/${encodeURIComponent(id)}`);
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', `${page.contentSecurityPolicy}; frame-ancestors 'none'`)
      .send(page.html);
  });

  app.get('/api/jobs', review, async () => ({
    jobs: (await jobs.list()).map((job) => ({ id: job.id, document: job.document })),
  }));

  app.get('/api/jobs/:job/segments', review, async (request) => {
    const workspace = await jobs.workspace(jobParam(request));
    return { document: workspace.document, counts: workspace.counts(), segments: workspace.segments().map(wire) };
  });

  app.put('/api/jobs/:job/segments/:id', { ...review, schema: { body: saveSchema } }, async (request, reply) => {
    sameOrigin(request);
    const workspace = await jobs.workspace(jobParam(request));
    const body = request.body as Omit<SaveRequest, 'id' | 'by'>;
    const outcome = await workspace.save({
      id: (request.params as { id: string }).id,
      ...body,
      by: request.tokenName ?? undefined,
    });
    switch (outcome.status) {
      case 'saved':
        return { segments: outcome.segments.map(wire) };
      case 'conflict':
        return reply.code(409).send({
          error: `segment ${outcome.current.id} was saved by someone else first (now version ${outcome.current.version}): nothing was saved`,
          hint: 'Look at the current translation and save again on its version',
          current: wire(outcome.current),
        });
      case 'not-found':
        throw new HttpError(404, `no segment ${JSON.stringify((request.params as { id: string }).id)} in ${workspace.document}`);
      case 'invalid':
        throw new HttpError(400, outcome.message);
    }
  });

  app.post('/api/jobs/:job/reexport', review, async (request) => {
    sameOrigin(request);
    const workspace = await jobs.workspace(jobParam(request));
    const by = (request.body as { reviewer?: unknown } | undefined)?.reviewer;
    const { outputs } = await workspace.reexport(typeof by === 'string' && by.length <= 64 ? by : undefined);
    // File names only: where the server keeps them is its own business.
    return { outputs: outputs.map((path) => basename(path)) };
  });

  app.get('/api/jobs/:job/events', review, async (request, reply) => {
    const workspace = await jobs.workspace(jobParam(request));
    stream(reply, context.streams, workspace);
  });
}

/** Server-sent events of one workspace on this response until the client leaves or the server stops. */
function stream(reply: FastifyReply, streams: Set<ServerResponse>, workspace: ReviewWorkspace): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'keep-alive',
  });
  const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('hello', { document: workspace.document });
  const unsubscribe = workspace.subscribe((event: WorkspaceEvent) => {
    if (event.type === 'saved') send('saved', { segments: event.segments.map(wire) });
    else send('reexported', { outputs: event.outputs.map((path) => basename(path)), by: event.by });
  });
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  streams.add(raw);
  raw.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(raw);
  });
}
