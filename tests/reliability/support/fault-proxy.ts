/**
 * A TCP proxy in front of a real local server that the test can take down and bring back: while
 * down, open connections are cut and new ones are reset, which is what an SDK client sees when
 * DynamoDB or S3 becomes unreachable. The server behind it keeps its data.
 */
import { connect, createServer, type Socket } from 'node:net';

/** A proxy on a random loopback port, forwarding to `target` (an http://host:port URL). */
export interface FaultProxy {
  /** The URL clients should use instead of the target's. */
  endpoint: string;
  /** Cuts every open connection and resets new ones until `up()`. */
  down(): void;
  up(): void;
  /** Connections refused while down: proof the outage was felt. */
  readonly refused: number;
  close(): Promise<void>;
}

/** Starts a proxy to `target`. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let isDown = false;
  let refused = 0;
  const server = createServer((client) => {
    if (isDown) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    endpoint,
    down() {
      isDown = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    up() {
      isDown = false;
    },
    get refused() {
      return refused;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}
