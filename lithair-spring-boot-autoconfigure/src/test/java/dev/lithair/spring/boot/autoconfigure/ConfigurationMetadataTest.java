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
                "lithair.cluster.snapshot-interval", "lithair.entity-names");
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
}
