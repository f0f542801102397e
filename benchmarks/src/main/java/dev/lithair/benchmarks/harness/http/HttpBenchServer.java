package dev.lithair.benchmarks.harness.http;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.lithair.benchmarks.harness.SystemUnderTest;

/**
 * The benchmark HTTP server: Spring MVC on Tomcat serving {@code GET /api/products/{id}} from the
 * system under test (opened in the same process, in its own context) and
 * {@code GET /constant/products/{id}} from a constant, the web stack's own cost.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairMetricsAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairHealthAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairEndpointAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairAdminSecurityAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairAdminWebAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration",
        "dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration"})
@Import(ProductController.class)
public class HttpBenchServer {

    /** Starts the server on a free loopback port and returns it; the system stays the caller's. */
    public static int start(SystemUnderTest system) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HttpBenchServer.class)
                .web(WebApplicationType.SERVLET)
                .initializers(c -> c.getBeanFactory().registerSingleton("systemUnderTest", system))
                .properties("spring.main.banner-mode=off", "logging.level.root=warn", "server.port=0",
                        "server.address=127.0.0.1")
                .run();
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
