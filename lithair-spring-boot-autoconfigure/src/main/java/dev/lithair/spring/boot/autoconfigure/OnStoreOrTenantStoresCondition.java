package dev.lithair.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;

import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.store.LithairStore;

/**
 * Matches when there is Lithair data to administer: the single {@link LithairStore} bean, or, with tenants
 * enabled, the {@link TenantStores} bean.
 */
class OnStoreOrTenantStoresCondition extends AnyNestedCondition {

    OnStoreOrTenantStoresCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(LithairStore.class)
    static class SingleStore {
    }

    @ConditionalOnBean(TenantStores.class)
    static class Tenants {
    }
}
