package dev.sluice.bench.bridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongConsumer;

/**
 * SSE clients for the latency benchmark on raw sockets and one selector thread, so the client
 * adds as little as possible to what is measured. Each chunk's content is the producer's
 * System.nanoTime(); the latency is taken the moment the bytes are read. HTTP/1.0 keeps the
 * body unchunked, so the bytes are the SSE text itself.
 */
final class StampedStreams implements AutoCloseable {
    private static final byte[] CONTENT = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private static final class Conn {
        final ByteBuffer request;
        int contentMatch;
        int doneMatch;
        boolean inNumber;
        int digits;
        long value;
        boolean attached;

        Conn(ByteBuffer request) {
            this.request = request;
        }
    }

    private final Selector selector;
    private final Thread thread;
    private final CountDownLatch attached;
    private final CountDownLatch finished;
    private final LongConsumer latencyNanos;

    StampedStreams(int port, String token, List<String> ids, LongConsumer latencyNanos) throws IOException {
        this.selector = Selector.open();
        this.attached = new CountDownLatch(ids.size());
        this.finished = new CountDownLatch(ids.size());
        this.latencyNanos = latencyNanos;
        for (String id : ids) {
            String req = "GET /v1/streams/" + id + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n";
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
            while (c.request.hasRemaining()) ch.write(c.request);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, c);
        }
        this.thread = Thread.ofPlatform().name("bench-sse-clients").daemon().start(this::run);
    }

    void awaitAttached() throws InterruptedException {
        attached.await();
    }

    void awaitFinished() throws InterruptedException {
        finished.await();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                selector.select();
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Conn c = (Conn) key.attachment();
                    buf.clear();
                    int n = ((SocketChannel) key.channel()).read(buf);
                    long now = System.nanoTime();
                    if (n < 0) {
                        key.cancel();
                        key.channel().close();
                        continue;
                    }
                    if (!c.attached) {
                        c.attached = true;
                        attached.countDown();
                    }
                    buf.flip();
                    while (buf.hasRemaining()) scan(c, buf.get(), now);
                }
            }
        } catch (IOException e) {
            System.err.println("sse clients: " + e);
        }
    }

    private void scan(Conn c, byte b, long now) {
        if (c.inNumber) {
            if (b >= '0' && b <= '9') {
                c.value = c.value * 10 + (b - '0');
                c.digits++;
                return;
            }
            if (c.digits > 0) latencyNanos.accept(now - c.value);
            c.inNumber = false;
        }
        c.contentMatch = b == CONTENT[c.contentMatch] ? c.contentMatch + 1 : (b == CONTENT[0] ? 1 : 0);
        if (c.contentMatch == CONTENT.length) {
            c.contentMatch = 0;
            c.inNumber = true;
            c.digits = 0;
            c.value = 0;
        }
        c.doneMatch = b == DONE[c.doneMatch] ? c.doneMatch + 1 : (b == DONE[0] ? 1 : 0);
        if (c.doneMatch == DONE.length) {
            c.doneMatch = 0;
            finished.countDown();
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        selector.close();
    }
}
