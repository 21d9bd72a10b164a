// SHA-256 and HMAC-SHA256 on node:crypto, for every signer in the process once the Node.js entry is
// imported: the same bytes as src/sha256.ts gives, computed by OpenSSL. A signature takes three
// digests; natively they cost about a third of the portable ones on Node 20 and half on Node 24. The
// secret key is held as a KeyObject in the signer's closure, never in a property; a large body is
// still hashed on Web Crypto, off the event loop.
import { createHmac, createSecretKey, hash } from 'node:crypto';
import type { Digests } from '../src/sha256.js';

export const nodeDigests: Digests = {
  sha256Hex: (data) => hash('sha256', data, 'hex'),
  // A KeyObject signs several times faster than key bytes given to every createHmac (Node 24 turns
  // those into a KeyObject each time); for a single signature, text as the key is cheapest.
  hmac(key) {
    const secret = createSecretKey(key);
    return (message) => createHmac('sha256', secret).update(message).digest('hex');
  },
  hmacOfText: (key) => (message) => createHmac('sha256', key).update(message).digest('hex'),
};
