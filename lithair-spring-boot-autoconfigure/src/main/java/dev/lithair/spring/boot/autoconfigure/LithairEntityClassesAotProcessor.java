package dev.lithair.spring.boot.autoconfigure;

import javax.lang.model.element.Modifier;

import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.InstanceSupplier;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.javapoet.CodeBlock;
import org.springframework.util.ClassUtils;

/**
 * Finds the entity classes while the application is processed ahead of time, and writes them into the
 * generated code of the {@link LithairEntityClasses} bean, with the reflection hints the engine needs to
 * read, copy and rebuild them.
 *
 * <p>Why: the entity classes are found by reading class files from the class path, which a native
 * image does not have, so the list found at build time is the one the application starts with. The
 * engine reads and writes entity fields reflectively, creates classes through their no-argument
 * constructor and records through their canonical one, and binds them with Jackson: each entity class
 * and its superclasses get their fields, constructors and methods. Spring Data's own hints cover the
 * domain types of repositories only.
 */
final class LithairEntityClassesAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        if (!LithairEntityClasses.class.isAssignableFrom(registeredBean.getBeanType().toClass())) {
            return null;
        }
        LithairEntityClasses found = registeredBean.getBeanFactory().getBean(registeredBean.getBeanName(),
                LithairEntityClasses.class);
        return new EntityClassesContribution(found);
    }

    /** Registers the hints, and replaces the bean's instance supplier by the list found. */
    private static final class EntityClassesContribution implements BeanRegistrationAotContribution {

        private final LithairEntityClasses found;

        EntityClassesContribution(LithairEntityClasses found) {
            this.found = found;
        }

        @Override
        public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
            registerEntityHints(generationContext.getRuntimeHints().reflection(), found);
        }

        @Override
        public BeanRegistrationCodeFragments customizeBeanRegistrationCodeFragments(
                GenerationContext generationContext, BeanRegistrationCodeFragments codeFragments) {
            return new BeanRegistrationCodeFragmentsDecorator(codeFragments) {

                @Override
                public CodeBlock generateInstanceSupplierCode(GenerationContext context, BeanRegistrationCode code,
                        boolean allowDirectSupplierShortcut) {
                    GeneratedMethod method = code.getMethods().add("getInstance", builder -> builder
                            .addJavadoc("The Lithair entity classes found when the application was processed.")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .addParameter(RegisteredBean.class, "registeredBean")
                            .returns(LithairEntityClasses.class)
                            .addStatement("$T classLoader = registeredBean.getBeanFactory().getBeanClassLoader()",
                                    ClassLoader.class)
                            .addStatement("return $T.of($L)", LithairEntityClasses.class, classesByName()));
                    return CodeBlock.of("$T.of($T::$L)", InstanceSupplier.class, code.getClassName(),
                            method.getName());
                }
            };
        }

        /** By name: an entity class may be package-private, out of reach of the generated class. */
        private CodeBlock classesByName() {
            return found.classes().stream()
                    .map(type -> CodeBlock.of("$T.resolveClassName($S, classLoader)", ClassUtils.class, type.getName()))
                    .collect(CodeBlock.joining(", "));
        }
    }

    /** Fields, constructors and methods of each entity class and its superclasses, and Jackson's bindings. */
    private static void registerEntityHints(ReflectionHints hints, LithairEntityClasses entities) {
        BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
        for (Class<?> entity : entities.classes()) {
            for (Class<?> type = entity; type != null && type != Object.class && type != Record.class;
                    type = type.getSuperclass()) {
                hints.registerType(type, MemberCategory.ACCESS_DECLARED_FIELDS,
                        MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS);
            }
            bindings.registerReflectionHints(hints, entity);
        }
    }
}
