package dev.lithair.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import dev.lithair.spring.test.library.BookRepository;
import dev.lithair.spring.test.library.Lending;
import dev.lithair.spring.transaction.LithairTransactionManager;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.StoreOptions;

/** A {@code @DataLithairTest} context holds Lithair's data beans, and none of the application's web layer. */
@DataLithairTest
class DataLithairTestSliceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theSliceHasTheRepositoriesAndLithairsTransactionManager() {
        assertThat(context.getBeansOfType(BookRepository.class)).hasSize(1);
        assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(LithairTransactionManager.class);
    }

    @Test
    void theSliceLeavesOutWebSecurityAndTheApplicationsComponents() {
        assertThat(context).isNotInstanceOf(WebApplicationContext.class);
        assertThat(context.getBeanNamesForType(DispatcherServlet.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
        assertThat(context.getBeanNamesForType(Lending.class)).isEmpty();
        assertThat(context.containsBean("bookController")).isFalse();
        assertThat(context.getBeanDefinitionNames())
                .noneMatch(name -> name.toLowerCase().contains("actuator") || name.toLowerCase().contains("admin"));
    }

    @Test
    void theStoreLivesInATemporaryDirectoryWithoutFsync() {
        StoreOptions options = context.getBean(StoreOptions.class);

        assertThat(options.dataDirectory()).startsWith(Path.of(System.getProperty("java.io.tmpdir")))
                .isNotEqualTo(Path.of("./data"));
        assertThat(options.fsyncPolicy()).isEqualTo(FsyncPolicy.NEVER);
    }
}
