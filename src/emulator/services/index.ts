/**
 * @module
 * Every emulator provider, in registration order. To add an API area, create
 * `services/<area>/provider.ts` + `store.ts` and add one line here.
 */
import type { Provider } from '../provider-contract.ts';
import { agentlessProvider } from './agentless/provider.ts';
import { analyticsProvider } from './analytics/provider.ts';
import { authorizationProvider } from './authorization/provider.ts';
import { simulatorControlProvider } from './conversations/control.ts';
import { conversationsProvider } from './conversations/provider.ts';
import { externalContactsProvider } from './external-contacts/provider.ts';
import { datatablesProvider } from './datatables/provider.ts';
import { flowsProvider } from './flows/provider.ts';
import { notificationsProvider } from './notifications/provider.ts';
import { outboundProvider } from './outbound/provider.ts';
import { insightsProvider } from './insights/provider.ts';
import { integrationsProvider } from './integrations/provider.ts';
import { presenceProvider } from './presence/provider.ts';
import { processAutomationProvider } from './process-automation/provider.ts';
import { routingProvider } from './routing/provider.ts';
import { schedulesProvider } from './schedules/provider.ts';
import { scimProvider } from './scim/provider.ts';
import { taskManagementProvider } from './taskmanagement/provider.ts';
import { workitemControlProvider } from './taskmanagement/control.ts';
import { usersProvider } from './users/provider.ts';

/** The providers the gateway registers, in order. */
export const PROVIDERS: readonly Provider[] = [
  usersProvider,
  presenceProvider,
  routingProvider,
  conversationsProvider,
  analyticsProvider,
  notificationsProvider,
  simulatorControlProvider,
  processAutomationProvider,
  integrationsProvider,
  // Before flows: its /api/v2/flows/{flowId} would take `datatables` for an id.
  datatablesProvider,
  flowsProvider,
  externalContactsProvider,
  agentlessProvider,
  scimProvider,
  insightsProvider,
  authorizationProvider,
  schedulesProvider,
  taskManagementProvider,
  workitemControlProvider,
  outboundProvider,
];
