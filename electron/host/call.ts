import type { ApiInput, ApiName, ApiOutput } from '../../shared/api';
import { KontorError } from '../../shared/errors';
import type { ServiceContext } from '../services/context';
import { dispatch } from '../services/dispatch';

/** A CLI command calls the services through the same validated door as the window, and fails with the same error. */
export async function callApi<N extends ApiName>(ctx: ServiceContext, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new KontorError(r.error.code, r.error.message, r.error.params ?? {});
  return r.value as ApiOutput<N>;
}
