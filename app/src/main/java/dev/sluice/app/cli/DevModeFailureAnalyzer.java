package dev.sluice.app.cli;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up report for {@code serve} with dev mode set: the reason and the two ways forward, no stack trace. */
class DevModeFailureAnalyzer extends AbstractFailureAnalyzer<ServeCommand.DevModeRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ServeCommand.DevModeRefusedException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Remove sluice.dev.enabled from the served configuration and configure a real key, or run ./sluice dev.",
                cause);
    }
}
