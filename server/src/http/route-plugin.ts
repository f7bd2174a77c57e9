/**
 * A feature's routes: a Fastify plugin whose handlers are typed by their JSON Schemas through
 * json-schema-to-ts's type provider, so one `as const` schema validates the request, types
 * `request.params`/`query`/`body` and documents the OpenAPI — no handler type is written by hand.
 *
 * Only the request side is typed from the schema. The response schemas serialize and document the
 * answers, but json-schema-to-ts types an object schema without `additionalProperties: false` as
 * open (an index signature), which the services' interfaces are not; so replies stay untyped, as
 * with Fastify's default provider.
 */
import type {
  FastifyPluginAsync,
  FastifyPluginOptions,
  FastifyTypeProvider,
  RawServerDefault,
} from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';

/** What json-schema-to-ts makes of a request schema (its provider, applied to one schema). */
type RequestType<S> = (JsonSchemaToTsProvider & { schema: S })['validator'];

export interface SchemaTypes extends FastifyTypeProvider {
  validator: RequestType<this['schema']>;
  serializer: unknown;
}

export type RoutePlugin<O extends FastifyPluginOptions = Record<never, never>> = FastifyPluginAsync<
  O,
  RawServerDefault,
  SchemaTypes
>;
