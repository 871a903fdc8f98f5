// The peer of bench/engines.sh: llama.cpp's own runtime (node-llama-cpp 3.21.1, prebuilt CPU
// binaries), fed the same GGUF, thread count, prompt and token budget as the Java engines.
// Prints one JSON line per measurement, in the same shape as dev.sluice.bench.engine.EngineBench.
import {getLlama} from "node-llama-cpp";

// promptTokens (optional): lengthen the prompt to this many tokens (filler before it), e.g. to
// prefill as many tokens as a chat template adds on the other side of a comparison.
const [modelPath, maxTokensArg, concArg, threadsArg, ctxArg, promptTokensArg] = process.argv.slice(2);
const maxTokens = Number(maxTokensArg);
const concurrency = concArg.split(",").map(Number);
const threads = Number(threadsArg);
const contextPerSeq = Number(ctxArg);
const prompt = "Once upon a time";

const llama = await getLlama({gpu: false, build: "never", maxThreads: threads, logLevel: "error"});
const model = await llama.loadModel({modelPath});
const name = modelPath.split("/").pop();

function promptTokens(length) {
    const base = model.tokenize(prompt, true);
    if (length <= base.length) return base;
    const filler = model.tokenize(" " + prompt, false);
    const pad = [];
    while (pad.length < length - base.length) pad.push(...filler);
    return [base[0], ...pad.slice(0, length - base.length), ...base.slice(1)];
}

async function generate(sequence, tokens) {
    let count = 0;
    let first = 0;
    const start = performance.now();
    for await (const token of sequence.evaluate(tokens, {temperature: 0})) {
        if (count === 0) first = performance.now();
        if (model.isEogToken(token)) break;
        count++;
        if (count >= maxTokens) break;
    }
    return {count, ttftMs: first - start};
}

for (const n of concurrency) {
    const context = await model.createContext({sequences: n, contextSize: contextPerSeq, batchSize: 512, threads});
    const tokens = promptTokens(Number(promptTokensArg ?? 0));
    // Warm-up with the same shape, 64 tokens, so lazy allocations and JIT compilation are not timed.
    const sequences = Array.from({length: n}, () => context.getSequence());
    await Promise.all(sequences.map(async s => {
        let i = 0;
        for await (const t of s.evaluate(tokens, {temperature: 0})) { if (++i >= 64) break; }
        await s.eraseContextTokenRanges([{start: 0, end: s.nextTokenIndex}]);
    }));
    const start = performance.now();
    const cpu = process.cpuUsage();
    const results = await Promise.all(sequences.map(s => generate(s, tokens)));
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const total = results.reduce((a, r) => a + r.count, 0);
    console.log(JSON.stringify({engine: "node-llama-cpp", model: name, concurrency: n, threads,
        promptTokens: tokens.length, tokens: total, seconds: Number(seconds.toFixed(4)), tokensPerSecond: Number((total / seconds).toFixed(1)),
        cpuSeconds: Number(cpuSeconds.toFixed(4)), tokensPerCpuSecond: Number((total / cpuSeconds).toFixed(1))}));
    sequences.forEach(s => s.dispose());
    await context.dispose();
}
await model.dispose();
await llama.dispose();
