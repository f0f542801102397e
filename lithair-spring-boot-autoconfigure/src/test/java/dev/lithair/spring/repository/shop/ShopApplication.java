package dev.lithair.spring.repository.shop;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.model.EntityModel;
import dev.lithair.spring.repository.config.LithairRepositoryEntityTypes;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;

/**
 * The test application: its repositories are found by the auto-configuration in this package; the
 * store is opened here on {@code shop.data-dir} with the entity types the repositories declare.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
public class ShopApplication {

    @Bean
    Clock storeClock() {
        return new TickingClock();
    }

    @Bean(destroyMethod = "close")
    LithairStore lithairStore(@Value("${shop.data-dir}") Path dataDir, LithairRepositoryEntityTypes types, Clock clock) {
        List<EntityModel<?>> models = types.types().stream()
                .<EntityModel<?>>map(type -> EntityModel.of(type, HistoryPolicy.NONE)).toList();
        return LithairStore.open(StoreOptions.defaults(dataDir).withFsyncPolicy(FsyncPolicy.NEVER).withClock(clock),
                models);
    }
}
