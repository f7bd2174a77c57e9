/**
 * /templates…: shared ruleset templates, readable by every role that reads rules. Sharing is
 * POST /templates: a municipality's administrator shares one of its published versions
 * (`{id, name, municipality, version}`, municipality = their own); the platform administrator
 * publishes a national template from a document (`{id, name, document}`).
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { positiveIntegerString } from '../../http/params.js';
import type { AppServices } from '../../app.js';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import { parseList, setContentRange, listQuerySchema } from '../../http/list.js';
import { issue } from '../../domain/issues.js';
import { authorize } from '../auth/auth-plugin.js';
import {
  documentSchema,
  sharedVersionSchema,
  templateDetailSchema,
  templateSchema,
  templateVersionSchema,
  templateVersionSummarySchema,
} from '../rulesets/ruleset-schemas.js';
import {
  findTemplate,
  listTemplates,
  listTemplateVersions,
  TEMPLATE_SORT,
  TEMPLATE_VERSION_SORT,
  type Template,
  type TemplateFilter,
} from './template-repository.js';
import {
  getTemplate,
  getTemplateVersion,
  publishNationalTemplate,
  shareVersion,
} from './template-service.js';

const tags = ['templates'];
const templateId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: templateId } } as const;
const versionParams = {
  type: 'object',
  required: ['id', 'n'],
  properties: { id: templateId, n: positiveIntegerString },
} as const;

const view = <T extends Template>(t: T) => ({ ...t, national: t.municipality === null });

function filterOf(f: Record<string, unknown>): TemplateFilter {
  const out: TemplateFilter = {};
  const bad = (key: string) =>
    new BadRequestError(`filter ${key} has the wrong type.`, [
      issue(
        `/filter/${key}`,
        'list.filterValue',
        `Forkert type i filteret "${key}".`,
        `Wrong type in filter "${key}".`,
      ),
    ]);
  if (f.id !== undefined) {
    const ids = Array.isArray(f.id) ? f.id : [f.id];
    if (!ids.every((x) => typeof x === 'string')) throw bad('id');
    out.id = ids as string[];
  }
  if (f.municipality !== undefined) {
    if (f.municipality !== null && typeof f.municipality !== 'string') throw bad('municipality');
    out.municipality = f.municipality;
  }
  if (f.national !== undefined) {
    if (f.national !== true) throw bad('national');
    out.municipality = null;
  }
  if (f.q !== undefined) {
    if (typeof f.q !== 'string') throw bad('q');
    out.q = f.q;
  }
  return out;
}

export const templateRoutes: RoutePlugin<AppServices> = async (app, { ctx }) => {
  app.get(
    '/templates',
    {
      config: { permission: 'templates:read' },
      schema: {
        tags,
        summary: 'Shared templates (react-admin list); filter by id, municipality, national: true, q',
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: templateSchema } },
      },
    },
    async (request, reply) => {
      const q = parseList(request.query, {
        sortable: Object.keys(TEMPLATE_SORT) as (keyof typeof TEMPLATE_SORT)[],
        defaultSort: 'id',
        defaultOrder: 'asc',
        filterable: ['id', 'municipality', 'national', 'q'],
      });
      const { rows, total } = await listTemplates(ctx.db, {
        sort: q.sortField,
        order: q.sortOrder,
        offset: q.offset,
        limit: q.limit,
        filter: filterOf(q.filter),
      });
      setContentRange(reply, 'templates', q.offset, rows.length, total);
      return rows.map(view);
    },
  );

  app.post(
    '/templates',
    {
      // Both a municipality's admin (templates:share) and the platform administrator
      // (templates:manage) publish templates; the handler checks which form the caller may use.
      config: { permission: ['templates:share', 'templates:manage'] },
      schema: {
        tags,
        summary:
          'Share a published version as a template (or a new version of one); national templates from a document',
        description:
          "`{id, name, municipality, version, comment?}`: an administrator of `municipality` shares its published version (the template's copy has no KP EANs); the template must be new or owned by that municipality. `{id, name, document, comment?}`: the platform administrator publishes a national template version from a ruleset document. Content identical to the latest version is a 409.",
        body: {
          type: 'object',
          oneOf: [
            {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name', 'municipality', 'version'],
              properties: {
                id: templateId,
                name: { type: 'string', minLength: 1, maxLength: 200 },
                municipality: { type: 'string', minLength: 1, maxLength: 20 },
                version: { type: 'integer', minimum: 1 },
                comment: { type: 'string', maxLength: 2000 },
              },
            },
            {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'name', 'document'],
              properties: {
                id: templateId,
                name: { type: 'string', minLength: 1, maxLength: 200 },
                document: documentSchema,
                comment: { type: 'string', maxLength: 2000 },
              },
            },
          ],
        },
        response: { 201: sharedVersionSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      let shared;
      if ('document' in body) {
        const p = authorize(request, 'templates:manage');
        shared = await publishNationalTemplate(ctx, p, body);
      } else {
        // An administrator of that municipality; a platform administrator does not hold
        // templates:share and never reads a municipality's ruleset.
        const p = authorize(request, 'templates:share', body.municipality);
        shared = await shareVersion(ctx, p, body);
      }
      reply.code(201);
      return view(shared);
    },
  );

  app.get(
    '/templates/:id',
    {
      config: { permission: 'templates:read' },
      schema: {
        tags,
        summary: 'A template and its versions',
        params: idParams,
        response: { 200: templateDetailSchema },
      },
    },
    async (request) => {
      const t = await getTemplate(ctx.db, request.params.id);
      return view({ ...t, versions: t.versions.map((v) => ({ id: v.version, ...v })) });
    },
  );

  app.get(
    '/templates/:id/versions',
    {
      config: { permission: 'templates:read' },
      schema: {
        tags,
        summary: "A template's versions (react-admin list), without documents",
        params: idParams,
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: templateVersionSummarySchema } },
      },
    },
    async (request, reply) => {
      if (!(await findTemplate(ctx.db, request.params.id)))
        throw new NotFoundError(`Template "${request.params.id}"`);
      const q = parseList(request.query, {
        sortable: Object.keys(TEMPLATE_VERSION_SORT) as (keyof typeof TEMPLATE_VERSION_SORT)[],
        defaultSort: 'version',
        filterable: [],
      });
      const { rows, total } = await listTemplateVersions(ctx.db, request.params.id, {
        sort: q.sortField,
        order: q.sortOrder,
        offset: q.offset,
        limit: q.limit,
      });
      setContentRange(reply, 'template-versions', q.offset, rows.length, total);
      return rows.map((v) => ({ id: v.version, ...v }));
    },
  );

  app.get(
    '/templates/:id/versions/:n',
    {
      config: { permission: 'templates:read' },
      schema: {
        tags,
        summary: 'One template version, with its document',
        params: versionParams,
        response: { 200: templateVersionSchema },
      },
    },
    async (request) => {
      const v = await getTemplateVersion(ctx.db, request.params.id, Number(request.params.n));
      return { id: v.version, ...v };
    },
  );
};
