// Preloaded (node --import) by test/hardening/privacy.test.ts: any attempt to reach the network throws, and at
// exit the network modules Node loaded are reported on stderr, so the test fails if one is even loaded.
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';

const refuse = (what) => () => {
  throw new Error(`network access attempted: ${what}`);
};
net.Socket.prototype.connect = refuse('net.Socket.connect');
dns.lookup = refuse('dns.lookup');
dns.resolve = refuse('dns.resolve');
dgram.createSocket = refuse('dgram.createSocket');
globalThis.fetch = refuse('fetch');

const NETWORK = ['http', 'https', 'http2', 'tls', 'undici', 'internal/deps/undici/undici'];
process.on('exit', () => {
  const loaded = process.moduleLoadList.filter((m) => NETWORK.some((n) => m === `NativeModule ${n}`));
  process.stderr.write(`NETWORK-MODULES ${JSON.stringify(loaded)}\n`);
});
