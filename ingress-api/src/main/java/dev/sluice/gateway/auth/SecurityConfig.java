package dev.sluice.gateway.auth;

import dev.sluice.gateway.api.ApiJson;
import dev.sluice.gateway.api.OpenAiError;
import java.nio.file.Path;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * JWT bearer auth through Spring Security's resource server. The JWT's {@code sub} is the user
 * every later step (rate limit, history, stream ownership) keys on. Dev mode verifies HS256
 * with the dev key from the data directory.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/v1/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(o -> o
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(@Value("${sluice.data-dir:.sluice}") Path dataDir) {
        byte[] key = DevKey.loadOrCreate(dataDir);
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    DevTokens devTokens(@Value("${sluice.data-dir:.sluice}") Path dataDir) {
        return new DevTokens(DevKey.loadOrCreate(dataDir));
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"sluice\", error=\"invalid_token\"");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            String message = request.getHeader("Authorization") == null
                    ? "Missing bearer token: send Authorization: Bearer <JWT>."
                    : "Invalid bearer token: it is malformed, expired, or not signed by a trusted key.";
            response.getOutputStream().write(ApiJson.bytes(OpenAiError.of(message, "invalid_request_error", null, "invalid_api_key")));
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            response.setStatus(403);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(ApiJson.bytes(OpenAiError.of("This token may not do that.", "invalid_request_error", null, "forbidden")));
        };
    }
}
