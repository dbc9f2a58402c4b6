import { EcrService, EcrClientOptions } from '../../../src/ecr';
import { EcrStandIn, StandInOptions } from '../../ecr-server/server';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Dummy credentials for the stand-in: never real, and easy to spot if they leak. */
export const DUMMY = { accessKeyId: 'AKIAEXAMPLESTANDIN01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSTANDINKEY' };

export interface Rig {
  server: EcrStandIn;
  ecr: EcrService;
  url: string;
  client(o?: Partial<EcrClientOptions>): EcrService;
  close(): Promise<void>;
}

export async function rig(o: StandInOptions = {}, c: Partial<EcrClientOptions> = {}): Promise<Rig> {
  const server = new EcrStandIn(o);
  const url = await server.start();
  const made: EcrService[] = [];
  const client = (x: Partial<EcrClientOptions> = {}) => {
    const s = new EcrService({ endpoint: url, region: server.region, credentials: DUMMY, maxAttempts: 3, ...c, ...x });
    made.push(s);
    return s;
  };
  const ecr = client();
  return {
    server,
    ecr,
    url,
    client,
    close: async () => {
      for (const m of made) m.dispose();
      await server.close();
    },
  };
}
