package dev.sluice.gateway.auth;

/**
 * The gateway's token verification is misconfigured: a start-up error whose message names the
 * settings to change, shown to the operator without a stack trace ({@link AuthFailureAnalyzer}).
 */
public class AuthConfigurationException extends IllegalStateException {
    public AuthConfigurationException(String message) {
        super(message);
    }
}
