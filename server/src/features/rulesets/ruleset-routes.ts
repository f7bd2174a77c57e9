/**
 * /municipalities/:m/ruleset…: the ruleset overview, published versions, the draft, publishing
 * and publish requests (four-eyes), diffs and template upstream. Thin: schema → service → reply.
 * Role and tenant are enforced centrally from `config.permission` and `:m` (auth-plugin.ts).
 */
import type { RoutePlugin } from '../../http/route-plugin.js';
import { mParams, positiveIntegerString } from '../../http/params.js';
import type { Services } from '../../services.js';
import { filters, listPage, listQuerySchema, type FilterReaders, type ListSpec } from '../../http/list.js';
import { requirePrincipal } from '../auth/auth-plugin.js';
import { VERSION_SORTABLE, type VersionSortField } from './ruleset-repository.js';
import { REQUEST_SORTABLE, REQUEST_STATUSES, type RequestSortField } from './publish-request-repository.js';
import type { VersionListItem } from './ruleset-service.js';
import {
  applyResultSchema,
  changeSchema,
  documentSchema,
  draftSchema,
  overviewSchema,
  requestDetailSchema,
  requestParams,
  requestSchema,
  saveResultSchema,
  upstreamSchema,
  validationSchema,
  versionParams,
  versionSchema,
  versionSummarySchema,
} from './ruleset-schemas.js';

const tags = ['rulesets'];
const comment = { type: 'string', minLength: 1, maxLength: 2000 } as const;

const withId = (v: VersionListItem) => ({ id: v.version, ...v });

/** `id` is react-admin's name for the version number (getMany); both filter the same column. */
const VERSION_LIST = {
  resource: 'versions',
  sortable: VERSION_SORTABLE,
  defaultSort: 'version',
  filters: {
    id: filters.integers,
    version: filters.integers,
    publishedBy: filters.text,
    approvedBy: filters.text,
  },
} satisfies ListSpec<VersionSortField, FilterReaders>;

const REQUEST_LIST = {
  resource: 'publish-requests',
  sortable: REQUEST_SORTABLE,
  defaultSort: 'createdAt',
  filters: { status: filters.oneOf(REQUEST_STATUSES), requestedBy: filters.text },
} satisfies ListSpec<RequestSortField, FilterReaders>;

export const rulesetRoutes: RoutePlugin<Services> = async (
  app,
  { rulesets, drafts, publishing, upstream },
) => {
  app.get(
    '/municipalities/:m/ruleset',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'The ruleset: draft, the version in force, every published version, a pending request',
        params: mParams,
        response: { 200: overviewSchema },
      },
    },
    async (request) => rulesets.overview(request.params.m),
  );

  app.get(
    '/municipalities/:m/ruleset/versions',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'Published versions (react-admin list: sort, range, filter; Content-Range)',
        description:
          'Items are summaries without the document (a document may be megabytes); GET …/versions/:n has it. Filters: id/version (number or list), publishedBy, approvedBy.',
        params: mParams,
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: versionSummarySchema } },
      },
    },
    async (request, reply) => {
      const rows = await listPage(request.query, reply, VERSION_LIST, ({ id, version, ...filter }, page) =>
        rulesets.listVersions(
          request.params.m,
          id || version ? { ...filter, version: [...(id ?? []), ...(version ?? [])] } : filter,
          page,
        ),
      );
      return rows.map(withId);
    },
  );

  app.get(
    '/municipalities/:m/ruleset/versions/:n',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'One published version, with its document',
        params: versionParams,
        response: { 200: versionSchema },
      },
    },
    async (request) => {
      const v = await rulesets.getVersion(request.params.m, Number(request.params.n));
      return { id: v.version, ...v };
    },
  );

  // ---- the draft ----

  app.post(
    '/municipalities/:m/ruleset/draft',
    {
      config: { permission: 'ruleset:write' },
      schema: {
        tags,
        summary: 'Create the draft from a published version (e.g. a rollback) or from a template (a fork)',
        description:
          "`from: {version: n}` copies a published version; `from: {template: id, version?: n}` forks a template version (the latest when omitted), setting `basedOn` and the municipality's EAN numbers. 409 when a draft exists, unless `replace: true` (which voids a pending publish request).",
        params: mParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from'],
          properties: {
            from: {
              type: 'object',
              additionalProperties: false,
              properties: {
                version: { type: 'integer', minimum: 1 },
                template: { type: 'string', minLength: 1, maxLength: 64 },
              },
              anyOf: [{ required: ['version'] }, { required: ['template'] }],
            },
            replace: { type: 'boolean' },
            comment,
          },
        },
        response: { 201: draftSchema },
      },
    },
    async (request, reply) => {
      const draft = await drafts.create(requirePrincipal(request), request.params.m, request.body);
      reply.code(201);
      return draft;
    },
  );

  app.get(
    '/municipalities/:m/ruleset/draft',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'The draft, with its validation',
        params: mParams,
        response: { 200: draftSchema },
      },
    },
    async (request) => drafts.get(request.params.m),
  );

  app.put(
    '/municipalities/:m/ruleset/draft',
    {
      config: { permission: 'ruleset:write' },
      schema: {
        tags,
        summary: 'Save the draft (409 on a stale revision); answers with the new revision and the validation',
        description:
          'An invalid document is a 422 with pointers, and nothing is saved; a valid save answers with the lint warnings in `validation`. `basedOn` cannot be edited (422). Saving voids a pending publish request.',
        params: mParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['revision', 'document'],
          properties: { revision: { type: 'integer', minimum: 1 }, document: documentSchema, comment },
        },
        response: { 200: saveResultSchema },
      },
    },
    async (request) => drafts.save(requirePrincipal(request), request.params.m, request.body),
  );

  app.delete(
    '/municipalities/:m/ruleset/draft',
    {
      config: { permission: 'ruleset:write' },
      schema: {
        tags,
        summary: 'Discard the draft (voids a pending publish request)',
        params: mParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            revision: { ...positiveIntegerString, description: '409 unless the draft is at it' },
          },
        },
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await drafts.discard(requirePrincipal(request), request.params.m, {
        ...(request.query.revision !== undefined ? { revision: Number(request.query.revision) } : {}),
      });
      reply.code(204);
    },
  );

  app.post(
    '/municipalities/:m/ruleset/draft/validate',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'Validate the draft — or a given document, without saving it',
        description:
          'Errors and lint warnings with JSON pointers and Danish/English messages; locked rules of the template the document is based on are enforced.',
        params: mParams,
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { document: documentSchema },
        },
        response: { 200: validationSchema },
      },
    },
    async (request) => drafts.validate(request.params.m, request.body?.document),
  );

  app.post(
    '/municipalities/:m/ruleset/draft/publish',
    {
      config: { permission: 'ruleset:publish' },
      schema: {
        tags,
        summary: 'Publish the draft: 201 {version}, or 202 {request} when approval is required',
        description:
          'An invalid draft is a 422 with pointers. The governance setting in force decides whether approval is needed. effectiveFrom defaults to now; a future time schedules the version. The draft is consumed by a direct publish (and by the approval of its request).',
        params: mParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['comment'],
          properties: {
            comment,
            effectiveFrom: { type: 'string', format: 'date-time' },
            revision: { type: 'integer', minimum: 1, description: '409 unless the draft is still at it' },
          },
        },
        response: {
          201: { type: 'object', required: ['version'], properties: { ...versionSummarySchema.properties } },
          202: { type: 'object', required: ['request'], properties: { request: requestSchema } },
        },
      },
    },
    async (request, reply) => {
      const result = await publishing.publish(requirePrincipal(request), request.params.m, request.body);
      if (result.kind === 'request') {
        reply.code(202);
        return { request: result.request };
      }
      reply.code(201);
      return result.version;
    },
  );

  // ---- publish requests ----

  app.get(
    '/municipalities/:m/ruleset/publish-requests',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'Publish requests (react-admin list); filter by status and requestedBy',
        params: mParams,
        querystring: listQuerySchema,
        response: { 200: { type: 'array', items: requestSchema } },
      },
    },
    async (request, reply) => {
      return listPage(request.query, reply, REQUEST_LIST, (filter, page) =>
        publishing.listRequests(request.params.m, filter, page),
      );
    },
  );

  app.get(
    '/municipalities/:m/ruleset/publish-requests/:id',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'One publish request, with the document it would publish',
        params: requestParams,
        response: { 200: requestDetailSchema },
      },
    },
    async (request) => publishing.getRequest(request.params.m, request.params.id),
  );

  app.post(
    '/municipalities/:m/ruleset/publish-requests/:id/approve',
    {
      config: { permission: 'ruleset:approve' },
      schema: {
        tags,
        summary: 'Approve a pending request (another administrator than its author) → 201 {version}',
        description: 'The author gets 403 (four-eyes principle); a request that is not pending is a 409.',
        params: requestParams,
        body: { type: ['object', 'null'], additionalProperties: false, properties: { comment } },
        response: {
          201: {
            type: 'object',
            required: ['version', 'request'],
            properties: { ...versionSummarySchema.properties, request: requestSchema },
          },
        },
      },
    },
    async (request, reply) => {
      const { version, request: decided } = await publishing.approve(
        requirePrincipal(request),
        request.params.m,
        request.params.id,
        request.body?.comment,
      );
      reply.code(201);
      return { ...version, request: decided };
    },
  );

  app.post(
    '/municipalities/:m/ruleset/publish-requests/:id/reject',
    {
      config: { permission: 'ruleset:approve' },
      schema: {
        tags,
        summary:
          'Reject a pending request with a comment (its author may withdraw it this way); the draft stays',
        params: requestParams,
        body: { type: 'object', additionalProperties: false, required: ['comment'], properties: { comment } },
        response: { 200: requestSchema },
      },
    },
    async (request) =>
      publishing.reject(requirePrincipal(request), request.params.m, request.params.id, request.body.comment),
  );

  // ---- diff and upstream ----

  app.get(
    '/municipalities/:m/ruleset/diff',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'Structural differences between two versions, or a version and the draft',
        params: mParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: { type: 'string', pattern: '^([1-9][0-9]{0,8}|draft)$' },
            to: { type: 'string', pattern: '^([1-9][0-9]{0,8}|draft)$' },
          },
        },
        response: { 200: { type: 'array', items: changeSchema } },
      },
    },
    async (request) => rulesets.diff(request.params.m, request.query.from, request.query.to),
  );

  app.get(
    '/municipalities/:m/ruleset/upstream',
    {
      config: { permission: 'ruleset:read' },
      schema: {
        tags,
        summary: 'Three-way comparison with the template the ruleset is based on',
        description:
          'base = the template version forked (basedOn.version), theirs = the newest template version, ours = the draft (or the version in force). An upstream change conflicts when ours changed the same item path, a parent or a child of it. Array items are matched by code/name, not position. 404 when the ruleset is not based on a template.',
        params: mParams,
        response: { 200: upstreamSchema },
      },
    },
    async (request) => upstream.compare(request.params.m),
  );

  app.post(
    '/municipalities/:m/ruleset/upstream/apply',
    {
      config: { permission: 'ruleset:write' },
      schema: {
        tags,
        summary: 'Apply the non-conflicting upstream changes (all, or the chosen paths) to the draft',
        description:
          'Creates the draft from the version in force when there is none; sets basedOn.version to the newest template version; bumps the revision; voids a pending publish request. `latestVersion` guards against a template version published since the comparison (409). 409 when already up to date.',
        params: mParams,
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: {
            paths: { type: 'array', maxItems: 10000, items: { type: 'string', maxLength: 1000 } },
            latestVersion: { type: 'integer', minimum: 1 },
            comment,
          },
        },
        response: { 200: applyResultSchema },
      },
    },
    async (request) => upstream.apply(requirePrincipal(request), request.params.m, request.body ?? {}),
  );
};
