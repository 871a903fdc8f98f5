package dev.sluice.gateway.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a token-verification misconfiguration into Spring Boot's start-up report: what is wrong and what to set. */
class AuthFailureAnalyzer extends AbstractFailureAnalyzer<AuthConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuthConfigurationException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Configure the gateway's token verification (docs/security.md, 'Configuring a real key'). "
                        + "Dev mode (sluice.dev.enabled) exists only under ./sluice dev.",
                cause);
    }
}
