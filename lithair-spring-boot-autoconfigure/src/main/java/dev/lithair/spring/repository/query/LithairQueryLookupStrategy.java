package dev.lithair.spring.repository.query;

import java.lang.reflect.Method;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;

import dev.lithair.spring.core.LithairOperations;

/**
 * Resolves every query method of a Lithair repository as a derived query: Lithair has no query
 * language, so the method name is the query.
 */
public class LithairQueryLookupStrategy implements QueryLookupStrategy {

    private final LithairOperations operations;

    /**
     * The strategy deriving every query from its method's name.
     *
     * @param operations what the queries read through
     */
    public LithairQueryLookupStrategy(LithairOperations operations) {
        this.operations = operations;
    }

    @Override
    public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
            NamedQueries namedQueries) {
        return new LithairPartTreeQuery(new QueryMethod(method, metadata, factory, null),
                metadata.getRepositoryInterface(), operations);
    }
}
