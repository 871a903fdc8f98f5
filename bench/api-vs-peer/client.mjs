// Sluice's side of bench/api-vs-peer.sh: greedy streamed chats through /v1/chat/completions,
// N at once, measured the way engines-peer.mjs measures llama.cpp's own runtime (generated
// tokens / wall seconds from the first request to the last token of the last stream).
// Prints one JSON line per concurrency level, in the same shape as engines-peer.mjs, plus CPU
// seconds of the Sluice processes (every pid given and its descendants) over the same window.
//   node client.mjs --url URL/v1 --token T --model ID --engine NAME --tokens 256 --levels 1,8
//        --threads 1 [--prompt TEXT] [--pids P1,P2] [--match DATA_DIR] [--warmup-tokens 64]
//   node client.mjs --cpu-ticks P1,P2 [--match DATA_DIR]     only print the CPU ticks of those processes and their descendants
import {readFileSync, readdirSync} from "node:fs";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
    a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
for (const required of args["cpu-ticks"] ? [] : ["url", "token", "model", "engine", "tokens", "levels"]) {
    if (!args[required]) { console.error(`client.mjs: --${required} is required`); process.exit(2); }
}
const maxTokens = Number(args.tokens);
const levels = (args.levels ?? "").split(",").filter(Boolean).map(Number);
const prompt = args.prompt ?? "Once upon a time";
const warmupTokens = Number(args["warmup-tokens"] ?? 64);
const rootPids = (args.pids ?? "").split(",").filter(Boolean).map(Number);
// Embedded PostgreSQL daemonizes (pg_ctl), so it is no descendant of the dev JVM: processes whose
// command line contains --match (the run's data folder) count too, with their descendants.
const match = args.match ?? "";
// A unique seed per request keeps greedy output unchanged but gives every request its own
// response-cache key (the key covers the seed), so no answer is replayed from Redis.
let seed = Number(process.env.SEED_BASE ?? Date.now() % 1_000_000_000);

// --- CPU of the Sluice processes, from /proc (utime + stime of every pid and its descendants) ---
const TICKS = 100; // USER_HZ on Linux x86-64
function procStat(pid) {
    try {
        const s = readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = s.slice(s.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
        return {ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), comm: s.slice(s.indexOf("(") + 1, s.lastIndexOf(")"))};
    } catch { return null; }
}
// Which part of Sluice a process is: the dev JVM (gateway, topology, persistence, embedded broker),
// the worker JVM (engine and worker loop), or an embedded server by its name (postgres, redis-server).
function role(pid, st) {
    if (rootPids.includes(pid)) return "dev";
    if (st.comm === "java") {
        try {
            if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--sluice.roles=worker")) return "worker";
        } catch { /* ended */ }
        return "java";
    }
    return st.comm.startsWith("postgres") ? "postgres" : st.comm.startsWith("redis") ? "redis-server" : st.comm;
}
function treeTicks() {
    if (rootPids.length === 0 && !match) return {ticks: 0, pids: 0, byRole: {}, threads: {}};
    const children = new Map();
    const stats = new Map();
    for (const name of readdirSync("/proc")) {
        if (!/^\d+$/.test(name)) continue;
        const st = procStat(Number(name));
        if (!st) continue;
        stats.set(Number(name), st);
        if (!children.has(st.ppid)) children.set(st.ppid, []);
        children.get(st.ppid).push(Number(name));
    }
    const seen = new Set();
    const todo = [...rootPids];
    if (match) {
        for (const pid of stats.keys()) {
            try {
                if (pid !== process.pid && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(match)) todo.push(pid);
            } catch { /* ended */ }
        }
    }
    while (todo.length) {
        const p = todo.pop();
        if (seen.has(p) || !stats.has(p)) continue;
        seen.add(p);
        todo.push(...(children.get(p) ?? []));
    }
    let ticks = 0;
    const byRole = {};
    for (const p of seen) {
        const st = stats.get(p);
        ticks += st.ticks;
        const r = role(p, st);
        byRole[r] = (byRole[r] ?? 0) + st.ticks;
    }
    const threads = {};
    for (const p of seen) {
        const r = role(p, stats.get(p));
        if (r !== "dev" && r !== "worker") continue;
        let tids = [];
        try { tids = readdirSync(`/proc/${p}/task`); } catch { continue; }
        for (const tid of tids) {
            const st = procStat(`${p}/task/${tid}`);
            if (!st) continue;
            const name = `${r}:${st.comm.replace(/[0-9]+/g, "#")}`;
            const t = threads[name] ?? (threads[name] = {ticks: 0, waitNs: 0, count: 0});
            t.ticks += st.ticks;
            t.count++;
            // schedstat: ns on a CPU, ns runnable but waiting for one, timeslices
            try { t.waitNs += Number(readFileSync(`/proc/${p}/task/${tid}/schedstat`, "utf8").split(" ")[1]); } catch { /* ended */ }
        }
    }
    return {ticks, pids: seen.size, byRole, threads};
}

if (args["cpu-ticks"]) {
    rootPids.push(...args["cpu-ticks"].split(",").map(Number));
    console.log(JSON.stringify(treeTicks()));
    process.exit(0);
}

// --- one streamed chat ---
async function chat(tokens, start) {
    const res = await fetch(`${args.url}/chat/completions`, {
        method: "POST",
        headers: {"Authorization": `Bearer ${args.token}`, "Content-Type": "application/json"},
        body: JSON.stringify({model: args.model, stream: true, stream_options: {include_usage: true},
            temperature: 0, max_tokens: tokens, seed: seed++, messages: [{role: "user", content: prompt}]}),
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const decoder = new TextDecoder();
    let buffer = "";
    let first = 0, last = 0, chunks = 0, finish = null, usage = null, text = "";
    for await (const bytes of res.body) {
        buffer += decoder.decode(bytes, {stream: true});
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const event = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            for (const line of event.split("\n")) {
                if (!line.startsWith("data:")) continue;
                const data = line.slice(5).trim();
                if (data === "[DONE]") continue;
                const chunk = JSON.parse(data);
                if (chunk.error) throw new Error(`stream error: ${JSON.stringify(chunk.error)}`);
                if (chunk.usage) usage = chunk.usage;
                const choice = chunk.choices?.[0];
                if (!choice) continue;
                const now = performance.now();
                if (choice.delta?.content) {
                    if (!first) first = now;
                    last = now;
                    chunks++;
                    text += choice.delta.content;
                }
                if (choice.finish_reason) { finish = choice.finish_reason; last = Math.max(last, now); }
            }
        }
    }
    return {ttftMs: first - start, lastMs: last - start, chunks, finish, usage, chars: text.length};
}

async function level(n, tokens) {
    const cpu0 = treeTicks();
    const client0 = process.cpuUsage();
    const start = performance.now();
    const results = await Promise.all(Array.from({length: n}, () => chat(tokens, start)));
    const seconds = Math.max(...results.map(r => r.lastMs)) / 1000;
    const cpu1 = treeTicks();
    const client = process.cpuUsage(client0);
    const byRole = Object.fromEntries(Object.entries(cpu1.byRole)
        .map(([r, t]) => [r, Number(((t - (cpu0.byRole[r] ?? 0)) / TICKS).toFixed(2))]));
    // The busiest thread groups of the two JVMs over the window (threads that ended are not counted).
    const top = Object.entries(cpu1.threads)
        .map(([t, v]) => [t, (v.ticks - (cpu0.threads[t]?.ticks ?? 0)) / TICKS]).filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1]).slice(0, 12);
    const threads = Object.fromEntries(top.map(([t, v]) => [t, Number(v.toFixed(2))]));
    // Time those threads were runnable but had no CPU (the machine's load), and how many threads each group has.
    const waits = Object.fromEntries(top.map(([t]) => [t, Number(((cpu1.threads[t].waitNs - (cpu0.threads[t]?.waitNs ?? 0)) / 1e9).toFixed(2))]));
    const counts = Object.fromEntries(top.map(([t]) => [t, cpu1.threads[t].count]));
    return {results, seconds, cpuSeconds: (cpu1.ticks - cpu0.ticks) / TICKS, pids: cpu1.pids, byRole, threads, waits, counts,
        clientCpuSeconds: (client.user + client.system) / 1e6};
}

for (const n of levels) {
    // Warm-up with the same shape (unmeasured), as the peer does: JIT, pools and KV allocations.
    if (warmupTokens > 0) await level(n, warmupTokens);
    const m = await level(n, maxTokens);
    const tokens = m.results.reduce((a, r) => a + (r.usage?.completion_tokens ?? 0), 0);
    const finishes = [...new Set(m.results.map(r => r.finish))];
    const complete = m.results.every(r => r.finish === "length" && r.usage?.completion_tokens === maxTokens);
    const ttft = m.results.map(r => r.ttftMs).sort((a, b) => a - b);
    console.log(JSON.stringify({engine: `sluice-${args.engine}`, model: args.model, concurrency: n,
        threads: Number(args.threads ?? 1), tokens, seconds: Number(m.seconds.toFixed(4)),
        tokensPerSecond: Number((tokens / m.seconds).toFixed(1)),
        cpuSeconds: Number(m.cpuSeconds.toFixed(2)), tokensPerCpuSecond: Number((tokens / m.cpuSeconds).toFixed(1)),
        sluicePids: m.pids, cpuSecondsByProcess: m.byRole, cpuSecondsByThread: m.threads,
        runqueueWaitSecondsByThread: m.waits, threadsInGroup: m.counts, clientCpuSeconds: Number(m.clientCpuSeconds.toFixed(2)),
        promptTokens: m.results[0].usage?.prompt_tokens ?? null, chunks: m.results.reduce((a, r) => a + r.chunks, 0),
        ttftMsMedian: Number(ttft[Math.floor(ttft.length / 2)].toFixed(1)), finishReasons: finishes, complete}));
}
