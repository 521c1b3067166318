/** Raw protocol calls, for what the high-level client cannot ask (filtered `$all` reads, structured ids). */
import { credentials } from '@grpc/grpc-js';
import {
  type ReadReq,
  type ReadResp,
  serverFeaturesGrpc,
  type serverFeaturesPb,
  sharedPb,
  streamsGrpc,
  streamsPb,
} from '../proto.js';

type SupportedMethods = InstanceType<typeof serverFeaturesPb.SupportedMethods>;

export type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;

export const rawRead = async (
  port: number,
  configure: (options: ReadOptions) => void,
): Promise<ReadResp[]> => {
  const client = new streamsGrpc.StreamsClient(`127.0.0.1:${port}`, credentials.createInsecure());
  const options = new streamsPb.ReadReq.Options();
  options.setNoFilter(new sharedPb.Empty());
  options.setUuidOption(new streamsPb.ReadReq.Options.UUIDOption().setString(new sharedPb.Empty()));
  configure(options);
  const request: ReadReq = new streamsPb.ReadReq().setOptions(options);
  try {
    const responses: ReadResp[] = [];
    for await (const response of client.read(request)) responses.push(response as ReadResp);
    return responses;
  } finally {
    client.close();
  }
};

export const allFromStart = (options: ReadOptions, count = 1_000): void => {
  options.setAll(new streamsPb.ReadReq.Options.AllOptions().setStart(new sharedPb.Empty()));
  options.setCount(String(count));
};

export const filterOn = (
  on: 'stream' | 'type',
  expression: { prefixes?: string[]; regex?: string },
): InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions> => {
  const filter = new streamsPb.ReadReq.Options.FilterOptions();
  const expr = new streamsPb.ReadReq.Options.FilterOptions.Expression();
  if (expression.prefixes) expr.setPrefixList(expression.prefixes);
  if (expression.regex) expr.setRegex(expression.regex);
  if (on === 'stream') filter.setStreamIdentifier(expr);
  else filter.setEventType(expr);
  filter.setCount(new sharedPb.Empty());
  filter.setCheckpointintervalmultiplier(1);
  return filter;
};

export const supportedMethods = async (port: number): Promise<string[]> => {
  const client = new serverFeaturesGrpc.ServerFeaturesClient(
    `127.0.0.1:${port}`,
    credentials.createInsecure(),
  );
  try {
    const methods = await new Promise<SupportedMethods>((resolve, reject) =>
      client.getSupportedMethods(new sharedPb.Empty(), (error, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
    return methods.getMethodsList().map((method) => `${method.getServiceName()}/${method.getMethodName()}`);
  } finally {
    client.close();
  }
};
