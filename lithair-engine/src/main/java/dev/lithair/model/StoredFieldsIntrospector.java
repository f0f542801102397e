package dev.lithair.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;

/**
 * Jackson's annotations as the store reads them: every persistent field is written and read, whatever
 * the entity's JSON hides from its API.
 *
 * <p>{@code @JsonIgnore}, {@code @JsonProperty(access = WRITE_ONLY)}, {@code @JsonIgnoreProperties},
 * {@code @JsonIncludeProperties} and {@code @JsonIgnoreType} say what an application's REST API shows, a
 * password hash being the usual case; the store must keep that field all the same, or a restart would lose
 * it. Other annotations (a renamed property, a creator) apply to the stored form as to any other. Stateless
 * and thread-safe.
 */
final class StoredFieldsIntrospector extends JacksonAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasIgnoreMarker(MapperConfig<?> config, AnnotatedMember member) {
        return false;
    }

    @Override
    public JsonProperty.Access findPropertyAccess(MapperConfig<?> config, Annotated annotated) {
        return null;
    }

    @Override
    public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
        return JsonIgnoreProperties.Value.empty();
    }

    @Override
    public JsonIncludeProperties.Value findPropertyInclusionByName(MapperConfig<?> config, Annotated annotated) {
        return JsonIncludeProperties.Value.all();
    }

    @Override
    public Boolean isIgnorableType(MapperConfig<?> config, AnnotatedClass annotatedClass) {
        return null;
    }
}
