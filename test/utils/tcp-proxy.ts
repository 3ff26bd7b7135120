import net from 'node:net';

interface Link {
  client: net.Socket;
  upstream: net.Socket;
}

/**
 * A TCP proxy in front of a shared server, which a test cuts and restores as if it went down, or
 * hangs and resumes as if it stopped answering.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly links = new Set<Link>();
  private hung = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens (on a free port the first time, on the same port afterwards). */
  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const link = { client, upstream: net.connect(this.targetPort, this.targetHost) };
      this.links.add(link);
      for (const socket of [link.client, link.upstream]) {
        socket.on('error', () => socket.destroy());
        socket.on('close', () => {
          this.links.delete(link);
          link.client.destroy();
          link.upstream.destroy();
        });
      }
      if (this.hung) {
        link.client.pause();
      } else {
        forward(link);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** The server goes away: open connections drop, new ones are refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const { client, upstream } of this.links) {
      client.destroy();
      upstream.destroy();
    }
    this.links.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  restore(): Promise<void> {
    return this.start();
  }

  /**
   * The server stops answering: connections stay open and new ones are accepted, but nothing
   * goes through either way until `resume` (what was sent meanwhile then arrives).
   */
  hang(): void {
    if (this.hung) return;
    this.hung = true;
    for (const { client, upstream } of this.links) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  resume(): void {
    if (!this.hung) return;
    this.hung = false;
    for (const link of this.links) forward(link);
  }

  close(): Promise<void> {
    return this.cut();
  }
}

function forward({ client, upstream }: Link): void {
  client.pipe(upstream);
  upstream.pipe(client);
}
