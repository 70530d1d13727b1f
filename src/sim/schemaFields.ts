// The fields of a module's params schema (kind, default, bounds, options), read from its zod
// schema via JSON Schema. Permalinks use it to type URL strings; forms can use it to build
// controls, so a new env, algorithm or intervention needs no UI or link code of its own.
import { z } from 'zod';

export type FieldKind = 'integer' | 'number' | 'boolean' | 'string' | 'enum' | 'number[]' | 'number[][]' | 'other';

export interface FieldInfo {
  key: string;
  kind: FieldKind;
  default?: unknown;
  options?: readonly string[];
  minimum?: number;
  maximum?: number;
  description?: string;
}

interface JsonSchemaNode {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
}

function kindOf(node: JsonSchemaNode): FieldKind {
  if (node.enum) return 'enum';
  if (node.type === 'array') {
    const inner = node.items ?? {};
    if (inner.type === 'number' || inner.type === 'integer') return 'number[]';
    if (inner.type === 'array' && (inner.items?.type === 'number' || inner.items?.type === 'integer')) return 'number[][]';
    return 'other';
  }
  if (node.type === 'integer' || node.type === 'number' || node.type === 'boolean' || node.type === 'string') return node.type;
  return 'other';
}

const cache = new WeakMap<object, FieldInfo[]>();

/** Fields of an object schema other than its `type` discriminator, in declaration order. */
export function schemaFields(schema: z.ZodType): FieldInfo[] {
  const hit = cache.get(schema);
  if (hit) return hit;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const fields = Object.entries(json.properties ?? {})
    .filter(([key]) => key !== 'type')
    .map(([key, node]): FieldInfo => ({
      key,
      kind: kindOf(node),
      ...(node.default !== undefined ? { default: node.default } : {}),
      ...(node.enum ? { options: node.enum.map(String) } : {}),
      ...(node.minimum ?? node.exclusiveMinimum) !== undefined ? { minimum: node.minimum ?? node.exclusiveMinimum } : {},
      ...(node.maximum ?? node.exclusiveMaximum) !== undefined ? { maximum: node.maximum ?? node.exclusiveMaximum } : {},
      ...(node.description ? { description: node.description } : {}),
    }));
  cache.set(schema, fields);
  return fields;
}
