package dev.lithair.replication.raft;

import org.rocksdb.ColumnFamilyOptions;

import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import com.alipay.sofa.jraft.util.StorageOptionsFactory;

/**
 * Smaller RocksDB memory tables for the Raft log of a tenant's group. JRaft's defaults size them for one
 * group per process (128 MB write buffers once its level-style tuning is applied, an 16 MB arena block
 * allocated per column family on the first write): about 35 MB of native memory per group and member,
 * measured, where a member runs a group per tenant. A 4 MB buffer holds some 20,000 entries, and a
 * snapshot truncates the log anyway.
 *
 * <p>JRaft reads options per group only with its system property
 * {@value #PER_GROUP_PROPERTY} set, and keeps the first options registered under a group id for the
 * life of the JVM; groups without options of their own (the cluster's group) keep JRaft's defaults.
 */
final class TenantLogStorageOptions {

    /** JRaft's switch for log storage options per group id. */
    static final String PER_GROUP_PROPERTY = "jraft.log_storage.rocksdb_opts.per_group";

    static final long WRITE_BUFFER_BYTES = 4L * 1024 * 1024;

    private TenantLogStorageOptions() {
    }

    /** Registers the smaller tables for the group, before its node starts; a second call keeps the first's. */
    static synchronized void register(String groupId) {
        System.setProperty(PER_GROUP_PROPERTY, "true");
        ColumnFamilyOptions options = StorageOptionsFactory.getDefaultRocksDBColumnFamilyOptions()
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2)
                .setMinWriteBufferNumberToMerge(1);
        try {
            StorageOptionsFactory.registerRocksDBColumnFamilyOptions(groupId, RocksDBLogStorage.class, options);
        } catch (IllegalStateException registeredBefore) {
            options.close(); // the group ran in this JVM before, with these same options
        }
    }
}
