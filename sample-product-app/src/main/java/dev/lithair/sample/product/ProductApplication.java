package dev.lithair.sample.product;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.data.web.config.EnableSpringDataWebSupport.PageSerializationMode;

/**
 * The product sample: a shop's catalogue on Lithair. Entities and repositories in this package and
 * below are found by the Lithair starter; data goes to {@code lithair.data-dir} ({@code ./data}).
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
// Pages are written as {"content": [...], "page": {...}}: a stable JSON shape, not PageImpl's internals.
@EnableSpringDataWebSupport(pageSerializationMode = PageSerializationMode.VIA_DTO)
public class ProductApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductApplication.class, args);
    }
}
