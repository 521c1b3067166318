/**
 * The protocol, as generated inside `@eventstore/db-client` (its `generated/` folder holds the protoc output for
 * the EventStoreDB gRPC services). The generated files are CommonJS that attach their exports at run time, so
 * they are imported whole (default import = `module.exports`) and re-exported here, with their types.
 */
import { createRequire } from 'node:module';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

export { serverFeaturesGrpc, serverFeaturesPb, sharedPb, statusPb, streamsGrpc, streamsPb };

export type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
export type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
export type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
export type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
export type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
export type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;
export type DeleteReq = InstanceType<typeof streamsPb.DeleteReq>;
export type DeleteResp = InstanceType<typeof streamsPb.DeleteResp>;
export type TombstoneReq = InstanceType<typeof streamsPb.TombstoneReq>;
export type TombstoneResp = InstanceType<typeof streamsPb.TombstoneResp>;
export type StreamIdentifier = InstanceType<typeof sharedPb.StreamIdentifier>;
export type UUID = InstanceType<typeof sharedPb.UUID>;
export type Status = InstanceType<typeof statusPb.Status>;

/** google.protobuf.Any, as used by `google.rpc.Status.details` (the rich error of BatchAppend). */
export type Any = NonNullable<ReturnType<Status['getDetails']>>;

// google-protobuf ships no types of its own, and the emulator must use the very copy the generated code uses:
// load it from the client package's own dependencies.
const clientRequire = createRequire(
  createRequire(import.meta.url).resolve('@eventstore/db-client/package.json'),
);
const anyModule = clientRequire('google-protobuf/google/protobuf/any_pb.js') as { Any: new () => Any };

export const newAny = (): Any => new anyModule.Any();
