// Fills a demo's inbox through its WhatsApp webhook, as the platform would: MESSAGES text messages
// in batches of BATCH from SENDERS people (so SENDERS conversations), in Dari, Pashto, Urdu,
// Bengali and English, each naming a place, CONCURRENCY webhooks in flight. Prints messages/s.
//   node bench/seed_inbox.mjs CHANNELS_JSON BASE_URL MESSAGES BATCH SENDERS CONCURRENCY
import { readFileSync } from 'node:fs';
import * as fake from '../tests/fakes/platforms.mjs';

const [channelsFile, base, messages = '1000000', batch = '50', senders = '50000', concurrency = '16'] = process.argv.slice(2);
const ch = JSON.parse(readFileSync(channelsFile, 'utf8')).find((c) => c.platform === 'whatsapp' && c.centre === 'kabul');
const texts = [
  'سلام، پاسپورتم را در کارگاه گرفته‌اند. چه کنم؟',
  'زه غواړم چې په قانوني ډول کار وکړم',
  'میرا پاسپورٹ ایجنٹ نے رکھ لیا ہے',
  'আমার পাসপোর্ট আটকে রাখা হয়েছে, কী করব?',
  'Is the Belarus route open now?',
];
// A place in each message, so conversations differ in their words (for search).
const places = ['Kabul', 'Herat', 'Mashhad', 'Tehran', 'Istanbul', 'Van', 'Minsk', 'Dubai', 'Doha', 'Riyadh',
  'Karachi', 'Quetta', 'Lahore', 'Dhaka', 'Sylhet', 'Kuala Lumpur', 'Moscow', 'Dushanbe', 'Erbil', 'Athens'];
const total = Number(messages);
const perBatch = Number(batch);
const people = Number(senders);
const batches = Math.ceil(total / perBatch);
let next = 0;
let failed = 0;
const start = Date.now();

function body(b) {
  const msgs = [];
  const contacts = [];
  for (let j = 0; j < perBatch && b * perBatch + j < total; j++) {
    const k = b * perBatch + j;
    const person = (k * 7919) % people;  // spread over everyone, many messages each
    const from = `93700${String(person).padStart(7, '0')}`;
    contacts.push({ profile: { name: `Person ${person}` }, wa_id: from });
    msgs.push({ from, id: `wamid.SEED${k}`, timestamp: String(1767225600 + Math.floor(k / 10)), type: 'text', text: { body: `${texts[person % texts.length]} ${places[k % places.length]}` } });
  }
  return fake.whatsapp(ch, { contacts, messages: msgs });
}

async function worker() {
  while (next < batches) {
    const b = next++;
    const res = await fake.deliver(base, ch, body(b));
    if (res.status !== 200) failed++;
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
const secs = (Date.now() - start) / 1000;
console.log(`${total} messages in ${batches} webhooks, ${secs.toFixed(1)} s, ${Math.round(total / secs)} messages/s, ${failed} failed`);
if (failed) process.exit(1);
