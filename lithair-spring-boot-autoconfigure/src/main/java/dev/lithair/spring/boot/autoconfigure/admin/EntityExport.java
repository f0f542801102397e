package dev.lithair.spring.boot.autoconfigure.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;

import dev.lithair.model.EntityModel;
import dev.lithair.store.LithairStore;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a store's live entities of one type as JSON lines, for the single store's export route and each
 * tenant's: one place decides which types can be exported and what their lines hide. Thread-safe.
 */
final class EntityExport {

    private static final int FLUSH_EVERY_LINES = 1000;

    private final List<EntityModel<?>> models;
    private final EntityJsonView view;
    private final ObjectWriter documentWriter = JsonMapper.builder().build().writer();

    EntityExport(List<EntityModel<?>> models, EntityJsonView view) {
        this.models = List.copyOf(models);
        this.view = view;
    }

    /** The registered types' names, in registration order. */
    List<String> typeNames() {
        return models.stream().map(EntityModel::name).toList();
    }

    /** The model of a registered type, or empty for a schemaless one. */
    Optional<EntityModel<?>> modelNamed(String type) {
        return models.stream().filter(model -> model.name().equals(type)).findFirst();
    }

    /** Refuses with 404 a type that is neither registered nor stored schemaless in {@code store}. */
    void requireKnownType(LithairStore store, String type) {
        Set<String> known = knownTypes(store);
        if (!known.contains(type)) {
            throw LithairAdminController.problem(HttpStatus.NOT_FOUND, "Unknown entity type",
                    "No entity type is named '" + type + "'. Known types: " + known + ".");
        }
    }

    /**
     * Writes every live entity of {@code type}, one JSON document per line: a registered type as the
     * application's JSON shows it ({@link EntityJsonView}), a schemaless one as stored.
     */
    void write(LithairStore store, String type, HttpServletResponse response) {
        requireKnownType(store, type);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(LithairAdminController.JSON_LINES);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            OutputStream out = response.getOutputStream();
            int lines = 0;
            for (byte[] line : linesOf(store, type)) {
                out.write(line);
                out.write('\n');
                if (++lines % FLUSH_EVERY_LINES == 0) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export of " + type + " failed", e);
        }
    }

    /** The registered types, and the schemaless types that have entities. */
    private Set<String> knownTypes(LithairStore store) {
        Set<String> types = new TreeSet<>(typeNames());
        types.addAll(store.stats().entityCounts().keySet());
        return types;
    }

    @SuppressWarnings("unchecked")
    private Iterable<byte[]> linesOf(LithairStore store, String type) {
        Optional<EntityModel<?>> model = modelNamed(type);
        if (model.isEmpty()) {
            List<?> documents = store.all(type);
            return () -> documents.stream().map(documentWriter::writeValueAsBytes).iterator();
        }
        List<Object> entities = store.findAll((Class<Object>) model.get().type());
        return () -> entities.stream().map(view::write).iterator();
    }
}
