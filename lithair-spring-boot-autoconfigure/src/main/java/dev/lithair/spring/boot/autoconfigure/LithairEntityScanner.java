package dev.lithair.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.RecordComponentVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds entity classes: concrete classes and records with a field, record component or accessor
 * annotated with Spring Data's {@code @Id} or with any Lithair annotation ({@code @Historize},
 * {@code @Immutable}, {@code @Indexed}, {@code @Unique}), declared by the class or a superclass.
 *
 * <p>Class files are read, not loaded, to decide: only the entity classes found are loaded (and not
 * initialised).
 */
public final class LithairEntityScanner {

    private static final String SPRING_DATA_ID = "Lorg/springframework/data/annotation/Id;";
    private static final String LITHAIR_ANNOTATIONS = "Ldev/lithair/annotation/";

    private final ResourceLoader resourceLoader;
    private final Environment environment;

    /**
     * A scanner of the application's class path.
     *
     * @param resourceLoader loads the classes
     * @param environment    resolves placeholders in package names
     */
    public LithairEntityScanner(ResourceLoader resourceLoader, Environment environment) {
        this.resourceLoader = resourceLoader;
        this.environment = environment;
    }

    /**
     * The entity classes in these packages and the packages below them.
     *
     * @param packages the packages
     * @return the entity classes
     */
    public Set<Class<?>> scan(Collection<String> packages) {
        ClassPathScanningCandidateComponentProvider provider = new ClassPathScanningCandidateComponentProvider(false,
                environment);
        provider.setResourceLoader(resourceLoader);
        provider.addIncludeFilter(new EntityTypeFilter());
        ClassLoader classLoader = resourceLoader.getClassLoader();
        Set<Class<?>> found = new LinkedHashSet<>();
        for (String basePackage : packages) {
            for (BeanDefinition candidate : provider.findCandidateComponents(basePackage)) {
                String className = candidate.getBeanClassName();
                try {
                    found.add(ClassUtils.forName(className, classLoader));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load entity class " + className, e);
                }
            }
        }
        return found;
    }

    /** Matches a class file whose members (or whose superclasses' members) carry an entity annotation. */
    static final class EntityTypeFilter implements TypeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            if (reader.getClassMetadata().isInterface() || reader.getClassMetadata().isAnnotation()) {
                return false;
            }
            MetadataReader current = reader;
            while (current != null) {
                if (declaresEntityAnnotation(current)) {
                    return true;
                }
                String superName = current.getClassMetadata().getSuperClassName();
                if (superName == null || superName.equals("java.lang.Object") || superName.equals("java.lang.Record")
                        || superName.startsWith("java.")) {
                    return false;
                }
                try {
                    current = factory.getMetadataReader(superName);
                } catch (IOException e) {
                    return false;
                }
            }
            return false;
        }

        private static boolean declaresEntityAnnotation(MetadataReader reader) throws IOException {
            Finder finder = new Finder();
            try (InputStream in = reader.getResource().getInputStream()) {
                new ClassReader(in).accept(finder, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG
                        | ClassReader.SKIP_FRAMES);
            }
            return finder.found;
        }
    }

    /** Visits member annotations only, remembering whether one marks an entity. */
    private static final class Finder extends ClassVisitor {

        boolean found;

        Finder() {
            super(SpringAsmInfo.ASM_VERSION);
        }

        private AnnotationVisitor seen(String descriptor) {
            if (descriptor.equals(SPRING_DATA_ID) || descriptor.startsWith(LITHAIR_ANNOTATIONS)) {
                found = true;
            }
            return null;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            return new FieldVisitor(SpringAsmInfo.ASM_VERSION) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return seen(annotation);
                }
            };
        }

        @Override
        public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
            return new RecordComponentVisitor(SpringAsmInfo.ASM_VERSION) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return seen(annotation);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodVisitor(SpringAsmInfo.ASM_VERSION) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return seen(annotation);
                }
            };
        }
    }
}
