package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** IDEs complete {@code lithair.*} from the generated metadata: every property is there, described. */
class ConfigurationMetadataTest {

    private static JsonNode metadata() throws Exception {
        try (InputStream in = ConfigurationMetadataTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated configuration metadata").isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }

    @Test
    void everyPropertyOfTheContractIsDescribed() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata().get("properties")) {
            names.add(property.get("name").asString());
            assertThat(property.path("description").asString()).as(property.get("name").asString()).isNotBlank();
        }
        assertThat(names).contains("lithair.data-dir", "lithair.storage.fsync", "lithair.storage.fsync-interval",
                "lithair.storage.format", "lithair.storage.segment-size", "lithair.snapshot.every-events",
                "lithair.snapshot.retained", "lithair.history.default-policy", "lithair.idempotency.max-keys",
                "lithair.idempotency.max-age", "lithair.admin.base-path", "lithair.admin.roles",
                "lithair.admin.security.enabled", "lithair.cluster.enabled", "lithair.cluster.node-id",
                "lithair.cluster.raft-port", "lithair.cluster.host", "lithair.cluster.peers",
                "lithair.cluster.read-consistency", "lithair.cluster.election-timeout",
                "lithair.cluster.snapshot-interval", "lithair.cluster.bind-address",
                "lithair.cluster.allow-insecure-transport", "lithair.cluster.ssl.bundle", "lithair.entity-names",
                "lithair.repositories.enabled",
                "lithair.storage.limits.max-nesting-depth", "lithair.storage.limits.max-number-length",
                "lithair.storage.limits.max-string-length", "lithair.storage.limits.max-name-length",
                "lithair.storage.limits.max-record-size", "lithair.idempotency.max-key-length",
                "lithair.storage.async-commits.max-pending", "lithair.storage.async-commits.wait-for-room",
                "lithair.tenancy.enabled", "lithair.tenancy.header", "lithair.tenancy.idle-timeout",
                "lithair.tenancy.max-open", "lithair.tenancy.metrics-tenants");
    }

    @Test
    void enumeratedPropertiesHintTheirValuesAsUsersWriteThem() throws Exception {
        List<String> fsync = new ArrayList<>();
        for (JsonNode hint : metadata().get("hints")) {
            if (hint.get("name").asString().equals("lithair.storage.fsync")) {
                hint.get("values").forEach(value -> fsync.add(value.get("value").asString()));
            }
        }
        assertThat(fsync).containsExactly("always", "batch", "never");
        assertThat(metadata().get("hints")).extracting(hint -> hint.get("name").asString()).contains(
                "lithair.storage.format", "lithair.history.default-policy", "lithair.cluster.read-consistency");
    }

    /**
     * An application without an optional library must never load the auto-configuration that needs it:
     * Boot filters candidates by the generated auto-configuration metadata before loading any class.
     */
    @Test
    void eachAutoConfigurationIsRegisteredAndFilteredByTheLibrariesItNeeds() throws Exception {
        java.util.Properties metadata = new java.util.Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-autoconfigure-metadata.properties")) {
            metadata.load(in);
        }
        String imports;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            imports = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String prefix = "dev.lithair.spring.boot.autoconfigure.";
        assertThat(imports.lines().toList()).containsExactlyInAnyOrder(prefix + "LithairClusterAutoConfiguration",
                prefix + "LithairAutoConfiguration",
                prefix + "LithairMetricsAutoConfiguration", prefix + "LithairHealthAutoConfiguration",
                prefix + "LithairEndpointAutoConfiguration", prefix + "LithairAdminSecurityAutoConfiguration",
                prefix + "LithairAdminWebAutoConfiguration", prefix + "LithairRepositoriesAutoConfiguration",
                prefix + "LithairTransactionAutoConfiguration", prefix + "LithairTenancyAutoConfiguration",
                prefix + "LithairTenancyAdminAutoConfiguration", prefix + "LithairTenancyMetricsAutoConfiguration");
        assertThat(metadata.getProperty(prefix + "LithairClusterAutoConfiguration.ConditionalOnClass"))
                .contains("com.alipay.sofa.jraft.Node");
        assertThat(metadata.getProperty(prefix + "LithairMetricsAutoConfiguration.ConditionalOnClass"))
                .contains("io.micrometer.core.instrument.MeterRegistry");
        assertThat(metadata.getProperty(prefix + "LithairHealthAutoConfiguration.ConditionalOnClass"))
                .contains("org.springframework.boot.health.contributor.Health",
                        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator");
        assertThat(metadata.getProperty(prefix + "LithairEndpointAutoConfiguration.ConditionalOnClass")).contains(
                "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
                "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint");
        assertThat(metadata.getProperty(prefix + "LithairAdminSecurityAutoConfiguration.ConditionalOnClass"))
                .contains("org.springframework.security.web.SecurityFilterChain",
                        "org.springframework.web.servlet.DispatcherServlet");
        assertThat(metadata.getProperty(prefix + "LithairAdminWebAutoConfiguration.ConditionalOnClass"))
                .contains("org.springframework.web.servlet.DispatcherServlet");
        assertThat(metadata.getProperty(prefix + "LithairRepositoriesAutoConfiguration.ConditionalOnClass"))
                .contains("dev.lithair.spring.repository.LithairRepository");
        assertThat(metadata.getProperty(prefix + "LithairTransactionAutoConfiguration.ConditionalOnClass"))
                .contains("org.springframework.transaction.PlatformTransactionManager");
        assertThat(metadata.getProperty(prefix + "LithairTenancyAutoConfiguration.ConditionalOnClass"))
                .contains("org.springframework.transaction.PlatformTransactionManager");
        assertThat(metadata.getProperty(prefix + "LithairTenancyMetricsAutoConfiguration.ConditionalOnClass"))
                .contains("io.micrometer.core.instrument.MeterRegistry");
        assertThat(metadata.getProperty(prefix + "LithairTenancyAdminAutoConfiguration.ConditionalOnClass"))
                .contains("org.springframework.web.servlet.DispatcherServlet");
    }
}
