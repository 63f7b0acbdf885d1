import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between the app and PostgreSQL that writes down the SQL the app sends while
 * `recording` is on: each statement with its parameters, in order, as the server receives them.
 * It reads the frontend messages of the wire protocol (simple Query, and Parse + Bind of the
 * extended protocol that node-postgres uses for parameters) and passes every byte on unchanged.
 * The benchmarks use it to see what one request costs in statements, without asking the server
 * to log (which needs its configuration and its log files).
 */
export interface CapturedStatement {
  sql: string;
  /** The parameters as text (node-postgres sends them so), null for SQL NULL. */
  params: (string | null)[];
  /** The name of a prepared statement (parsed once per connection); none for an unnamed one. */
  name?: string;
}

export interface SqlCapture {
  /** host:port to give the app in place of the server's. */
  port: number;
  recording: boolean;
  statements: CapturedStatement[];
  close(): Promise<void>;
}

export async function startSqlCapture(server: { host: string; port: number }): Promise<SqlCapture> {
  const capture: SqlCapture = { port: 0, recording: false, statements: [], close: async () => undefined };
  const sockets = new Set<Socket>();
  const relay: Server = createServer((client) => {
    const upstream = connect(server.port, server.host);
    sockets.add(client).add(upstream);
    const parser = frontendParser((statement) => {
      if (capture.recording) capture.statements.push(statement);
    });
    client.on('data', (chunk: Buffer) => {
      parser(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  capture.port = (relay.address() as { port: number }).port;
  capture.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      relay.close(() => resolve());
    });
  return capture;
}

/**
 * Reads the client's side of one connection: the startup message first (no type byte), then
 * typed messages. A Parse names the text of an unnamed or named statement; a Bind gives it its
 * parameters; a Query is a statement without them.
 */
function frontendParser(onStatement: (statement: CapturedStatement) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  let started = false;
  const parsed = new Map<string, string>();
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (!started) {
        if (pending.length < 4) return;
        const length = pending.readInt32BE(0);
        if (pending.length < length) return;
        const code = pending.readInt32BE(4);
        pending = pending.subarray(length);
        // An SSL or GSS request comes before the real startup message.
        if (code !== 80877103 && code !== 80877104) started = true;
        continue;
      }
      if (pending.length < 5) return;
      const type = String.fromCharCode(pending[0]);
      const length = pending.readInt32BE(1);
      if (pending.length < length + 1) return;
      const body = pending.subarray(5, length + 1);
      pending = pending.subarray(length + 1);
      if (type === 'Q') onStatement({ sql: cString(body, 0).text, params: [] });
      else if (type === 'P') {
        const name = cString(body, 0);
        parsed.set(name.text, cString(body, name.next).text);
      } else if (type === 'B') onStatement(bound(body, parsed));
    }
  };
}

function bound(body: Buffer, parsed: Map<string, string>): CapturedStatement {
  const portal = cString(body, 0);
  const statement = cString(body, portal.next);
  let offset = statement.next;
  const formats = body.readInt16BE(offset);
  offset += 2 + 2 * formats;
  const count = body.readInt16BE(offset);
  offset += 2;
  const params: (string | null)[] = [];
  for (let index = 0; index < count; index++) {
    const length = body.readInt32BE(offset);
    offset += 4;
    if (length < 0) params.push(null);
    else {
      params.push(body.toString('utf8', offset, offset + length));
      offset += length;
    }
  }
  return { sql: parsed.get(statement.text) ?? '', params, ...(statement.text ? { name: statement.text } : {}) };
}

function cString(buffer: Buffer, start: number): { text: string; next: number } {
  const end = buffer.indexOf(0, start);
  return { text: buffer.toString('utf8', start, end), next: end + 1 };
}
