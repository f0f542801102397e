package dev.lithair.model;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lithair.annotation.FormerlyNamed;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Historize;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Indexed;
import dev.lithair.annotation.Unique;

/**
 * The persistent shape of an entity type (a record or a class), read once by reflection: its name,
 * its fields and what each declares. Identity is the field annotated with Spring Data's {@code @Id}
 * when present, otherwise the field named {@code id}; Spring Data's {@code @Version} marks the
 * optimistic-locking version. Spring's annotations are recognised by name, so the engine needs no
 * Spring on its class path. A field's {@link FormerlyNamed former names} resolve to it, so data
 * written before a rename still reads. Immutable and thread-safe.
 *
 * @param <T> the entity type
 */
public final class EntityModel<T> {

    static final String SPRING_DATA_ID = "org.springframework.data.annotation.Id";
    static final String SPRING_DATA_VERSION = "org.springframework.data.annotation.Version";
    static final String SPRING_DATA_TRANSIENT = "org.springframework.data.annotation.Transient";

    private final Class<T> type;
    private final String name;
    private final List<FieldModel> fields;
    private final Map<String, FieldModel> byName;
    private final FieldModel id;
    private final FieldModel version;
    private final Map<String, String> formerNames;

    private EntityModel(Class<T> type, String name, List<FieldModel> fields, Map<String, String> formerNames) {
        this.type = type;
        this.name = name;
        this.fields = List.copyOf(fields);
        Map<String, FieldModel> map = new LinkedHashMap<>();
        fields.forEach(field -> map.put(field.name(), field));
        this.byName = Collections.unmodifiableMap(map);
        formerNames.forEach((former, current) -> {
            if (map.containsKey(former)) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + current + " is @FormerlyNamed(\""
                        + former + "\") but " + former + " is another field of the type");
            }
        });
        this.formerNames = Map.copyOf(formerNames);
        this.id = fields.stream().filter(FieldModel::id).findFirst().orElseThrow(() -> new IllegalArgumentException(
                type.getName() + " has no identity: annotate a field with @Id or name it 'id'"));
        this.version = fields.stream().filter(FieldModel::version).findFirst().orElse(null);
    }

    /**
     * Reads the model of {@code type}, named after its simple class name.
     *
     * @param type          the entity class or record
     * @param defaultPolicy the policy of fields without {@code @Historize}: {@code FULL} or {@code NONE}
     * @param <T>           the entity type
     * @return the model
     */
    public static <T> EntityModel<T> of(Class<T> type, HistoryPolicy defaultPolicy) {
        return of(type, type.getSimpleName(), defaultPolicy);
    }

    /**
     * Reads the model of {@code type}.
     *
     * @param name          the type's name in events, routes and metrics
     * @param defaultPolicy the policy of fields without {@code @Historize}: {@code FULL} or {@code NONE}
     * @param type          the entity class or record
     * @param <T>           the entity type
     * @return the model
     */
    public static <T> EntityModel<T> of(Class<T> type, String name, HistoryPolicy defaultPolicy) {
        if (defaultPolicy != HistoryPolicy.FULL && defaultPolicy != HistoryPolicy.NONE) {
            throw new IllegalArgumentException("the default history policy must be FULL or NONE, was " + defaultPolicy);
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        List<FieldModel> fields = new ArrayList<>();
        Map<String, String> formerNames = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Field backing = declaredField(type, component.getName());
                MethodHandle getter = unreflect(lookup, component.getAccessor());
                fields.add(describe(type, component.getName(), component.getGenericType(), getter, defaultPolicy,
                        component, backing));
                addFormerNames(type, component.getName(), annotation(FormerlyNamed.class, component, backing),
                        formerNames);
            }
        } else {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                            || field.isSynthetic() || hasAnnotationNamed(field, SPRING_DATA_TRANSIENT)) {
                        continue;
                    }
                    field.setAccessible(true);
                    MethodHandle getter;
                    try {
                        getter = lookup.unreflectGetter(field);
                    } catch (IllegalAccessException e) {
                        throw new IllegalArgumentException("cannot read " + type.getName() + "." + field.getName(), e);
                    }
                    fields.add(describe(type, field.getName(), field.getGenericType(), getter, defaultPolicy, field, null));
                    addFormerNames(type, field.getName(), field.getAnnotation(FormerlyNamed.class), formerNames);
                }
            }
        }
        return new EntityModel<>(type, name, withImplicitId(type, fields), formerNames);
    }

    /** Identity when no field carries {@code @Id}: the field named {@code id}. */
    private static List<FieldModel> withImplicitId(Class<?> type, List<FieldModel> fields) {
        if (fields.stream().anyMatch(FieldModel::id)) {
            return fields;
        }
        List<FieldModel> result = new ArrayList<>(fields.size());
        for (FieldModel f : fields) {
            if (!f.name().equals("id")) {
                result.add(f);
                continue;
            }
            if (f.maxAge() != null) {
                throw new IllegalArgumentException(type.getSimpleName() + ".id declares maxAge = \"" + f.maxAge()
                        + "\" but is the identity, which keeps no history");
            }
            result.add(new FieldModel(f.name(), f.javaType(), f.getter(), HistoryPolicy.NONE, 0, null, true,
                    f.indexed(), f.sorted(), f.unique(), true, f.version()));
        }
        return result;
    }

    private static void addFormerNames(Class<?> type, String current, FormerlyNamed formerlyNamed,
            Map<String, String> formerNames) {
        if (formerlyNamed == null) {
            return;
        }
        for (String former : formerlyNamed.value()) {
            String where = type.getSimpleName() + "." + current + " @FormerlyNamed(\"" + former + "\")";
            if (former.isBlank() || former.equals(current)) {
                throw new IllegalArgumentException(where + ": a former name must be another, non-blank name");
            }
            String claimed = formerNames.putIfAbsent(former, current);
            if (claimed != null && !claimed.equals(current)) {
                throw new IllegalArgumentException(where + ": " + claimed + " claims the same former name");
            }
        }
    }

    private static FieldModel describe(Class<?> type, String name, java.lang.reflect.Type javaType, MethodHandle getter,
            HistoryPolicy defaultPolicy, AnnotatedElement primary, AnnotatedElement secondary) {
        Historize historize = annotation(Historize.class, primary, secondary);
        boolean immutable = annotation(Immutable.class, primary, secondary) != null;
        Indexed indexed = annotation(Indexed.class, primary, secondary);
        boolean unique = annotation(Unique.class, primary, secondary) != null;
        boolean id = hasAnnotationNamed(primary, SPRING_DATA_ID) || hasAnnotationNamed(secondary, SPRING_DATA_ID);
        boolean version = hasAnnotationNamed(primary, SPRING_DATA_VERSION)
                || hasAnnotationNamed(secondary, SPRING_DATA_VERSION);
        String where = type.getSimpleName() + "." + name;
        if (immutable && historize != null) {
            throw new IllegalArgumentException(where + " is @Immutable and @Historize"
                    + (historize.maxAge().isEmpty() ? "" : "(maxAge = \"" + historize.maxAge() + "\")")
                    + ": an immutable field has no history");
        }
        HistoryPolicy policy;
        int versions = 0;
        if (immutable) {
            policy = HistoryPolicy.NONE;
        } else if (historize == null) {
            policy = defaultPolicy;
        } else if (historize.versions() > 0) {
            if (historize.value() != HistoryPolicy.DEFAULT && historize.value() != HistoryPolicy.VERSIONS) {
                throw new IllegalArgumentException(where + " declares both " + historize.value() + " and versions = "
                        + historize.versions());
            }
            policy = HistoryPolicy.VERSIONS;
            versions = historize.versions();
        } else if (historize.versions() < 0) {
            throw new IllegalArgumentException(where + " declares versions = " + historize.versions()
                    + "; it must be positive");
        } else if (historize.value() == HistoryPolicy.VERSIONS) {
            throw new IllegalArgumentException(where + " declares VERSIONS without a positive versions count");
        } else if (historize.value() == HistoryPolicy.DEFAULT && !historize.maxAge().isEmpty()) {
            policy = HistoryPolicy.FULL; // @Historize(maxAge = "P90D") keeps every change of the last 90 days
        } else {
            policy = historize.value() == HistoryPolicy.DEFAULT ? defaultPolicy : historize.value();
        }
        if (id || version) {
            policy = HistoryPolicy.NONE;
        }
        Duration maxAge = null;
        if (historize != null && !historize.maxAge().isEmpty()) {
            String keepsNothing = id ? "it is the identity" : version ? "it is the @Version"
                    : "its policy is NONE";
            maxAge = maxAge(where, historize.maxAge(), policy == HistoryPolicy.NONE ? keepsNothing : null);
        }
        boolean sorted = indexed != null && indexed.sorted();
        return new FieldModel(name, javaType, getter, policy, versions, maxAge, immutable || id, indexed != null,
                sorted, unique, id, version);
    }

    /**
     * The declared {@link Historize#maxAge()}. Refused when it is not a positive ISO-8601 duration, or
     * when the field keeps no history: an age limit there would mean nothing.
     *
     * @param keepsNothing why the field keeps no history, {@code null} when it keeps some
     */
    private static Duration maxAge(String where, String declared, String keepsNothing) {
        Duration maxAge;
        try {
            maxAge = Duration.parse(declared);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + " declares maxAge = \"" + declared
                    + "\", which is not an ISO-8601 duration such as \"P90D\" or \"PT1H\"", e);
        }
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException(where + " declares maxAge = \"" + declared + "\"; it must be positive");
        }
        if (keepsNothing != null) {
            throw new IllegalArgumentException(where + " declares maxAge = \"" + declared + "\" but keeps no history ("
                    + keepsNothing + "): declare HistoryPolicy.FULL or versions = N beside it");
        }
        return maxAge;
    }

    private static <A extends Annotation> A annotation(Class<A> type, AnnotatedElement primary, AnnotatedElement secondary) {
        A found = primary.getAnnotation(type);
        return found != null || secondary == null ? found : secondary.getAnnotation(type);
    }

    private static boolean hasAnnotationNamed(AnnotatedElement element, String annotationName) {
        if (element == null) {
            return false;
        }
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return true;
            }
        }
        return false;
    }

    private static Field declaredField(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static MethodHandle unreflect(MethodHandles.Lookup lookup, java.lang.reflect.Method accessor) {
        try {
            accessor.setAccessible(true);
            return lookup.unreflect(accessor);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + accessor, e);
        }
    }

    /** {@return the entity class or record} */
    public Class<T> type() {
        return type;
    }

    /** {@return the type's name in events, routes and metrics} */
    public String name() {
        return name;
    }

    /** {@return the fields, in declaration order} */
    public List<FieldModel> fields() {
        return fields;
    }

    /**
     * The field named {@code fieldName}, or {@code null}.
     *
     * @param fieldName the field's current name
     * @return the field, or {@code null}
     */
    public FieldModel field(String fieldName) {
        return byName.get(fieldName);
    }

    /**
     * The field named {@code fieldName} now or {@link FormerlyNamed formerly}, or {@code null}.
     *
     * @param fieldName a current or former name
     * @return the field, or {@code null}
     */
    public FieldModel resolve(String fieldName) {
        FieldModel field = byName.get(fieldName);
        if (field != null) {
            return field;
        }
        String current = formerNames.get(fieldName);
        return current == null ? null : byName.get(current);
    }

    /**
     * Former field names, each to the current name of its field; empty when nothing was renamed.
     *
     * @return current names by former name
     */
    public Map<String, String> formerNames() {
        return formerNames;
    }

    /** {@return the {@code @Id} field} */
    public FieldModel idField() {
        return id;
    }

    /**
     * The {@code @Version} field, or {@code null}.
     *
     * @return the version field, or {@code null}
     */
    public FieldModel versionField() {
        return version;
    }

    /**
     * The entity's id, as the string the store keys it by.
     *
     * @param entity an entity of the type
     * @return its id
     */
    public String idOf(T entity) {
        Object value = id.read(entity);
        return value == null ? null : value.toString();
    }
}
