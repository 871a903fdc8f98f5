package dev.sluice.bench.bridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Holds thousands of SSE streams open with one NIO thread (raw sockets, so the client costs
 * little next to the server) and checks that heartbeats reach every one of them.
 * Args: dir heartbeatSeconds holdSeconds.
 */
public final class OpenStreamsClient {
    private static final byte[] HEARTBEAT = ": keep-alive".getBytes(StandardCharsets.US_ASCII);

    /** One stream: bytes of the heartbeat marker matched so far carry over between reads. */
    private static final class Conn {
        final ByteBuffer request;
        boolean ok;
        int matched;
        long heartbeats;
        long lastHeartbeat;
        boolean closed;

        Conn(ByteBuffer request) {
            this.request = request;
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int heartbeat = Integer.parseInt(args[1]);
        int hold = Integer.parseInt(args[2]);
        List<String> ids = Files.readAllLines(dir.resolve("ids.txt"));
        String token = Files.readString(dir.resolve("token.txt")).trim();
        int port = Integer.parseInt(Files.readString(dir.resolve("port.txt")).trim());
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        Selector selector = Selector.open();
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        Conn[] conns = new Conn[ids.size()];
        int opened = 0;
        long started = System.nanoTime();
        long allOpenAt = -1;
        long nextReport = System.nanoTime() + 5_000_000_000L;
        long minAliveAfterOpen = Long.MAX_VALUE;
        long windowChecks = 0;
        while (true) {
            long now = System.nanoTime();
            // Ramp: at most 500 connections waiting for their response headers at once.
            int pending = 0;
            for (int i = 0; i < opened; i++) if (!conns[i].ok && !conns[i].closed) pending++;
            while (opened < ids.size() && pending < 500) {
                String req =
                        "GET /v1/streams/" + ids.get(opened) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                                + token + "\r\nAccept: text/event-stream\r\n\r\n";
                Conn c = new Conn(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
                conns[opened] = c;
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.connect(address);
                ch.register(selector, SelectionKey.OP_CONNECT, c);
                opened++;
                pending++;
            }
            selector.select(200);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                Conn c = (Conn) key.attachment();
                SocketChannel ch = (SocketChannel) key.channel();
                try {
                    if (key.isConnectable() && ch.finishConnect()) {
                        ch.write(c.request);
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        buf.clear();
                        int n = ch.read(buf);
                        if (n < 0) {
                            c.closed = true;
                            key.cancel();
                            ch.close();
                            continue;
                        }
                        buf.flip();
                        if (!c.ok && n >= 12) {
                            byte[] head = new byte[12];
                            buf.get(buf.position(), head);
                            c.ok = new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
                            if (!c.ok) c.closed = true;
                        }
                        while (buf.hasRemaining()) {
                            byte b = buf.get();
                            if (b == HEARTBEAT[c.matched]) {
                                if (++c.matched == HEARTBEAT.length) {
                                    c.heartbeats++;
                                    c.lastHeartbeat = System.nanoTime();
                                    c.matched = 0;
                                }
                            } else {
                                c.matched = b == HEARTBEAT[0] ? 1 : 0;
                            }
                        }
                    }
                } catch (IOException e) {
                    c.closed = true;
                    key.cancel();
                    ch.close();
                }
            }
            if (now >= nextReport) {
                nextReport = now + 5_000_000_000L;
                long ok = 0;
                long closed = 0;
                long alive = 0;
                for (int i = 0; i < opened; i++) {
                    Conn c = conns[i];
                    if (c.ok && !c.closed) ok++;
                    if (c.closed) closed++;
                    if (!c.closed
                            && c.heartbeats > 0
                            && now - c.lastHeartbeat < 2L * heartbeat * 1_000_000_000L + 1_000_000_000L) alive++;
                }
                System.out.printf(
                        "client: %.0f s, opened %d, streaming (200) %d, closed %d, heartbeat within the last %d s: %d%n",
                        (now - started) / 1e9, opened, ok, closed, 2 * heartbeat + 1, alive);
                if (allOpenAt < 0 && opened == ids.size() && ok + closed == ids.size()) allOpenAt = now;
                if (allOpenAt > 0 && now - allOpenAt > 3L * heartbeat * 1_000_000_000L) {
                    minAliveAfterOpen = Math.min(minAliveAfterOpen, alive);
                    windowChecks++;
                }
                if (allOpenAt > 0 && now - allOpenAt > (long) hold * 1_000_000_000L) break;
                if (now - started > (long) (hold + 240) * 1_000_000_000L) break;
            }
        }
        long total = 0;
        long refused = 0;
        for (int i = 0; i < opened; i++) {
            total += conns[i].heartbeats;
            if (conns[i].closed) refused++;
        }
        String result = allOpenAt < 0
                ? String.format("NOT all %d streams opened within the time limit (see log).%n", ids.size())
                : String.format(
                        "Client: %d streams requested (one NIO thread, raw sockets), %d refused or closed, the rest streaming after %.0f s; held %d s with a %d s heartbeat: "
                                + "in each of %d checks after warm-up, at least %d of %d streams had a heartbeat in the last %d s; %d heartbeats received in all.%n",
                        ids.size(),
                        refused,
                        (allOpenAt - started) / 1e9,
                        hold,
                        heartbeat,
                        windowChecks,
                        minAliveAfterOpen == Long.MAX_VALUE ? 0 : minAliveAfterOpen,
                        ids.size(),
                        2 * heartbeat + 1,
                        total);
        System.out.print(result);
        Files.writeString(dir.resolve("client.md"), result);
        // The server measures its heap (after a full GC) while every stream is still open.
        Files.writeString(dir.resolve("measure"), "");
        Thread.sleep(12_000);
        Files.writeString(dir.resolve("stop"), "");
        System.exit(0);
    }

    private OpenStreamsClient() {}
}
