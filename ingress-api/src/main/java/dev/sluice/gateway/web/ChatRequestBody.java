package dev.sluice.gateway.web;

import dev.sluice.gateway.api.BodyErrors;
import dev.sluice.gateway.api.RequestJson;
import dev.sluice.gateway.chat.ChatCompletionRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;

/**
 * Reads {@link ChatCompletionRequest} bodies: checks the bytes are well-formed UTF-8 (Jackson's
 * decoder lets overlong forms such as {@code C0 AF} for "/" through, which would let text slip
 * past byte-level filters), then binds them with the strict {@link RequestJson} mapper. The body
 * is already capped by {@link RequestBodyFilter}.
 *
 * <p>The chat endpoint calls {@link #read(InputStream)} itself rather than binding an
 * {@code @RequestBody} argument: Spring MVC's argument resolution around the same read
 * (converter lookup, empty-body wrapper, validation hints) cost about twice the parse in a
 * profile of the gateway under load.
 */
public final class ChatRequestBody {

    /**
     * The request, or an {@link ApiException} the client can act on: 413 over the size limit, 400
     * with the parser's position or the offending field otherwise.
     */
    public static ChatCompletionRequest read(InputStream in) {
        byte[] body;
        try {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw BodyErrors.of(e); // over the limit (413), or the client went away mid-body
        }
        if (body.length == 0) {
            throw BodyErrors.missing();
        }
        int bad = firstInvalidUtf8(body);
        if (bad >= 0) {
            throw BodyErrors.of(new InvalidUtf8Exception(bad));
        }
        ChatCompletionRequest request;
        try {
            request = RequestJson.MAPPER.readValue(body, ChatCompletionRequest.class);
        } catch (JacksonException e) {
            throw BodyErrors.of(e);
        }
        if (request == null) {
            throw BodyErrors.missing(); // the body was JSON null
        }
        return request;
    }

    /** Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates), or -1. */
    static int firstInvalidUtf8(byte[] body) {
        int i = 0;
        while (i < body.length && body[i] >= 0) i++;
        if (i == body.length) return -1;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(body.length), true);
        return result.isError() ? in.position() : -1;
    }

    private ChatRequestBody() {}
}
