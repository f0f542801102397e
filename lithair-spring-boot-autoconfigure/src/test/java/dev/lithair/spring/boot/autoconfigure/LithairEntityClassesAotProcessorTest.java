package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.env.MapPropertySource;
import org.springframework.javapoet.ClassName;

import dev.lithair.internal.codec.LogRecord;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.GiftCard;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Identified;
import dev.lithair.spring.boot.autoconfigure.fixtures.shop.Product;

/**
 * Processing an application ahead of time writes the entity classes found into the generated code, and
 * registers what the engine needs to read and rebuild them, along with the store's own hints.
 */
class LithairEntityClassesAotProcessorTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(LithairAutoConfiguration.class)
    @AutoConfigurationPackage(basePackageClasses = Product.class)
    static class ShopOnScannedTypes {
    }

    private InMemoryGeneratedFiles files;

    private RuntimeHints processAheadOfTime() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("lithair.data-dir", dataDir.toString())));
        context.register(ShopOnScannedTypes.class);
        files = new InMemoryGeneratedFiles();
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get(getClass().getPackageName(), "Shop")), files);
        new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        generation.writeGeneratedContent();
        return generation.getRuntimeHints();
    }

    private String generatedSources() {
        StringBuilder all = new StringBuilder();
        files.getGeneratedFiles(Kind.SOURCE).values().forEach(source -> {
            try {
                all.append(new String(source.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return all.toString();
    }

    @Test
    void theEntityClassesFoundAreWrittenIntoTheGeneratedBeanDefinition() {
        processAheadOfTime();

        assertThat(generatedSources()).contains("LithairEntityClasses.of(")
                .contains("resolveClassName(\"" + GiftCard.class.getName() + "\", classLoader)")
                .contains("resolveClassName(\"" + Product.class.getName() + "\", classLoader)");
    }

    @Test
    void entityFieldsAndConstructorsOfTheClassAndItsSuperclassesAreReachableByReflection() throws Exception {
        RuntimeHints hints = processAheadOfTime();

        assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(GiftCard.class, "cents")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(Identified.class, "id")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(GiftCard.class.getDeclaredConstructor()))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Product.class, "price")).accepts(hints);
    }

    @Test
    void theStoresOwnHintsComeWithTheAutoConfiguration() {
        RuntimeHints hints = processAheadOfTime();

        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LogRecord.class, "events")).accepts(hints);
    }
}
