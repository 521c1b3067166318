/**
 * ServerFeatures.GetSupportedMethods: the client asks once per connection and, among other things, uses
 * BatchAppend for `appendToStream` when the server lists it (and no per-call credentials are given).
 */
import type { handleUnaryCall } from '@grpc/grpc-js';
import { serverFeaturesPb } from './proto.js';

type Empty = Parameters<handleUnaryCall<unknown, unknown>>[0]['request'];
type SupportedMethods = InstanceType<typeof serverFeaturesPb.SupportedMethods>;

/** Reported as the server version; the client only logs it. */
export const EMULATED_SERVER_VERSION = '24.10.0-emulator';

const STREAMS = 'event_store.client.streams.Streams';
const FEATURES = 'event_store.client.server_features.ServerFeatures';

export const supportedMethodsHandler = (options: {
  batchAppend: boolean;
}): handleUnaryCall<Empty, SupportedMethods> => {
  const methods: Array<[string, string]> = [
    [STREAMS, 'Read'],
    [STREAMS, 'Append'],
    [STREAMS, 'Delete'],
    [STREAMS, 'Tombstone'],
    ...(options.batchAppend ? ([[STREAMS, 'BatchAppend']] as Array<[string, string]>) : []),
    [FEATURES, 'GetSupportedMethods'],
  ];
  return (_call, callback) => {
    const supported = new serverFeaturesPb.SupportedMethods();
    supported.setEventStoreServerVersion(EMULATED_SERVER_VERSION);
    for (const [service, method] of methods) {
      const entry = new serverFeaturesPb.SupportedMethod();
      entry.setServiceName(service);
      entry.setMethodName(method);
      supported.addMethods(entry);
    }
    callback(null, supported);
  };
};
