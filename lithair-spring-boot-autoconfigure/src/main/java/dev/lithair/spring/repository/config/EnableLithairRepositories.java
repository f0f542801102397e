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

    /**
     * Alias for {@link #basePackages()}.
     *
     * @return the base packages
     */
    String[] value() default {};

    /**
     * Packages to scan for repository interfaces.
     *
     * @return the packages
     */
    String[] basePackages() default {};

    /**
     * Classes whose packages are scanned for repository interfaces.
     *
     * @return the classes
     */
    Class<?>[] basePackageClasses() default {};

    /**
     * Types eligible for repositories beyond the scan.
     *
     * @return the filters
     */
    Filter[] includeFilters() default {};

    /**
     * Types not to make repositories of.
     *
     * @return the filters
     */
    Filter[] excludeFilters() default {};

    /**
     * Postfix of custom implementation classes ({@code ProductRepositoryImpl}).
     *
     * @return the postfix
     */
    String repositoryImplementationPostfix() default "Impl";

    /**
     * Unused: Lithair has no query language, so there are no named queries.
     *
     * @return ignored
     */
    String namedQueriesLocation() default "";

    /**
     * Lithair derives every query from the method name, whatever this says.
     *
     * @return ignored
     */
    Key queryLookupStrategy() default QueryLookupStrategy.Key.CREATE_IF_NOT_FOUND;

    /**
     * The factory bean class of each repository.
     *
     * @return the factory bean class
     */
    Class<?> repositoryFactoryBeanClass() default LithairRepositoryFactoryBean.class;

    /**
     * The repository base class; the default is {@code SimpleLithairRepository}.
     *
     * @return the base class
     */
    Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

    /**
     * Whether repository interfaces nested in other classes are found too.
     *
     * @return whether nested interfaces are found
     */
    boolean considerNestedRepositories() default false;

    /**
     * When repositories are created.
     *
     * @return the bootstrap mode
     */
    BootstrapMode bootstrapMode() default BootstrapMode.DEFAULT;

    /**
     * The name of the {@code LithairTemplate} (or other {@code LithairOperations}) bean the repositories use.
     *
     * @return the bean name
     */
    String templateRef() default "lithairTemplate";
}
