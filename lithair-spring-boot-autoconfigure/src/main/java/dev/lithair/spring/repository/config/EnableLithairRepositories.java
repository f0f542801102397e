package dev.lithair.spring.repository.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;

import dev.lithair.spring.repository.support.LithairRepositoryFactoryBean;

/**
 * Enables Lithair repositories: interfaces extending
 * {@link dev.lithair.spring.repository.LithairRepository} in the given packages (by default the
 * annotated class's package) become beans. Spring Boot applications need it only to scan other
 * packages than the application's: without it, the auto-configuration scans the application's
 * packages.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(LithairRepositoriesRegistrar.class)
public @interface EnableLithairRepositories {

    /** Alias for {@link #basePackages()}. */
    String[] value() default {};

    /** Packages to scan for repository interfaces. */
    String[] basePackages() default {};

    /** Classes whose packages are scanned for repository interfaces. */
    Class<?>[] basePackageClasses() default {};

    /** Types eligible for repositories beyond the scan. */
    Filter[] includeFilters() default {};

    /** Types not to make repositories of. */
    Filter[] excludeFilters() default {};

    /** Postfix of custom implementation classes ({@code ProductRepositoryImpl}). */
    String repositoryImplementationPostfix() default "Impl";

    /** Unused: Lithair has no query language, so there are no named queries. */
    String namedQueriesLocation() default "";

    /** Lithair derives every query from the method name, whatever this says. */
    Key queryLookupStrategy() default QueryLookupStrategy.Key.CREATE_IF_NOT_FOUND;

    /** The factory bean class of each repository. */
    Class<?> repositoryFactoryBeanClass() default LithairRepositoryFactoryBean.class;

    /** The repository base class; the default is {@code SimpleLithairRepository}. */
    Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

    /** Whether repository interfaces nested in other classes are found too. */
    boolean considerNestedRepositories() default false;

    /** When repositories are created. */
    BootstrapMode bootstrapMode() default BootstrapMode.DEFAULT;

    /** The name of the {@code LithairTemplate} (or other {@code LithairOperations}) bean the repositories use. */
    String templateRef() default "lithairTemplate";
}
