package dev.sluice.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Holds the module graph: every arrow points down ({@link ModuleMap#MODULES}) and a module reaches
 * another only through the packages that one exports. A sideways import into another module's
 * internals (say {@code dev.sluice.bridge.route}) fails this test with the offending class and line.
 * Production classes only: a module's own tests, and the integration tests here, may look inside.
 */
class ModuleBoundariesTest {
    /** One class per module: where its compiled classes are (a folder in the reactor build, else its jar). Scanning only these is fast. */
    private static final List<Class<?>> ANCHORS = List.of(
            dev.sluice.schemas.topic.Topics.class,
            dev.sluice.guard.GuardPipeline.class,
            dev.sluice.topology.TopologyConfig.class,
            dev.sluice.worker.WorkerConfig.class,
            dev.sluice.bridge.BridgeConfig.class,
            dev.sluice.gateway.GatewayConfig.class,
            dev.sluice.persistence.config.PersistenceConfiguration.class,
            dev.sluice.app.SluiceApplication.class,
            dev.sluice.embedded.EmbeddedKafka.class);

    @Test
    void noModuleImportsAnotherModulesInternalsOrPointsUp() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrls(ANCHORS.stream()
                        .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
                        .distinct()
                        .toList());
        assertThat(classes.stream()
                        .map(c -> ModuleMap.moduleOf(c.getPackageName()))
                        .distinct())
                .as("the check sees every module's classes")
                .contains(
                        "schemas",
                        "embedded",
                        "guard",
                        "topology",
                        "inference-workers",
                        "sse-bridge",
                        "ingress-api",
                        "persistence",
                        "app");

        List<String> violations = ModuleMap.violations(classes);

        assertThat(violations)
                .as("imports across module boundaries that the module map does not allow")
                .isEmpty();
    }

    @Test
    void aSidewaysImportIsReported() {
        JavaClasses fixture =
                new ClassFileImporter().importClasses(dev.sluice.gateway.archfixture.ReachesIntoBridge.class);

        assertThat(ModuleMap.violations(fixture))
                .anySatisfy(v ->
                        assertThat(v).contains("ingress-api", "dev.sluice.bridge.route.EventFeed", "not exported"));
    }

    @Test
    void anArrowPointingUpIsReported() {
        JavaClasses fixture = new ClassFileImporter().importClasses(dev.sluice.schemas.archfixture.ReachesUp.class);

        assertThat(ModuleMap.violations(fixture))
                .anySatisfy(v -> assertThat(v).contains("schemas", "sse-bridge", "may not depend on"));
    }
}
