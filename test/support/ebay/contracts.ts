/**
 * eBay's published contracts as a checker: every REST request the double receives and every
 * response it sends is validated against the vendored OpenAPI files (ajv). A request that
 * breaks the contract is a failing test, not a silently tolerated call.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
const DIR = path.resolve(import.meta.dirname, '../../fixtures/ebay-openapi');

export const CONTRACT_FILES = {
  identity: 'commerce_identity_v1_oas3.json',
  inventory: 'sell_inventory_v1_oas3.json',
  fulfillment: 'sell_fulfillment_v1_oas3.json',
  browse: 'buy_browse_v1_oas3.json',
  taxonomy: 'commerce_taxonomy_v1_oas3.json',
  finances: 'sell_finances_v1_oas3.json',
  account: 'sell_account_v1_oas3.json',
  metadata: 'sell_metadata_v1_oas3.json',
} as const;
export type RestApi = keyof typeof CONTRACT_FILES;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: object;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> };
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
  security?: Record<string, string[]>[];
}
interface Doc {
  servers: { variables: { basePath: { default: string } } }[];
  paths: Record<string, Record<string, Operation>>;
}

/**
 * Where a contract is wrong about what eBay sends (the files stay unmodified; this is applied
 * in memory): Product.aspects is typed string, but eBay sends and takes an object of string
 * arrays ({"Brand":["Sony"]}), as its own guides show.
 */
function correct(doc: Doc): void {
  const product = (doc as { components?: { schemas?: Record<string, { properties?: Record<string, object> }> } })
    .components?.schemas?.Product?.properties;
  if (product?.aspects)
    product.aspects = { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } };
}

export interface Matched {
  api: RestApi;
  operation: Operation;
  pathParams: Record<string, string>;
}

export class Contracts {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly docs = new Map<RestApi, Doc>();
  private readonly compiled = new Map<object, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
    for (const [api, file] of Object.entries(CONTRACT_FILES) as [RestApi, string][]) {
      const doc = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Doc;
      correct(doc);
      this.docs.set(api, doc);
      this.ajv.addSchema(doc as object, api);
    }
  }

  basePath(api: RestApi): string {
    return this.docs.get(api)!.servers[0]!.variables.basePath.default;
  }

  /** The operation a request addresses, or null when the contract has no such path and method. */
  match(api: RestApi, method: string, pathname: string): Matched | null {
    const doc = this.docs.get(api)!;
    const rest = pathname.slice(this.basePath(api).length);
    for (const [template, methods] of Object.entries(doc.paths)) {
      const names: string[] = [];
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      const found = new RegExp(`^${pattern}$`).exec(rest);
      const operation = methods[method.toLowerCase()];
      if (!found || !operation) continue;
      const pathParams = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1]!)]));
      return { api, operation, pathParams };
    }
    return null;
  }

  /** What is wrong with a request by the contract (empty when nothing is). */
  checkRequest(m: Matched, query: URLSearchParams, headers: Headers, body: unknown): string[] {
    const problems: string[] = [];
    const params = m.operation.parameters ?? [];
    const id = m.operation.operationId;
    for (const key of new Set(query.keys())) {
      if (!params.some((p) => p.in === 'query' && p.name === key))
        problems.push(`${id}: unknown query parameter "${key}"`);
    }
    for (const p of params) {
      const value =
        p.in === 'query' ? query.get(p.name) : p.in === 'header' ? headers.get(p.name) : m.pathParams[p.name];
      if (value === null || value === undefined) {
        if (p.required) problems.push(`${id}: missing required ${p.in} parameter "${p.name}"`);
        continue;
      }
      if (p.schema) problems.push(...this.check(p.schema, value, `${id}: ${p.in} parameter "${p.name}"`));
    }
    const schema = m.operation.requestBody?.content?.['application/json']?.schema;
    if (body !== undefined && schema) problems.push(...this.check(this.resolve(m.api, schema), body, `${id}: body`));
    if (body === undefined && m.operation.requestBody?.required) problems.push(`${id}: the request needs a body`);
    return problems;
  }

  checkResponse(m: Matched, status: number, body: unknown): string[] {
    const response = m.operation.responses[String(status)];
    const id = m.operation.operationId;
    if (!response) return status >= 400 ? [] : [`${id}: the contract lists no ${status} response`];
    const schema = response.content?.['application/json']?.schema;
    return schema ? this.check(this.resolve(m.api, schema), body, `${id}: ${status} response`) : [];
  }

  /** The scopes an operation accepts (any one of them suffices). */
  scopes(m: Matched): string[] {
    return (m.operation.security ?? []).flatMap((s) => Object.values(s).flat());
  }

  private resolve(api: RestApi, schema: object): object {
    const ref = (schema as { $ref?: string }).$ref;
    return ref ? { $ref: `${api}${ref}` } : schema;
  }

  private check(schema: object, value: unknown, what: string): string[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${what}${e.instancePath} ${e.message}`);
  }
}
