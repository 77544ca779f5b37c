import type { partiesApi } from '../../../shared/api/parties';
import { preview } from '../csv-import/off-thread';
import type { HandlersOf } from '../handler';
import { bulkEditParties } from './bulk-edit';
import { partiesCommit, partyProfiles } from './service';

export const partyHandlers: HandlersOf<typeof partiesApi> = {
  'parties.importPreview': (input, ctx) => preview(ctx, { kind: 'parties', input }),
  'parties.importCommit': (input, ctx) => partiesCommit(ctx, input),
  'parties.importProfiles': (_input, ctx) => partyProfiles(ctx),
  'parties.bulkEdit': (input, ctx) => bulkEditParties(ctx, input),
};
