/**
 * /templates…: shared ruleset templates, readable by every role that reads rules. Sharing is
 * POST /templates: a municipality's administrator shares one of its published versions
 * (`{id, name, municipality, version}`, municipality = their own); the platform administrator
 * publishes a national template from a document (`{id, name, document}`).
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { positiveIntegerString } from '../../http/params.js';
import type { Services } from '../../services.js';
import { filters, listPage, listQuerySchema, type FilterReaders, type ListSpec } from '../../http/list.js';
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
  TEMPLATE_SORTABLE,
  TEMPLATE_VERSION_SORTABLE,
  type Template,
  type TemplateSortField,
  type TemplateVersionSortField,
} from './template-repository.js';
const tags = ['templates'];
const templateId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: templateId } } as const;
const versionParams = {
  type: 'object',
  required: ['id', 'n'],
  properties: { id: templateId, n: positiveIntegerString },
} as const;

const view = <T extends Template>(t: T) => ({ ...t, national: t.municipality === null });

const TEMPLATE_LIST = {
  resource: 'templates',
  sortable: TEMPLATE_SORTABLE,
  defaultSort: 'id',
  defaultOrder: 'asc',
  filters: {
    id: filters.strings,
    municipality: filters.codesOrNull,
    national: filters.boolean,
    q: filters.text,
  },
} satisfies ListSpec<TemplateSortField, FilterReaders>;

const TEMPLATE_VERSION_LIST = {
  resource: 'template-versions',
  sortable: TEMPLATE_VERSION_SORTABLE,
  defaultSort: 'version',
  filters: {},
} satisfies ListSpec<TemplateVersionSortField, FilterReaders>;

export const templateRoutes: RoutePlugin<Services> = async (app, { templates }) => {
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
      const rows = await listPage(request.query, reply, TEMPLATE_LIST, (filter, page) =>
        templates.list(filter, page),
      );
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
        shared = await templates.publishNational(p, body);
      } else {
        // An administrator of that municipality; a platform administrator does not hold
        // templates:share and never reads a municipality's ruleset.
        const p = authorize(request, 'templates:share', body.municipality);
        shared = await templates.share(p, body);
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
      const t = await templates.get(request.params.id);
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
      const rows = await listPage(request.query, reply, TEMPLATE_VERSION_LIST, (_filter, page) =>
        templates.versions(request.params.id, page),
      );
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
      const v = await templates.getVersion(request.params.id, Number(request.params.n));
      return { id: v.version, ...v };
    },
  );
};
