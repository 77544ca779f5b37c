import { dispatch } from '../../../electron/services/dispatch';
import type { ServiceContext } from '../../../electron/services/context';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api';

/** Calls the API like a host does and unwraps the value, failing loudly on an error. */
export async function ok<N extends ApiName>(ctx: ServiceContext, name: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const result = await dispatch(ctx, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as ApiOutput<N>;
}
