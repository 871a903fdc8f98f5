package dev.sluice.gateway.auth;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** The claim checks every token passes, whatever key signed it. */
final class TokenValidators {
    /** Longest {@code sub} accepted; it becomes part of Redis keys, log lines and Kafka records. */
    static final int MAX_SUBJECT_LENGTH = 256;

    static OAuth2TokenValidator<Jwt> of(AuthSettings settings) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator time = new JwtTimestampValidator(settings.clockSkew());
        // A token without exp would be valid forever once leaked.
        time.setAllowEmptyExpiryClaim(false);
        validators.add(time);
        validators.add(TokenValidators::subject);
        if (settings.issuer() != null && !settings.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(settings.issuer()));
        }
        if (settings.audience() != null && !settings.audience().isBlank()) {
            String audience = settings.audience();
            validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                    ? OAuth2TokenValidatorResult.success()
                    : failure("The token's aud claim does not include " + audience + "."));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * The subject is the user every later step keys on, compared exactly. A subject with
     * surrounding whitespace or control characters is refused rather than trimmed, so
     * "alice " can never be a second name for "alice" (or for anyone else).
     */
    static OAuth2TokenValidatorResult subject(Jwt jwt) {
        String sub = jwt.getSubject();
        if (sub == null || sub.isEmpty()) return failure("The token has no sub claim; the user is required.");
        if (sub.length() > MAX_SUBJECT_LENGTH)
            return failure("The token's sub claim is longer than " + MAX_SUBJECT_LENGTH + " characters.");
        if (!sub.equals(sub.strip())) return failure("The token's sub claim has leading or trailing whitespace.");
        for (int i = 0; i < sub.length(); i++) {
            if (Character.isISOControl(sub.charAt(i)))
                return failure("The token's sub claim contains control characters.");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    private TokenValidators() {}
}
