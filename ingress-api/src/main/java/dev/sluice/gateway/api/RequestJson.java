package dev.sluice.gateway.api;

import dev.sluice.schemas.serde.CreatorCalls;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The strict JSON reader for request bodies, separate from the application's mapper so its
 * limits cannot loosen by a change elsewhere. Unknown fields are ignored (as OpenAI does);
 * everything ambiguous is refused: nesting deeper than {@link #MAX_NESTING_DEPTH}, duplicate
 * keys (two parsers could disagree on which "model" wins), trailing content after the object,
 * and silent type coercion ({@code "max_tokens": "5"} or {@code 1.5}).
 */
public final class RequestJson {
    public static final int MAX_NESTING_DEPTH = 64;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(64)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new CreatorCalls())
            .build();

    private RequestJson() {}
}
