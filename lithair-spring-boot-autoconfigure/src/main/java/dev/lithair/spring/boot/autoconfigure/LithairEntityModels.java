package dev.lithair.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.model.EntityModel;

/**
 * The models of the entity types the store is opened with, each named as configured
 * ({@code lithair.entity-names}) or after its simple class name, with the configured default history
 * policy for fields without {@code @Historize}. Immutable.
 *
 * @param models the models, in the order of their classes
 */
public record LithairEntityModels(List<EntityModel<?>> models) {

    /**
     * Copies the models.
     *
     * @param models the models, in the order of their classes
     */
    public LithairEntityModels {
        models = List.copyOf(models);
    }

    /**
     * Reads the model of each class.
     *
     * @param names         entity type name per class name (fully qualified, either binary or canonical
     *                      form, compared ignoring case); a name for a class that is not an entity class is
     *                      an error, as it is certainly a mistake
     * @param defaultPolicy the history policy of fields without {@code @Historize}
     * @param classes       the entity classes
     * @return the models, in the order of their classes
     * @throws InvalidLithairConfigurationException when a name matches no class, two types share a name, or
     *                                              a class cannot be an entity
     */
    public static LithairEntityModels of(LithairEntityClasses classes, Map<String, String> names,
            HistoryPolicy defaultPolicy) {
        Map<String, String> byLowerCaseClass = new LinkedHashMap<>();
        names.forEach((className, name) -> byLowerCaseClass.put(className.toLowerCase(Locale.ROOT), name));
        Map<String, String> unused = new LinkedHashMap<>(names);
        List<EntityModel<?>> models = new ArrayList<>();
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : classes.classes()) {
            String name = type.getSimpleName();
            for (String key : keysOf(type)) {
                String configured = byLowerCaseClass.get(key.toLowerCase(Locale.ROOT));
                if (configured != null) {
                    name = configured;
                    unused.keySet().removeIf(className -> className.equalsIgnoreCase(key));
                }
            }
            Class<?> other = byName.putIfAbsent(name, type);
            if (other != null) {
                throw new InvalidLithairConfigurationException("Two entity classes are named '" + name + "': "
                        + other.getName() + " and " + type.getName() + ".",
                        "Give one of them another name, e.g. lithair.entity-names[" + type.getName() + "]="
                                + type.getSimpleName() + "2");
            }
            try {
                models.add(EntityModel.of(type, name, defaultPolicy));
            } catch (IllegalArgumentException e) {
                throw new InvalidLithairConfigurationException(type.getName() + " cannot be a Lithair entity: "
                        + e.getMessage() + ".", "Fix the class, or leave it out of the entity classes by defining "
                                + "a LithairEntityClasses bean.", e);
            }
        }
        if (!unused.isEmpty()) {
            throw new InvalidLithairConfigurationException("lithair.entity-names names classes that are not entity "
                    + "classes: " + unused.keySet() + ". Entity classes found: " + classes.classes().stream()
                            .map(Class::getName).toList() + ".",
                    "Use the fully qualified name of an entity class (a class with an @Id or Lithair annotation in "
                            + "the application's packages), in brackets: lithair.entity-names[com.example.Product]=Item");
        }
        return new LithairEntityModels(models);
    }

    private static List<String> keysOf(Class<?> type) {
        return type.getCanonicalName() == null || type.getCanonicalName().equals(type.getName())
                ? List.of(type.getName()) : List.of(type.getName(), type.getCanonicalName());
    }

    /**
     * The model of the entity type with this name.
     *
     * @param name the entity type's name
     * @return the model, or empty
     */
    public Optional<EntityModel<?>> byName(String name) {
        return models.stream().filter(model -> model.name().equals(name)).findFirst();
    }

    /**
     * The names of the entity types, in order.
     *
     * @return the names
     */
    public List<String> names() {
        return models.stream().map(EntityModel::name).toList();
    }
}
