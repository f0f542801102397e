package dev.lithair.spring.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.data.support.ExampleMatcherAccessor;

import dev.lithair.spring.core.mapping.LithairMappingContext;
import dev.lithair.spring.core.mapping.LithairPersistentProperty;

/**
 * Query by Example, tested in memory: the probe's properties (nested ones included) that are set,
 * or all of them with {@link ExampleMatcher.NullHandler#INCLUDE}, each compared as the matcher says
 * (exact, starting, ending, containing, regex; ignoring case). The {@code @Version} property takes
 * no part. Only entities of the probe's class (or a subclass) match. Immutable and thread-safe.
 */
public final class ExampleFilter implements Predicate<Object> {

    private record Check(String path, Object expected, ExampleMatcher.StringMatcher stringMatcher, boolean ignoreCase,
            ExampleMatcher.PropertyValueTransformer transformer) {
    }

    private final Class<?> probeType;
    private final boolean all;
    private final List<Check> checks;

    private ExampleFilter(Class<?> probeType, boolean all, List<Check> checks) {
        this.probeType = probeType;
        this.all = all;
        this.checks = checks;
    }

    /**
     * The filter of {@code example}, its probe's properties read through the mapping metadata.
     *
     * @param example        the example
     * @param mappingContext the mapping metadata
     * @return the filter
     */
    public static ExampleFilter of(Example<?> example, LithairMappingContext mappingContext) {
        ExampleMatcher matcher = example.getMatcher();
        ExampleMatcherAccessor accessor = new ExampleMatcherAccessor(matcher);
        List<Check> checks = new ArrayList<>();
        collect(example.getProbe(), "", mappingContext, accessor, checks);
        return new ExampleFilter(example.getProbeType(), matcher.isAllMatching(), List.copyOf(checks));
    }

    private static void collect(Object probe, String prefix, LithairMappingContext mappingContext,
            ExampleMatcherAccessor accessor, List<Check> checks) {
        BasicPersistentEntity<?, LithairPersistentProperty> entity = mappingContext
                .getRequiredPersistentEntity(probe.getClass());
        PersistentPropertyAccessor<?> values = entity.getPropertyAccessor(probe);
        entity.doWithProperties((LithairPersistentProperty property) -> {
            if (property.isVersionProperty() || property.isTransient()) {
                return;
            }
            String path = prefix + property.getName();
            if (accessor.isIgnoredPath(path)) {
                return;
            }
            Object value = values.getProperty(property);
            if (value == null && accessor.getNullHandler() == ExampleMatcher.NullHandler.IGNORE) {
                return;
            }
            if (value != null && property.isEntity() && !property.isCollectionLike() && !property.isMap()) {
                collect(value, path + ".", mappingContext, accessor, checks);
                return;
            }
            checks.add(new Check(path, value, accessor.getStringMatcherForPath(path),
                    accessor.isIgnoreCaseForPath(path), accessor.getValueTransformerForPath(path)));
        });
    }

    @Override
    public boolean test(Object entity) {
        if (!probeType.isInstance(entity)) {
            return false;
        }
        if (checks.isEmpty()) {
            return true;
        }
        for (Check check : checks) {
            boolean matches = matches(check, entity);
            if (all && !matches) {
                return false;
            }
            if (!all && matches) {
                return true;
            }
        }
        return all;
    }

    private static boolean matches(Check check, Object entity) {
        Object actual = PropertyValues.read(entity, check.path());
        Optional<Object> transformed = check.transformer().apply(Optional.ofNullable(actual));
        actual = transformed.orElse(null);
        Object expected = check.expected();
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (!(expected instanceof String) || !(actual instanceof String)) {
            return expected instanceof java.math.BigDecimal && actual instanceof java.math.BigDecimal
                    ? ((java.math.BigDecimal) expected).compareTo((java.math.BigDecimal) actual) == 0
                    : Objects.equals(expected, actual);
        }
        String value = (String) actual;
        String probe = (String) expected;
        if (check.stringMatcher() == ExampleMatcher.StringMatcher.REGEX) {
            return Pattern.compile(probe, check.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
        }
        if (check.ignoreCase()) {
            value = value.toLowerCase(Locale.ROOT);
            probe = probe.toLowerCase(Locale.ROOT);
        }
        switch (check.stringMatcher()) {
            case STARTING:
                return value.startsWith(probe);
            case ENDING:
                return value.endsWith(probe);
            case CONTAINING:
                return value.contains(probe);
            default:
                return value.equals(probe);
        }
    }
}
