package dev.lithair.spring.observation;

import java.lang.reflect.Method;

import io.micrometer.observation.Observation;

/** What a {@code lithair.repository} observation knows of its call: the repository interface and the method. */
public class RepositoryObservationContext extends Observation.Context {

    private final Class<?> repositoryInterface;
    private final Method method;

    /**
     * The context of a repository call.
     *
     * @param repositoryInterface the repository interface called
     * @param method              the method called
     */
    public RepositoryObservationContext(Class<?> repositoryInterface, Method method) {
        this.repositoryInterface = repositoryInterface;
        this.method = method;
    }

    /** {@return the repository interface called} */
    public Class<?> getRepositoryInterface() {
        return repositoryInterface;
    }

    /** {@return the method called} */
    public Method getMethod() {
        return method;
    }
}
