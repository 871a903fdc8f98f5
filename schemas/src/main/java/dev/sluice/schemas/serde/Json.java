package dev.sluice.schemas.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for events. Unknown properties are ignored so an older reader can replay
 * events written by a newer writer; nulls are left out so optional fields cost nothing on the
 * wire. Golden files in the tests pin the exact output. Records are built through
 * {@link CreatorCalls} (a spread method handle, not a spreader per record).
 */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .addModule(new CreatorCalls())
            .build();

    private Json() {}
}
