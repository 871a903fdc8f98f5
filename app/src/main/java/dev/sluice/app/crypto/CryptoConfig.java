package dev.sluice.app.crypto;

import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.config.ProcessSettings;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.ErasedKeyEvictor;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.topic.TopicProvisioner;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The one {@link ContentCipher} of this process, shared by every role it runs: each role that
 * reads or writes content (all four) seals and opens with it, so a key unwrapped by the gateway
 * for a new chat also serves the topology and the worker in the same process. Keys are read from
 * PostgreSQL ({@code data_keys}), so with encryption on every role needs the database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CryptoSettings.class, ProcessSettings.class, KafkaSettings.class})
public class CryptoConfig {

    @Bean
    ContentCipher contentCipher(
            CryptoSettings settings,
            ObjectProvider<DataSource> dataSource,
            ProcessSettings process,
            MeterRegistry meters) {
        ContentCipher cipher = ContentCipher.DISABLED;
        if (settings.enabled()) {
            JdbcDataKeyStore store = new JdbcDataKeyStore(dataSource.getObject());
            cipher = new DataKeyCipher(
                    store,
                    LocalKeyProvider.resolve(settings.masterKey(), settings.previousMasterKeys(), process.dataDir()),
                    settings.keyCacheTtl());
            counter(meters, MeterNames.CRYPTO_KEY_STORE_CALLS, "create", store, JdbcDataKeyStore::createCalls);
            counter(meters, MeterNames.CRYPTO_KEY_STORE_CALLS, "lookup", store, JdbcDataKeyStore::lookupCalls);
            counter(
                    meters,
                    MeterNames.CRYPTO_KEY_STORE_STATEMENTS,
                    "create",
                    store,
                    JdbcDataKeyStore::createStatements);
            counter(
                    meters,
                    MeterNames.CRYPTO_KEY_STORE_STATEMENTS,
                    "lookup",
                    store,
                    JdbcDataKeyStore::lookupStatements);
        }
        FunctionCounter.builder(MeterNames.CRYPTO_RECORDS_SHREDDED, cipher, ContentCipher::shreddedRecords)
                .description("Records skipped because their conversation's data key was destroyed (erased)")
                .register(meters);
        return cipher;
    }

    private static void counter(
            MeterRegistry meters,
            String name,
            String op,
            JdbcDataKeyStore store,
            java.util.function.ToDoubleFunction<JdbcDataKeyStore> count) {
        FunctionCounter.builder(name, store, count)
                .tag("op", op)
                .description(
                        name.endsWith("calls")
                                ? "Data key requests the key store answered (new chats: create; records to open: lookup)"
                                : "Statements the key store ran for them (requests that wait together share one)")
                .register(meters);
    }

    @Bean(destroyMethod = "close")
    @DependsOn(TopicProvisioner.BEAN_NAME)
    @ConditionalOnProperty(name = "sluice.crypto.enabled", havingValue = "true", matchIfMissing = true)
    ErasedKeyEvictor erasedKeyEvictor(KafkaSettings kafka, ProcessSettings process, ContentCipher cipher) {
        return new ErasedKeyEvictor(kafka.bootstrap(), process.instanceId(), cipher).start();
    }
}
