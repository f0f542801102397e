package dev.lithair.spring.boot.autoconfigure.admin;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;

/**
 * Entities as the application's own REST API shows them: written with the application's {@link JsonMapper},
 * so what its JSON hides ({@code @JsonIgnore}, {@code @JsonProperty(access = WRITE_ONLY)}, ignored
 * properties, mix-ins) stays hidden on the admin routes too. The store keeps those fields (a password hash
 * must survive a restart); an export or a history is not the place to hand them out.
 *
 * <p>Thread-safe: what a type hides is worked out once per type.
 */
public final class EntityJsonView {

    private final JsonMapper mapper;
    private final ConcurrentMap<Class<?>, Set<String>> shownFields = new ConcurrentHashMap<>();

    /**
     * The JSON view of an application's mapper.
     *
     * @param mapper the application's JSON mapper
     */
    public EntityJsonView(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The entity's JSON, as the application's mapper writes it.
     *
     * @param entity the entity
     * @return its JSON
     */
    public byte[] write(Object entity) {
        return mapper.writeValueAsBytes(entity);
    }

    /**
     * Whether the application's JSON of {@code type} leaves out the Java field {@code field}. A property is
     * matched to a field by the name of the member Jackson writes it from: the field itself, a record's
     * accessor, or a {@code getX}/{@code isX} getter.
     *
     * @param type  the entity type
     * @param field the Java field's name
     * @return whether the JSON leaves it out
     */
    public boolean hides(Class<?> type, String field) {
        return !shownFields.computeIfAbsent(type, this::fieldsWritten).contains(field);
    }

    private Set<String> fieldsWritten(Class<?> type) {
        Set<String> names = new HashSet<>();
        mapper.acceptJsonFormatVisitor(type, new JsonFormatVisitorWrapper.Base() {
            @Override
            public JsonObjectFormatVisitor expectObjectFormat(JavaType objectType) {
                return new JsonObjectFormatVisitor.Base(getContext()) {
                    @Override
                    public void property(BeanProperty property) {
                        names.addAll(memberNames(property.getMember()));
                    }

                    @Override
                    public void optionalProperty(BeanProperty property) {
                        names.addAll(memberNames(property.getMember()));
                    }
                };
            }
        });
        return Set.copyOf(names);
    }

    private static Set<String> memberNames(AnnotatedMember member) {
        if (member == null) {
            return Set.of();
        }
        String name = member.getName();
        if (member instanceof AnnotatedMethod) {
            for (String prefix : new String[] { "get", "is" }) {
                if (name.length() > prefix.length() && name.startsWith(prefix)
                        && Character.isUpperCase(name.charAt(prefix.length()))) {
                    return Set.of(name, beanName(name.substring(prefix.length())));
                }
            }
        }
        return Set.of(name);
    }

    /** {@code Name} to {@code name}, {@code URL} left as is: the JavaBeans rule Jackson follows. */
    private static String beanName(String capitalised) {
        if (capitalised.length() > 1 && Character.isUpperCase(capitalised.charAt(1))) {
            return capitalised;
        }
        return Character.toLowerCase(capitalised.charAt(0)) + capitalised.substring(1);
    }
}
