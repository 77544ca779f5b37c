import { z } from 'zod';
import { api, isApiName, type ApiError, type ApiResult } from '../../shared/api';
import { isKontorError } from '../../shared/errors';
import type { ServiceContext } from './context';
import { handlers } from './handlers';
import { actorKeyIn, checkAllowed } from './people/access';

function fromZod(error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return { code: 'input.invalid', message: `The input was not accepted (${summary}).`, issues };
}

/**
 * The single door into the services for every host (IPC, HTTP, CLI): the call
 * name is checked against the table, the input parsed with its schema before
 * any work, the person who acts must hold the role the call needs
 * (people/permissions.ts) and may not be named by the input, and every
 * failure becomes `{ ok: false, error }`. Unexpected
 * errors are logged by message only and reported without internals.
 */
export async function dispatch(ctx: ServiceContext, name: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isApiName(name)) {
    return { ok: false, error: { code: 'api.unknownCall', message: `There is no call named ${JSON.stringify(name).slice(0, 80)}.` } };
  }
  const spec = api[name];
  const forged = actorKeyIn(name, rawInput);
  if (forged) {
    return {
      ok: false,
      error: {
        code: 'input.actorNotAccepted',
        message: `Who acts is the person logged in to this computer; the input may not name one (${forged}).`,
        params: { key: forged },
      },
    };
  }
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: fromZod(parsed.error) };
  try {
    checkAllowed(ctx, name);
    const handler = handlers[name] as (input: unknown, ctx: ServiceContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value: spec.output.parse(value) };
  } catch (e) {
    if (isKontorError(e)) return { ok: false, error: { code: e.code, message: e.message, params: e.params } };
    if (e instanceof z.ZodError) {
      console.error(`[kontor] ${name} produced output that does not match its schema`, e.issues.slice(0, 3));
    } else {
      console.error(`[kontor] ${name} failed:`, (e as Error)?.message ?? e);
    }
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside Kontor and the action was not completed. Please try again; if it happens again, report it.',
      },
    };
  }
}
