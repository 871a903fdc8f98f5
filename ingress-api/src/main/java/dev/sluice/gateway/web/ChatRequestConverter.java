package dev.sluice.gateway.web;

import dev.sluice.gateway.api.RequestJson;
import dev.sluice.gateway.chat.ChatCompletionRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import tools.jackson.core.JacksonException;

/**
 * Reads {@link ChatCompletionRequest} bodies: checks the bytes are well-formed UTF-8 (Jackson's
 * decoder lets overlong forms such as {@code C0 AF} for "/" through, which would let text slip
 * past byte-level filters), then binds them with the strict {@link RequestJson} mapper. Reads
 * nothing else and writes nothing. The body is already capped by {@link RequestBodyFilter}.
 */
final class ChatRequestConverter implements HttpMessageConverter<Object> {

    @Override
    public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
        return clazz == ChatCompletionRequest.class && (mediaType == null || MediaType.APPLICATION_JSON.includes(mediaType));
    }

    @Override
    public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(MediaType.APPLICATION_JSON);
    }

    @Override
    public Object read(Class<?> clazz, HttpInputMessage input) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        int bad = firstInvalidUtf8(body);
        if (bad >= 0) {
            throw new HttpMessageNotReadableException("invalid UTF-8", new InvalidUtf8Exception(bad), input);
        }
        try {
            return RequestJson.MAPPER.readValue(body, ChatCompletionRequest.class);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("unreadable JSON", e, input);
        }
    }

    @Override
    public void write(Object o, @Nullable MediaType contentType, HttpOutputMessage output) throws HttpMessageNotWritableException {
        throw new HttpMessageNotWritableException("ChatRequestConverter only reads");
    }

    /** Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates), or -1. */
    static int firstInvalidUtf8(byte[] body) {
        int i = 0;
        while (i < body.length && body[i] >= 0) i++;
        if (i == body.length) return -1;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(body.length), true);
        return result.isError() ? in.position() : -1;
    }
}
