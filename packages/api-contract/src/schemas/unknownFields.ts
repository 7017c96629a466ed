import { z } from 'zod';
import { shown } from './shown.js';

/**
 * How many fields a tracking body may carry beyond the documented ones. Older and newer clients send
 * fields this service does not know, so a few are accepted and dropped; a body of many is refused.
 */
export const maxUnknownFields = 20;

// The names are the client's own text: a few of them, each cut short, are enough to find the culprit.
const namesShown = 5;
const nameLength = 40;

function unknownFieldsOf(input: unknown, shape: z.ZodRawShape): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [];
  return Object.keys(input).filter((key) => !Object.hasOwn(shape, key));
}

function tooManyMessage(unknown: string[], max: number): string {
  const names = unknown.slice(0, namesShown).map((name) => shown(name.slice(0, nameLength)));
  const more = unknown.length > namesShown ? ', …' : '';
  return `too many unknown fields (${unknown.length}, at most ${max}): ${names.join(', ')}${more}; send only the documented fields`;
}

/**
 * `schema`, refusing an input with more than `max` fields that it does not know. The object strips the
 * rest, so they are never stored; the declared input type stays the object's own, so typed clients see
 * the documented fields only, and the OpenAPI document shows the object's schema.
 */
export function limitUnknownFields<T extends z.ZodObject<z.ZodRawShape, z.core.$strip>>(
  schema: T,
  max = maxUnknownFields,
) {
  return z.preprocess<unknown, T, z.input<T>>((input, ctx) => {
    const unknown = unknownFieldsOf(input, schema.shape);
    if (unknown.length > max) ctx.addIssue({ code: 'custom', message: tooManyMessage(unknown, max) });
    return input;
  }, schema);
}
