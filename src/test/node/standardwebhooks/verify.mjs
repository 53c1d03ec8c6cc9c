// Reads one JSON object a line ({secret, headers, body}) and prints {"ok": true} or {"ok": false, "error": "..."}:
// the reference library's own verification of a webhook Portcullis sent.
import { Webhook } from "standardwebhooks";
import readline from "node:readline";

const lines = readline.createInterface({ input: process.stdin });
console.log(JSON.stringify({ ready: true }));
for await (const line of lines) {
  const { secret, headers, body } = JSON.parse(line);
  try {
    const payload = new Webhook(secret).verify(body, headers);
    console.log(JSON.stringify({ ok: true, type: payload.type }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: String(e.message) }));
  }
}
