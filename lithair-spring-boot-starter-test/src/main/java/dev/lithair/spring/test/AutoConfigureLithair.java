package dev.lithair.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Lithair's store, repositories and transaction manager in a test's context, on a fresh temporary data
 * directory: what {@link DataLithairTest @DataLithairTest} builds on, and what a
 * {@code @SpringBootTest} adds to keep its data out of the application's directory.
 *
 * <p>The directory is created before the context starts and becomes {@code lithair.data-dir}, whatever
 * {@code application.yml}, system properties or environment variables say, unless the test itself
 * sets {@code lithair.data-dir} (test properties, {@code @TestPropertySource},
 * {@code @DynamicPropertySource}). It is deleted once the context has closed, after the test class: a
 * store owns its directory, so each test class gets a context, and a directory, of its own.
 * {@code lithair.storage.fsync} defaults to {@code never}, since a test's data needs no durability
 * against power loss; any configuration that sets it wins.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@DirtiesContext
public @interface AutoConfigureLithair {
}
