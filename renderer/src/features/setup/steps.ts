import type { SetupStepId } from '../../../../shared/setup';
import type { Route } from '../../app/routing';
import type { MessageKey } from '../../i18n/en';

/** What each step of the checklist is called, says, and where its work is done when not here. */
export const STEP_TEXT: Record<SetupStepId, { title: MessageKey; text: MessageKey; action: MessageKey; route?: Route }> = {
  entity: { title: 'setupList.entity', text: 'setupList.entityText', action: 'setupList.entityAction' },
  bankAccounts: { title: 'setupList.bankAccounts', text: 'setupList.bankAccountsText', action: 'setupList.bankAccountsAction' },
  bankAccess: {
    title: 'setupList.bankAccess',
    text: 'setupList.bankAccessText',
    action: 'setupList.bankAccessAction',
    route: { screen: 'banks' },
  },
  linked: { title: 'setupList.linked', text: 'setupList.linkedText', action: 'setupList.linkedAction', route: { screen: 'banks' } },
  parties: { title: 'setupList.parties', text: 'setupList.partiesText', action: 'setupList.partiesAction', route: { screen: 'accounts' } },
  entries: { title: 'setupList.entries', text: 'setupList.entriesText', action: 'setupList.entriesAction', route: { screen: 'entries' } },
};

/** The first step not done yet: its action is the one to offer first. */
export function nextStep<S extends { id: SetupStepId; done: boolean }>(steps: readonly S[]): SetupStepId | null {
  return steps.find((s) => !s.done)?.id ?? null;
}
