package dev.lithair.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.transaction.annotation.Transactional;

/**
 * A test of an application's Lithair repositories only, as {@code @DataJpaTest} is for JPA: the context
 * holds Lithair's store, repositories and transaction manager, and none of the application's web,
 * security or actuator beans, nor its own {@code @Component} classes.
 *
 * <p>Each test method runs in a transaction that is rolled back at its end, so what it saves is never
 * committed: the next method starts from the same store. Reads inside the method see its own saves, but
 * what only a commit does is not done (history, as-of reads, unique and version checks, published
 * events); a method that needs it commits with {@code @Commit} or runs outside the test transaction with
 * {@code @Transactional(propagation = NOT_SUPPORTED)}.
 *
 * <p>As {@link AutoConfigureLithair} says, the store lives in a fresh temporary {@code lithair.data-dir}
 * per test class, deleted afterwards, with {@code lithair.storage.fsync=never} unless the configuration
 * sets it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DataLithairTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DataLithairTypeExcludeFilter.class)
@Transactional
@AutoConfigureLithair
@ImportAutoConfiguration
public @interface DataLithairTest {

    /**
     * Properties in form {@literal key=value} added to the Spring {@link Environment} before the test
     * runs; a {@code lithair.data-dir} set here is used instead of the temporary directory.
     *
     * @return the properties to add
     */
    String[] properties() default {};

    /**
     * Whether the application's components are filtered as the slice does: by default only
     * {@code LithairStoreOptionsCustomizer} classes are kept from the component scan of the
     * {@link SpringBootApplication @SpringBootApplication}.
     *
     * @return whether the slice's filters apply
     */
    boolean useDefaultFilters() default true;

    /** {@return filters adding back components that the slice would leave out (a service under test, say)} */
    Filter[] includeFilters() default {};

    /** {@return filters leaving out components that the slice would otherwise keep} */
    Filter[] excludeFilters() default {};

    /** {@return auto-configuration classes not to apply in this test} */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
