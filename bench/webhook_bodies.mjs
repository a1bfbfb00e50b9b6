// Writes COUNT pre-signed WhatsApp webhook bodies, one per line: "<signature>\t<body>". Each body is
// a batch of BATCH text messages with unique ids from a pool of 1,000 senders, Bengali text, signed
// with the channel's app secret as Meta does (over the \u-escaped bytes).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { asciiJson } from '../tests/fakes/platforms.mjs';

const [channelsFile, out, count = '20000', batch = '1', centre = 'kabul'] = process.argv.slice(2);
const ch = JSON.parse(readFileSync(channelsFile, 'utf8')).find((c) => c.platform === 'whatsapp' && c.centre === centre);
const lines = [];
for (let i = 0; i < Number(count); i++) {
  const messages = [];
  const contacts = [];
  for (let j = 0; j < Number(batch); j++) {
    const from = `8801700${String((i * 7 + j) % 1000).padStart(6, '0')}`;
    contacts.push({ profile: { name: `Sender ${from.slice(-3)}` }, wa_id: from });
    messages.push({ from, id: `wamid.BENCH${i}-${j}`, timestamp: String(1767225600 + i), type: 'text', text: { body: 'আমার পাসপোর্ট আটকে রাখা হয়েছে, কী করব?' } });
  }
  const body = asciiJson({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: ch.external_id }, contacts, messages } }] }] });
  lines.push('sha256=' + createHmac('sha256', ch.app_secret).update(body).digest('hex') + '\t' + body);
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(ch.webhook_path);
