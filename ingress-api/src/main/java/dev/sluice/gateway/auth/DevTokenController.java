package dev.sluice.gateway.auth;

import dev.sluice.gateway.api.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dev sign-in for the web client: only when {@code sluice.dev.enabled=true} (dev mode). */
@RestController
@ConditionalOnProperty(name = "sluice.dev.enabled", havingValue = "true")
public class DevTokenController {
    private static final Duration TTL = Duration.ofHours(12);
    private final DevTokens tokens;

    public DevTokenController(DevTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/dev/token")
    public Map<String, Object> token(@RequestParam(name = "user", defaultValue = "") String user) {
        if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw ApiException.invalid("user", "invalid_user", "user must be 1 to 64 letters, digits or . _ @ -");
        }
        return Map.of(
                "token",
                tokens.mint(user, TTL),
                "user",
                user,
                "expires_at",
                Instant.now().plus(TTL).getEpochSecond());
    }
}
