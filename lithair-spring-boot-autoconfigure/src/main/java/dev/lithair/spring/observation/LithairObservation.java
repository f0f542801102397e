package dev.lithair.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations Lithair makes, with their names and keys: what a tracing backend shows as span names and
 * tags, and a meter registry as timer names and tags.
 */
public enum LithairObservation implements ObservationDocumentation {

    /**
     * One commit to the store: a repository's {@code save} or {@code delete} outside a transaction, or a
     * transaction's writes when it commits. A child of the observation current on the committing thread.
     */
    COMMIT {
        @Override
        public String getName() {
            return "lithair.commit";
        }

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultCommitObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return CommitKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return CommitDetailKeys.values();
        }
    },

    /** One call of a repository method, whatever it does: the commit of a write outside a transaction is its child. */
    REPOSITORY {
        @Override
        public String getName() {
            return "lithair.repository";
        }

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultRepositoryObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return RepositoryKeys.values();
        }
    };

    /** Low-cardinality keys of {@code lithair.commit}: tags of its timer as well as of its span. */
    public enum CommitKeys implements KeyName {

        /**
         * The entity types the commit writes, sorted and comma-separated ({@code Order,Product}). Bounded by the
         * application's entity types and the ways its code combines them in one transaction.
         */
        ENTITY_TYPES {
            @Override
            public String asString() {
                return "lithair.entity.types";
            }
        },

        /** How the commit ended: one of the {@link CommitOutcome} values. */
        OUTCOME {
            @Override
            public String asString() {
                return "lithair.outcome";
            }
        }
    }

    /** High-cardinality keys of {@code lithair.commit}: on its span only. */
    public enum CommitDetailKeys implements KeyName {

        /**
         * How many operations (puts, deletes, erasures) the commit holds. A count, not a bucket: a
         * {@code saveAll} has no upper bound, and a span wants the exact figure.
         */
        OPERATIONS {
            @Override
            public String asString() {
                return "lithair.commit.operations";
            }
        },

        /** The sequence of the commit's last event; absent when the commit failed. */
        SEQUENCE {
            @Override
            public String asString() {
                return "lithair.commit.sequence";
            }

            @Override
            public boolean isRequired() {
                return false;
            }
        },

        /**
         * Nanoseconds from the commit's record being written to the log until the commit was acknowledged: the
         * wait for the force (fsync) with {@code lithair.storage.fsync=always}. Absent when the commit failed
         * and in a cluster, whose force happens on the members.
         */
        FORCE_WAIT_NANOS {
            @Override
            public String asString() {
                return "lithair.commit.force.wait.nanos";
            }

            @Override
            public boolean isRequired() {
                return false;
            }
        }
    }

    /** Low-cardinality keys of {@code lithair.repository}. */
    public enum RepositoryKeys implements KeyName {

        /** The repository interface's simple name ({@code ProductRepository}). */
        REPOSITORY {
            @Override
            public String asString() {
                return "lithair.repository.interface";
            }
        },

        /** The method called ({@code save}, {@code findByCategory}). */
        METHOD {
            @Override
            public String asString() {
                return "lithair.repository.method";
            }
        },

        /** {@code success}, or {@code error} when the call threw. */
        OUTCOME {
            @Override
            public String asString() {
                return "lithair.outcome";
            }
        }
    }
}
