/**
 * The building blocks of the call table: a call is an input schema (parsed
 * in main before any work) and an output schema (checked before the answer
 * leaves main).
 */
import { z } from 'zod';
import { IdSchema, VersionSchema } from '../domain';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({ input, output });
export const none = z.object({}).strict();
export const byId = z.object({ id: IdSchema }).strict();
export const update = <T extends z.ZodObject>(schema: T) => z.object({ id: IdSchema, values: schema });
/** An edit of a record people edit in forms: `version` is the one the person loaded (shared/domain.ts, VersionSchema). */
export const versionedUpdate = <T extends z.ZodType>(schema: T) => z.object({ id: IdSchema, version: VersionSchema, values: schema });
