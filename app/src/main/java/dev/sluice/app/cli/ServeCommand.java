package dev.sluice.app.cli;

import dev.sluice.app.SluiceApplication;
import dev.sluice.app.config.RoleDefaults;
import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.config.ProcessSettings;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.kafka.KafkaSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@code sluice serve}: the roles in {@code sluice.roles} against external infrastructure. Dev
 * mode is refused here whatever source sets it (environment, argument, properties file): it
 * serves {@code /dev/token?user=ANYONE} and signs with a key on local disk, so on a served
 * gateway it would hand out a valid token for any user.
 */
public final class ServeCommand {

    public static ConfigurableApplicationContext run(String[] args) {
        SpringApplication app = new SpringApplication(SluiceApplication.class);
        app.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event -> {
            refuseDevMode(event.getEnvironment());
            RoleDefaults.apply(event.getEnvironment());
            // Before any bean exists: every Kafka client of every role signs in with these.
            KafkaClients.useSecurity(kafkaSecurity(event.getEnvironment()));
        });
        ConfigurableApplicationContext context = app.run(args);
        ShutdownWatchdog.arm(context, ShutdownWatchdog.LIMIT);
        ParentWatch.exitWithParent();
        return context;
    }

    // Both run before any bean exists, so they bind their records from the environment themselves.
    static void refuseDevMode(Environment environment) {
        if (Binder.get(environment)
                .bindOrCreate("sluice.dev", ProcessSettings.Dev.class)
                .enabled()) {
            throw new DevModeRefusedException();
        }
    }

    static KafkaSecurity kafkaSecurity(Environment environment) {
        return Binder.get(environment)
                .bindOrCreate("sluice.kafka", KafkaSettings.class)
                .security();
    }

    /** Reported by {@link DevModeFailureAnalyzer} as one clear paragraph. */
    static final class DevModeRefusedException extends IllegalStateException {
        DevModeRefusedException() {
            super(
                    "sluice.dev.enabled=true (SLUICE_DEV_ENABLED) is refused by `serve`: dev mode answers /dev/token with a valid token "
                            + "for any user name. Use `./sluice dev` for a development stack. A served gateway verifies tokens with "
                            + "sluice.auth.jwks-uri (SLUICE_AUTH_JWKS_URI) or sluice.auth.public-key (SLUICE_AUTH_PUBLIC_KEY) together with "
                            + "sluice.auth.issuer and sluice.auth.audience, or sluice.auth.hs256-secret; see docs/security.md.");
        }
    }

    private ServeCommand() {}
}
