package dev.lithair.spring.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Builds the context of a {@link DataLithairTest @DataLithairTest}, with the annotation's properties. */
class DataLithairTestContextBootstrapper extends TestSliceTestContextBootstrapper<DataLithairTest> {
}
