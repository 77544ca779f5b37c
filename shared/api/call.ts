/**
 * The building blocks of the call table: a call is an input schema (parsed
 * in main before any work) and an output schema (checked before the answer
 * leaves main).
 */
import { z } from 'zod';
import { IdSchema } from '../domain';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({ input, output });
export const none = z.object({}).strict();
export const byId = z.object({ id: IdSchema }).strict();
export const update = <T extends z.ZodObject>(schema: T) => z.object({ id: IdSchema, values: schema });
