/** `@amazon-pay-edge/sandbox`: a local Amazon Pay API v2 on Web APIs only. */
export {
  createSandbox,
  DEFAULT_DELAYS,
  type ButtonSignatureInput,
  type Sandbox,
  type SandboxOptions,
  type SandboxRequestLog,
} from './sandbox.js';
export { MemoryStore, type RecordKind, type SandboxStore } from './store.js';
export { SandboxConnectionDropped, type SandboxFault } from './faults.js';
export { SandboxConfigError, REASON_STATUS, type SandboxReasonCode } from './errors.js';
export { SIMULATION_CODES, SIMULATION_EXTENSIONS } from './simulation.js';
export { ROUTES } from './routes.js';
export { approvalUrl as checkoutApprovalUrl } from './resources/checkoutSessions.js';
export type { BuyerProfile, SandboxDelays } from './context.js';
export type { PublicKeyInput } from './verify/keys.js';
export {
  DEFAULT_TOPIC_ARN,
  SNS_CERTIFICATE_PATH,
  type SandboxIpnDelivery,
  type SandboxIpnOptions,
  type SandboxIpnSubscription,
} from './ipn/emitter.js';
export type { SandboxIpnMessage } from './ipn/envelope.js';
export {
  TRIGGER_EVENTS,
  TRIGGER_PATH,
  summarizeTrigger,
  type SandboxTriggerEvent,
  type SandboxTriggerOptions,
  type SandboxTriggerResult,
  type SandboxTriggerSummary,
} from './ipn/trigger.js';
