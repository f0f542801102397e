package dev.lithair.spring.repository.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * Calls the repository's base class ({@link SimpleLithairRepository} or the configured one) straight
 * from the front of the proxy's chain for the methods nothing else in the chain has work for.
 *
 * <p>Why: a Spring Data repository proxy passes every call through three interceptors (default
 * methods, query methods, then the composition of fragments, which looks the implementing method up
 * again and calls it by reflection). For a {@code findById} answered from memory in tens of
 * nanoseconds, that walk cost several times the lookup itself. The methods taken here are decided
 * once, when the proxy is built, with Spring Data's own answers: a method of the base class, not a
 * query method, not implemented by a custom fragment, not a default method, and returning the very
 * type the base class returns (so no result conversion is skipped). Every other method goes down
 * the chain as before. Validation of arguments and metadata exposure come earlier in the chain and
 * still run; invocation listeners (repository metrics) are told by the last interceptor, so the
 * factory turns the shortcut off when it has some.
 */
final class BaseMethodShortcut implements RepositoryProxyPostProcessor {

    private final BooleanSupplier enabled;

    /** @param enabled asked as each proxy is built: whether the shortcut may be taken */
    BaseMethodShortcut(BooleanSupplier enabled) {
        this.enabled = enabled;
    }

    @Override
    public void postProcess(ProxyFactory factory, RepositoryInformation information) {
        if (!enabled.getAsBoolean()) {
            return;
        }
        Map<Method, Method> direct = new HashMap<>();
        for (Method method : information.getRepositoryInterface().getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || !information.isBaseClassMethod(method)
                    || information.isCustomMethod(method) || information.isQueryMethod(method)) {
                continue;
            }
            Method target = information.getTargetClassMethod(method);
            if (target.getReturnType() != method.getReturnType()
                    || !target.getDeclaringClass().isAssignableFrom(information.getRepositoryBaseClass())) {
                continue;
            }
            ReflectionUtils.makeAccessible(target);
            direct.put(method, target);
        }
        if (!direct.isEmpty()) {
            factory.addAdvice(new Interceptor(Map.copyOf(direct)));
        }
    }

    /** Invokes the base class's method for the methods it knows, hands the others down the chain. */
    private static final class Interceptor implements MethodInterceptor {

        private static final Method DOWN_THE_CHAIN = ReflectionUtils.findMethod(Object.class, "toString");

        private final Map<Method, Method> direct;
        /**
         * The answers by the very {@code Method} instances the proxy passes (one per proxied method,
         * the same on every call): an identity lookup, where {@link Method#equals} compares names and
         * parameter types. Replaced, never modified, as methods are first seen.
         */
        private volatile Map<Method, Method> byInstance = new IdentityHashMap<>();

        Interceptor(Map<Method, Method> direct) {
            this.direct = direct;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            Method target = resolve(invocation.getMethod());
            if (target == DOWN_THE_CHAIN) {
                return invocation.proceed();
            }
            try {
                return target.invoke(invocation.getThis(), invocation.getArguments());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private Method resolve(Method called) {
            Method known = byInstance.get(called);
            if (known != null) {
                return known;
            }
            Method target = direct.getOrDefault(called, DOWN_THE_CHAIN);
            Map<Method, Method> grown = new IdentityHashMap<>(byInstance);
            grown.put(called, target);
            byInstance = grown;
            return target;
        }
    }
}
