package dev.sluice.gateway.auth;

import dev.sluice.gateway.api.ApiJson;
import dev.sluice.schemas.config.ProcessSettings;
import dev.sluice.schemas.openai.OpenAiError;
import dev.sluice.schemas.role.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * JWT bearer auth through Spring Security's resource server. The JWT's {@code sub} is the user
 * every later step (rate limit, history, stream ownership) keys on. Key sources and claim checks
 * are in {@link JwtDecoders}; dev mode verifies HS256 with the dev key from the data directory.
 */
@Configuration
@EnableConfigurationProperties({AuthSettings.class, ProcessSettings.class})
public class SecurityConfig {
    private static final String DECODE_PREFIX = "An error occurred while attempting to decode the Jwt: ";

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        // Stateless bearer tokens: no session, so no logout endpoint and no saved-request cache either.
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .authorizeHttpRequests(a ->
                        a.requestMatchers("/v1/**").authenticated().anyRequest().permitAll())
                .oauth2ResourceServer(o ->
                        o.jwt(j -> {}).authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()));
        return http.build();
    }

    /**
     * No Micrometer observation around each security filter: with an observation registry present
     * Spring Security wraps all of them, per request, which a profile of the gateway under load put
     * at about a tenth of its request-thread CPU. Request latency stays observed by Spring MVC's
     * {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(AuthSettings settings, ProcessSettings process, Environment env) {
        // sluice.roles is read as @ConditionalOnRole reads it: from the environment, before any bean.
        return JwtDecoders.create(
                settings,
                process.dev().enabled(),
                Roles.runs(env.getProperty(Roles.PROPERTY), Roles.GATEWAY),
                process.dataDir());
    }

    /** Only in dev mode: a served gateway never writes or reads the dev key (see ServeCommand). */
    @Bean
    @ConditionalOnProperty(name = "sluice.dev.enabled", havingValue = "true")
    DevTokens devTokens(ProcessSettings process) {
        return new DevTokens(DevKey.loadOrCreate(process.dataDir()));
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            boolean missing = request.getHeader("Authorization") == null;
            String reason = missing ? "" : reason(e);
            response.setStatus(401);
            // RFC 6750 3.1: no error code when the request carried no credentials at all.
            response.setHeader(
                    "WWW-Authenticate",
                    missing
                            ? "Bearer realm=\"sluice\""
                            : "Bearer realm=\"sluice\", error=\"invalid_token\", error_description=\""
                                    + reason.replace("\"", "'") + "\"");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            String message = missing
                    ? "Missing bearer token: send Authorization: Bearer <JWT> (the OpenAI SDKs send their api_key so)."
                    : "Invalid bearer token: " + reason;
            response.getOutputStream()
                    .write(ApiJson.bytes(OpenAiError.of(message, "invalid_request_error", null, "invalid_api_key")));
        };
    }

    /** The verifier's reason, kept to one printable ASCII line: it goes into a header too. */
    static String reason(AuthenticationException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.startsWith(DECODE_PREFIX)) m = m.substring(DECODE_PREFIX.length());
        m = m.replaceAll("[^\\x20-\\x7E]", " ").strip();
        if (m.length() > 200) m = m.substring(0, 200);
        if (m.isEmpty() || m.equals("Bearer token is malformed")) m = "the token is malformed";
        String hint = " Send a JWT signed by the configured issuer, with exp, and a sub naming the user.";
        return m.endsWith(".") ? m + hint : m + "." + hint;
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            response.setStatus(403);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream()
                    .write(ApiJson.bytes(
                            OpenAiError.of("This token may not do that.", "invalid_request_error", null, "forbidden")));
        };
    }
}
