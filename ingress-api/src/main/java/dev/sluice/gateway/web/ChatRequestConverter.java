package dev.sluice.gateway.web;

import dev.sluice.gateway.api.RequestJson;
import dev.sluice.gateway.chat.ChatCompletionRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/** Reads {@link ChatCompletionRequest} bodies with the strict {@link RequestJson} mapper; reads nothing else, writes nothing. */
final class ChatRequestConverter extends JacksonJsonHttpMessageConverter {

    ChatRequestConverter() {
        super(RequestJson.MAPPER);
    }

    @Override
    public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
        return type.toClass() == ChatCompletionRequest.class && super.canRead(type, mediaType);
    }

    @Override
    public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
        return clazz == ChatCompletionRequest.class && super.canRead(clazz, mediaType);
    }

    @Override
    public boolean canWrite(ResolvableType type, Class<?> valueClass, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
        return false;
    }
}
