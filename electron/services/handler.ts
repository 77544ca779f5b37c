import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api';
import type { ServiceContext } from './context';

/** One call's work: its input already parsed by dispatch, its answer checked by dispatch on the way out. */
export type Handler<N extends ApiName> = (input: ApiParsedInput<N>, ctx: ServiceContext) => ApiOutput<N> | Promise<ApiOutput<N>>;

/** The handlers of one domain: exactly the calls of its table in shared/api/. */
export type HandlersOf<Table> = { [N in keyof Table & ApiName]: Handler<N> };
