export { AwardService, type AwardServiceConfig, type ServiceHealth } from './service/award-service.js';
export type { ServiceEvent, ServiceListener } from './service/service-events.js';
export { isUnavailable, isMessageFault } from './service/store-faults.js';
export { DEFAULT_TOPOLOGY, type Topology, deadLetterQueue } from './broker/topology.js';
export { Backoff, type BackoffOptions } from './broker/backoff.js';
export { decodeDelivery, type Delivery, type WireMessage } from './wire/decode-delivery.js';
export { DeliveryError, type DeliveryErrorCode } from './wire/delivery-error.js';
export { encodeAnnouncement, awardTopic, type OutgoingMessage } from './wire/encode-announcement.js';
export { encodeMessage, type PublishableMessage } from './wire/encode-message.js';
