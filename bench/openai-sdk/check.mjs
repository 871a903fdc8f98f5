// The official OpenAI SDK against Sluice: base URL + token as API key, nothing else changed.
// Usage: BASE_URL=http://localhost:8080/v1 TOKEN=... MODEL=stories260K node check.mjs
import OpenAI from "openai";

const client = new OpenAI({ baseURL: process.env.BASE_URL, apiKey: process.env.TOKEN });
const model = process.env.MODEL ?? "stories260K";

const models = await client.models.list();
if (!models.data.some((m) => m.id === model)) throw new Error(`model ${model} not listed`);

let streamed = "";
let finish = null;
const stream = await client.chat.completions.create({
  model, stream: true, temperature: 0, max_tokens: 20, stream_options: { include_usage: true },
  messages: [{ role: "user", content: "Once upon a time" }],
});
let usage = null;
for await (const chunk of stream) {
  streamed += chunk.choices[0]?.delta?.content ?? "";
  finish = chunk.choices[0]?.finish_reason ?? finish;
  usage = chunk.usage ?? usage;
}
const full = await client.chat.completions.create({
  model, temperature: 0, max_tokens: 20, messages: [{ role: "user", content: "Once upon a time" }],
});
const text = full.choices[0].message.content;
if (!streamed || streamed !== text) throw new Error(`stream and non-stream differ: ${JSON.stringify(streamed)} vs ${JSON.stringify(text)}`);
if (finish !== "length" || !usage || usage.completion_tokens !== 20) throw new Error(`unexpected finish/usage ${finish} ${JSON.stringify(usage)}`);
try {
  await client.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "hi" }] });
  throw new Error("unknown model accepted");
} catch (e) {
  if (!(e instanceof OpenAI.NotFoundError)) throw e;
}
console.log(`OK openai-node ${OpenAI.VERSION ?? ""}: streamed == non-streamed (${text.length} chars), finish=${finish}, usage=${JSON.stringify(usage)}`);
